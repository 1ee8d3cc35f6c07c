import type { GraphNode, Insight } from '../../model/index.js';
import { RECOMMENDATIONS } from './catalogue.js';
import type { EndpointSource, ReachEvidenceMark, Recommendation } from './types.js';

/**
 * Where an API or endpoint comes from: its `endpointSource`/`apiSource` property, or else its ARM id
 * (…/microsoft.apimanagement/…, …/workflows/<wf>/triggers/<t>, …/sites/<app>/functions/<fn>).
 */
export function apiSourceOf(node: GraphNode): EndpointSource | undefined {
  const declared = node.properties['endpointSource'] ?? node.properties['apiSource'];
  if (declared === 'apim' || declared === 'functionapp' || declared === 'logicapp') return declared;
  const id = node.id;
  if (id.includes('/microsoft.apimanagement/')) return 'apim';
  if (id.includes('/microsoft.logic/') || id.includes('/workflows/')) return 'logicapp';
  if (id.includes('/microsoft.web/sites/')) return 'functionapp';
  return undefined;
}

export function recommendationApplies(rec: Recommendation, node: GraphNode): boolean {
  if (!rec.appliesTo.includes(node.kind)) return false;
  if (rec.when && node.properties[rec.when.property] !== rec.when.equals) return false;
  if (!rec.sources || (node.kind !== 'Api' && node.kind !== 'ApiEndpoint')) return true;
  const source = apiSourceOf(node);
  return source !== undefined && rec.sources.includes(source);
}

/** Whether the insight's evidence chain (`insightEvidence[insight].chain`) carries a non-empty `mark`. */
function evidenceMarked(node: GraphNode, insight: Insight, mark: ReachEvidenceMark): boolean {
  const all = node.properties['insightEvidence'];
  const evidence = all && typeof all === 'object' && !Array.isArray(all) ? all[insight] : null;
  const chain = evidence && typeof evidence === 'object' && !Array.isArray(evidence) ? evidence['chain'] : null;
  const value = chain && typeof chain === 'object' && !Array.isArray(chain) ? chain[mark] : null;
  return Array.isArray(value) && value.length > 0;
}

/** The recommendations an insight on this node calls for. */
export function recommendationsFor(node: GraphNode, insight: Insight): Recommendation[] {
  return RECOMMENDATIONS.filter(
    (r) =>
      r.insight === insight &&
      recommendationApplies(r, node) &&
      (!r.whenEvidence || evidenceMarked(node, insight, r.whenEvidence)),
  );
}
