import { createClassifier, type Classifier, type Finding } from '../classify/index.js';
import { validateNode, type GraphNode, type JsonValue } from '../model/index.js';
import type { GraphStore, RunContext } from '../store/index.js';
import {
  analyzeGatewayLogFiles,
  loadEndpointCatalog,
  queryGatewayTraffic,
  type LogAnalyticsSettings,
  type LogAnalyticsTarget,
  type GatewayLogInput,
  type LogWindow,
  type SamplingOptions,
  type TrafficSample,
  type TrafficSummary,
} from '../traffic/index.js';
import { compareIds } from '../util/order.js';

export interface TrafficIngestOptions {
  readonly run: RunContext;
  readonly classifier?: Classifier;
  readonly sampling?: SamplingOptions;
  readonly onMalformed?: 'fail' | 'skip';
}

export interface TrafficIngestSummary {
  readonly rows: number;
  readonly matchedRows: number;
  readonly unmatchedRows: number;
  readonly window: LogWindow | null;
  /** Endpoints whose gateway's logs were read (with or without calls). */
  readonly endpointsCovered: number;
  readonly endpointsCalled: number;
  readonly endpointsWithSensitiveData: number;
}

interface TypeFindings {
  confidence: Finding['confidence'];
  locations: Set<string>;
  jsonPaths: Set<string>;
  responseClasses: Set<string>;
  samples: number;
}

const RANK = { low: 1, medium: 2, high: 3 } as const;

/** Per endpoint, per info type: where it was seen and how surely, accumulated over the sampled calls. */
class SensitiveFindings {
  private readonly byEndpoint = new Map<string, Map<string, TypeFindings>>();
  readonly flat = new Map<string, Finding[]>();

  add(endpointId: string, findings: readonly Finding[]): void {
    if (findings.length === 0) return;
    let types = this.byEndpoint.get(endpointId);
    if (!types) this.byEndpoint.set(endpointId, (types = new Map()));
    const flat = this.flat.get(endpointId) ?? [];
    for (const finding of findings) {
      let entry = types.get(finding.infoType);
      if (!entry) types.set(finding.infoType, (entry = { confidence: finding.confidence, locations: new Set(), jsonPaths: new Set(), responseClasses: new Set(), samples: 0 }));
      if (RANK[finding.confidence] > RANK[entry.confidence]) entry.confidence = finding.confidence;
      entry.locations.add(finding.location);
      if (finding.jsonPath) entry.jsonPaths.add(finding.jsonPath);
      if (finding.responseClass) entry.responseClasses.add(finding.responseClass);
      entry.samples += 1;
      flat.push(finding);
    }
    this.flat.set(endpointId, flat);
  }

  of(endpointId: string): JsonValue[] {
    const types = this.byEndpoint.get(endpointId);
    if (!types) return [];
    return [...types]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([infoType, f]) => ({
        infoType,
        confidence: f.confidence,
        locations: [...f.locations].sort(),
        jsonPaths: [...f.jsonPaths].sort(),
        responseClasses: [...f.responseClasses].sort(),
        findings: f.samples,
      }));
  }
}

function messageOf(sample: TrafficSample) {
  return {
    ...(sample.method !== undefined ? { method: sample.method } : {}),
    ...(sample.url !== undefined ? { url: sample.url } : {}),
    ...(sample.requestHeaders !== undefined ? { requestHeaders: sample.requestHeaders } : {}),
    ...(sample.requestBody !== undefined ? { requestBody: sample.requestBody } : {}),
    ...(sample.responseHeaders !== undefined ? { responseHeaders: sample.responseHeaders } : {}),
    ...(sample.responseBody !== undefined ? { responseBody: sample.responseBody } : {}),
    ...(sample.responseCode !== undefined ? { responseCode: sample.responseCode } : {}),
  };
}

/** The log window that covers an endpoint: its gateway's, or all logs' when rows carried no gateway id. */
function windowOf(summary: TrafficSummary, gatewayId: string): LogWindow | null {
  return summary.gateways.find((g) => g.gatewayId === gatewayId)?.window ?? (summary.rowsWithoutGateway > 0 ? summary.window : null);
}

