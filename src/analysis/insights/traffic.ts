import { validateEdge, validateNode, type GraphEdge, type GraphNode, type JsonValue } from '../../model/index.js';
import { judgeActivity } from '../../traffic/activity.js';
import { obj } from '../../util/json.js';
import { prop, type GraphView } from '../graph-view.js';
import type { InsightSet } from './collector.js';

export interface TrafficInsightOptions {
  /** Days without calls, counted back from the end of the logs' window, after which an endpoint is Inactive. */
  readonly inactiveDays: number;
}

/** A stored sub-object, or an empty one: traffic summaries are optional all the way down. */
const record = (v: JsonValue | undefined): Record<string, JsonValue> =>
  (obj(v) as Record<string, JsonValue> | undefined) ?? {};

/** Inactive / AwaitingData from the window and last call the traffic ingest stored on the endpoint. */
function activity(
  endpoint: GraphNode,
  inactiveDays: number,
): { insight: 'Inactive' | 'AwaitingData' | null; evidence: JsonValue } {
  const window = record(record(endpoint.properties['traffic'])['window']);
  const start = window['start'];
  const end = window['end'];
  const judged = judgeActivity(
    typeof start === 'string' && typeof end === 'string' ? { start, end } : null,
    prop.str(endpoint, 'lastCalled') ?? null,
    inactiveDays,
  );
  if (judged.state === 'Active') return { insight: null, evidence: null };
  return { insight: judged.state, evidence: { source: 'traffic', reasons: [judged.evidence] } };
}

export interface TrafficResult {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

/**
 * Traffic-based insights: Inactive / AwaitingData, SensitiveData with its info types and label (EXPOSES_DATA to
 * SensitiveInfoType nodes, HAS_LABEL to SensitivityLabel nodes), and what the logs observed beside configuration:
 * calls served without credentials, calls from external callers.
 */
export function trafficInsights(view: GraphView, insights: InsightSet, options: TrafficInsightOptions): TrafficResult {
  const infoTypes = new Map<string, GraphNode>();
  const labels = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  for (const endpoint of view.ofKind('ApiEndpoint')) {
    const state = activity(endpoint, options.inactiveDays);
    if (state.insight) insights.add(endpoint, state.insight, state.evidence);

    const findings = Array.isArray(endpoint.properties['sensitiveFindings'])
      ? endpoint.properties['sensitiveFindings']
      : [];
    const label = prop.str(endpoint, 'sensitivityLabel');
    if (findings.length) {
      insights.add(endpoint, 'SensitiveData', { source: 'traffic', infoTypes: findings, ...(label ? { label } : {}) });
      for (const finding of findings) {
        const f = record(finding);
        const name = typeof f['infoType'] === 'string' ? f['infoType'] : null;
        if (!name) continue;
        const id = `sit:${name.toLowerCase()}`;
        if (!infoTypes.has(id))
          infoTypes.set(id, validateNode({ id, kind: 'SensitiveInfoType', properties: { name, source: 'analysis' } }));
        edges.push(
          validateEdge({
            kind: 'EXPOSES_DATA',
            from: endpoint.id,
            fromKind: 'ApiEndpoint',
            to: id,
            toKind: 'SensitiveInfoType',
            properties: {
              derived: true,
              locations: Array.isArray(f['locations']) ? (f['locations'] as string[]) : [],
              confidence: typeof f['confidence'] === 'string' ? f['confidence'] : undefined,
              responseClasses: Array.isArray(f['responseClasses']) ? (f['responseClasses'] as string[]) : [],
            },
          }),
        );
      }
    }
    if (label) {
      const id = `label:${label.toLowerCase()}`;
      if (!labels.has(id)) {
        labels.set(
          id,
          validateNode({
            id,
            kind: 'SensitivityLabel',
            properties: { name: label, priority: prop.num(endpoint, 'sensitivityLabelPriority'), source: 'analysis' },
          }),
        );
      }
      edges.push(
        validateEdge({
          kind: 'HAS_LABEL',
          from: endpoint.id,
          fromKind: 'ApiEndpoint',
          to: id,
          toKind: 'SensitivityLabel',
          properties: { derived: true },
        }),
      );
    }
  }
  return { nodes: [...infoTypes.values(), ...labels.values()], edges };
}

/** What the logs observed, added beside the configuration's evidence (config says one thing, traffic another). */
export function trafficObservations(view: GraphView, insights: InsightSet): void {
  for (const endpoint of view.ofKind('ApiEndpoint')) {
    const traffic = record(endpoint.properties['traffic']);
    const credentials = record(traffic['credentials']);
    const scopes = record(traffic['callerScopes']);
    const served =
      typeof credentials['servedWithoutCredentialSeen'] === 'number' ? credentials['servedWithoutCredentialSeen'] : 0;
    const external = typeof scopes['external'] === 'number' ? scopes['external'] : 0;
    const anonymous = insights.evidence(endpoint.id, 'AllowsAnonymousAccess');
    if (served > 0 && anonymous && typeof anonymous === 'object' && !Array.isArray(anonymous)) {
      anonymous['observed'] = `${served} call(s) served with no subscription key or credential seen in the logs`;
    }
    const exposed = insights.evidence(endpoint.id, 'InternetExposed');
    if (external > 0 && exposed && typeof exposed === 'object' && !Array.isArray(exposed)) {
      exposed['observed'] = `${external} call(s) from external (public) caller addresses in the logs`;
    }
  }
}
