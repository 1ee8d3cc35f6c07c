import { recommendationById } from '../../analysis/recommendations/index.js';
import { isInsight, isNodeKind, type GraphNode } from '../../model/index.js';
import { SEVERITIES } from '../../analysis/recommendations/types.js';
import type { PropertyFilter } from '../../store/index.js';
import { decodeOneOf, decodeString } from '../../util/decode.js';
import { pageSize, storeOf, type ApiContext } from '../context.js';
import { connectionFields, nodeConnection, text, type Connection } from './connection.js';

async function findings(
  _: unknown,
  args: { first: number; after?: string | null; severity?: string | null },
  context: ApiContext,
): Promise<Connection<GraphNode>> {
  const where: PropertyFilter[] = args.severity ? [{ property: 'severity', op: 'eq', value: args.severity }] : [];
  const page = await storeOf(context).listNodes({
    kind: 'Finding',
    where,
    first: pageSize(args.first, context),
    after: args.after ?? null,
  });
  return nodeConnection(page, async () => (args.severity ? null : ((await context.loaders.counts()).Finding ?? 0)));
}

export const findingQueries = { findings };

const decodeSeverity = decodeOneOf(SEVERITIES, 'severity');

/** Finding nodes (src/model/nodes.ts) as the Finding type; the fields the SDL requires are checked, not defaulted. */
export const findingTypes = {
  FindingConnection: connectionFields,
  Finding: {
    recommendation: (node: GraphNode) =>
      text(node.properties['recommendation']) ?? text(node.properties['name']) ?? node.id,
    recommendationId: (node: GraphNode) => text(node.properties['recommendationId']),
    severity: (node: GraphNode) => decodeSeverity(node.properties['severity'], `Finding ${node.id}: severity`),
    assetId: (node: GraphNode) => decodeString(node.properties['assetId'], `Finding ${node.id}: assetId`),
    assetKind: (node: GraphNode) => {
      const kind = text(node.properties['assetKind']);
      return kind && isNodeKind(kind) ? kind : null;
    },
    asset: (node: GraphNode, _: unknown, context: ApiContext) => {
      const id = text(node.properties['assetId']);
      return id ? context.loaders.nodes.load(id) : null;
    },
    insight: (node: GraphNode) => {
      const insight = text(node.properties['insight']);
      return insight && isInsight(insight) ? insight : null;
    },
    evidence: (node: GraphNode) => node.properties['evidence'] ?? null,
    // From the catalogue, not the stored node: remediation text follows the installed version.
    remediation: (node: GraphNode) => {
      const rec = recommendationById(text(node.properties['recommendationId']) ?? '');
      return rec ? { text: rec.description, steps: rec.remediation } : null;
    },
  },
};