/**
 * Gateway logs → what the endpoints' traffic showed: calls, first and last call, response classes, callers,
 * credentials seen, the log window that covers them, and the sensitive info types found in sampled messages
 * (classified as they stream by, never kept: only type, location, JSON path and response class are stored).
 */
export async function ingestTraffic(store: GraphStore, inputs: Iterable<GatewayLogInput>, options: TrafficIngestOptions): Promise<TrafficIngestSummary> {
  return storeTraffic(store, options, (catalog, onSample) =>
    analyzeGatewayLogFiles(inputs, catalog, {
      ...(options.sampling ? { sampling: options.sampling } : {}),
      ...(options.onMalformed ? { onMalformed: options.onMalformed } : {}),
      onSample,
    }).then((r) => r.summary),
  );
}

/** The same, straight from Log Analytics: totals aggregated in KQL plus a bounded, repeatable sample of rows. */
export async function ingestLiveTraffic(
  store: GraphStore,
  settings: LogAnalyticsSettings,
  target: LogAnalyticsTarget,
  options: TrafficIngestOptions & { readonly duration?: string },
): Promise<TrafficIngestSummary & { readonly partial: number }> {
  let partial = 0;
  const summary = await storeTraffic(store, options, async (catalog, onSample) => {
    const result = await queryGatewayTraffic(settings, target, catalog, {
      ...(options.sampling ? { sampling: options.sampling } : {}),
      ...(options.duration ? { duration: options.duration } : {}),
      onSample,
    });
    partial = result.partial.length;
    return result.summary;
  });
  return { ...summary, partial };
}

type Summarize = (
  catalog: Awaited<ReturnType<typeof loadEndpointCatalog>>,
  onSample: (sample: TrafficSample, endpointId: string) => void,
) => Promise<TrafficSummary>;

async function storeTraffic(store: GraphStore, options: TrafficIngestOptions, summarize: Summarize): Promise<TrafficIngestSummary> {
  const classifier = options.classifier ?? createClassifier();
  const catalog = await loadEndpointCatalog(store);
  const sensitive = new SensitiveFindings();
  const summary = await summarize(catalog, (sample, endpointId) => sensitive.add(endpointId, classifier.classifyMessage(messageOf(sample))));
  const traffic = new Map(summary.endpoints.map((e) => [e.endpointId, e]));
  const nodes: GraphNode[] = [];
  let called = 0;
  let withData = 0;
  for (const entry of catalog) {
    const window = windowOf(summary, entry.gatewayId);
    if (!window) continue;
    const t = traffic.get(entry.endpointId);
    const findings = sensitive.of(entry.endpointId);
    const label = classifier.labelFor(sensitive.flat.get(entry.endpointId) ?? []);
    if (t) called += 1;
    if (findings.length) withData += 1;
    nodes.push(
      validateNode({
        id: entry.endpointId,
        kind: 'ApiEndpoint',
        properties: {
          callCount: t?.calls ?? 0,
          lastCalled: t?.lastCall,
          firstCalled: t?.firstCall,
          traffic: {
            window: { start: window.start, end: window.end },
            calls: t?.calls ?? 0,
            ...(t
              ? {
                  responseClasses: t.responseClasses as unknown as JsonValue,
                  distinctCallers: t.callers as unknown as JsonValue,
                  callerScopes: t.callerScopes as unknown as JsonValue,
                  credentials: t.credentials as unknown as JsonValue,
                }
              : {}),
          },
          sensitiveFindings: findings,
          sensitiveInfoTypes: findings.map((f) => (f as { infoType: string }).infoType),
          sensitivityLabel: label?.name,
          sensitivityLabelPriority: label?.priority,
        },
      }),
    );
  }
  await store.upsertNodes(nodes, options.run);
  // Persists (memory) without removing anything: traffic runs never clean up resources.
  await store.completeRun(options.run, []);
  return {
    rows: summary.rows,
    matchedRows: summary.matchedRows,
    unmatchedRows: summary.unmatched.rows,
    window: summary.window,
    endpointsCovered: nodes.length,
    endpointsCalled: called,
    endpointsWithSensitiveData: withData,
  };
}
