import type { GraphEdge, GraphNode } from '../model/index.js';
import type { GraphStore, RunContext } from '../store/index.js';
import { InputError } from '../util/errors.js';
import { parseArmRow } from './azure/arm-row.js';
import { linkDependencies, linkEndpoints } from './azure/link.js';
import type { TransformTable } from './azure/transform.js';
import { subscriptionRef } from './azure/transform.js';
import { AZURE_TRANSFORMS } from './azure/transforms/index.js';
import { GraphCollector } from './collect.js';
import type { InputRow } from './input/rows.js';
import { readInputFiles } from './input/read-files.js';
import { ingestTraffic, type TrafficIngestSummary } from './traffic.js';
import type { Classifier } from '../classify/index.js';
import { readGatewayLogs, type GatewayLogInput, type SamplingOptions } from '../traffic/index.js';

export type IngestSource = 'azure-export' | 'azure-live';

export type IngestProgress =
  | { readonly stage: 'read'; readonly file: string }
  | { readonly stage: 'transform'; readonly rows: number }
  | { readonly stage: 'load'; readonly what: 'nodes' | 'edges'; readonly done: number; readonly total: number }
  | { readonly stage: 'cleanup'; readonly subscriptions: readonly string[] }
  | { readonly stage: 'traffic'; readonly files: number; readonly rows: number };

export interface IngestOptions {
  readonly source: IngestSource;
  readonly run: RunContext;
  readonly transforms?: TransformTable;
  readonly onProgress?: (event: IngestProgress) => void;
  /** Rows per store write call. */
  readonly writeBatch?: number;
  /**
   * Report rows without `id` or `type` and go on without them, instead of failing the run. Cleanup is then
   * skipped for the run: a resource whose row was unreadable must not be removed as if it were gone.
   */
  readonly skipInvalidRows?: boolean;
  /** Reservoir sampling of gateway log rows per endpoint (size, rate, seed). */
  readonly sampling?: SamplingOptions;
  /** The sensitive-data classifier (built-in types and labels unless a config supplies custom ones). */
  readonly classifier?: Classifier;
}

export interface SkippedRow {
  readonly file: string;
  readonly index: number;
  readonly reason: string;
}

export interface IngestSummary {
  readonly files: readonly string[];
  readonly resourceRows: number;
  readonly logRows: number;
  /** Rows read, by lower-cased ARM type. */
  readonly types: Readonly<Record<string, number>>;
  /** Rows of types apiposture does not read, by type: counted, never fatal. */
  readonly unknownTypes: Readonly<Record<string, number>>;
  readonly subscriptions: readonly string[];
  readonly nodes: number;
  readonly edges: number;
  readonly skippedEdges: number;
  readonly removedNodes: number;
  readonly removedEdges: number;
  /** Rows left out under `skipInvalidRows`, with where they are and why. */
  readonly skippedRows: readonly SkippedRow[];
  /** What the gateway logs among the inputs showed, when there were any. */
  readonly traffic?: TrafficIngestSummary;
}

export interface TransformResult {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly types: Record<string, number>;
  readonly unknownTypes: Record<string, number>;
  readonly subscriptions: string[];
  readonly skippedRows: SkippedRow[];
}

/**
 * Pure stage: resource rows → validated nodes and edges. Any malformed row throws an InputError naming its
 * file and position before anything is written, so bad input never leaves a half-loaded graph.
 */
export async function transformResourceRows(
  rows: readonly InputRow[],
  options: Pick<IngestOptions, 'source' | 'transforms' | 'skipInvalidRows'>,
  lookupStored: (ids: string[]) => Promise<readonly GraphNode[]> = async () => [],
): Promise<TransformResult> {
  const transforms = options.transforms ?? AZURE_TRANSFORMS;
  const collector = new GraphCollector();
  const types: Record<string, number> = {};
  const unknownTypes: Record<string, number> = {};
  const subscriptions = new Set<string>();
  const skippedRows: SkippedRow[] = [];
  for (const input of rows) {
    let row;
    try {
      row = parseArmRow(input);
    } catch (error) {
      if (!(options.skipInvalidRows && error instanceof InputError)) throw error;
      skippedRows.push({ file: input.file, index: input.index, reason: error.reason });
      continue;
    }
    types[row.type] = (types[row.type] ?? 0) + 1;
    const transform = transforms[row.type];
    if (!transform) {
      unknownTypes[row.type] = (unknownTypes[row.type] ?? 0) + 1;
      continue;
    }
    const position = { file: input.file, index: input.index, ...(input.line !== undefined ? { line: input.line } : {}) };
    if (row.subscriptionId) {
      subscriptions.add(row.subscriptionId);
      if (!collector.nodes.has(subscriptionRef(row.subscriptionId).id)) {
        collector.at(position).node('Subscription', subscriptionRef(row.subscriptionId).id, {
          name: row.subscriptionId,
          subscriptionId: row.subscriptionId,
          azureType: 'microsoft.resources/subscriptions',
        });
      }
    }
    try {
      transform(row, collector.at(position));
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(position, `cannot read ${row.type} ${row.id}: ${(error as Error).message}`);
    }
  }
  const found = await lookupStored([...linkDependencies(collector.nodes), ...collector.updateDependencies()]);
  collector.applyUpdates(new Map(found.map((n) => [n.id, n.kind])));
  const stored = new Map(found.map((n) => [n.id, n.properties]));
  linkEndpoints(collector.nodes, (id) => collector.nodes.get(id)?.properties ?? stored.get(id));
  const { nodes, edges } = collector.build(options.source);
  return { nodes, edges, types, unknownTypes, subscriptions: [...subscriptions].sort(), skippedRows };
}

function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** get → transform → load → cleanup for Azure's own JSON files (exports, or rows fetched live). */
/**
 * Azure export files and the gateway logs among them: resources first (get → transform → load → cleanup), then the
 * logs (streamed, mapped to the stored operations, sampled and classified; only aggregates and findings are kept).
 */
export async function ingestFiles(store: GraphStore, paths: readonly string[], options: IngestOptions): Promise<IngestSummary> {
  const input = await readInputFiles(paths, (file) => options.onProgress?.({ stage: 'read', file }));
  // Logs are mapped onto the stored operations, so they are read after the resources are loaded; a malformed log
  // must still fail the run before anything is written. Costs one extra read of the logs.
  if (input.logs.length > 0 || input.logFiles.length > 0) await checkGatewayLogs([...input.logs, ...input.logFiles]);
  const summary = await ingestRows(store, input.resources, { ...options }, { files: input.files, logRows: input.logs.length });
  if (input.logs.length === 0 && input.logFiles.length === 0) return summary;
  options.onProgress?.({ stage: 'traffic', files: input.logFiles.length, rows: input.logs.length });
  const traffic = await ingestTraffic(store, [...input.logs, ...input.logFiles], {
    run: options.run,
    ...(options.sampling ? { sampling: options.sampling } : {}),
    ...(options.classifier ? { classifier: options.classifier } : {}),
  });
  return { ...summary, logRows: traffic.rows, traffic };
}

/** Reads gateway logs to the end without keeping anything: the first malformed row throws its InputError. */
async function checkGatewayLogs(inputs: readonly GatewayLogInput[]): Promise<void> {
  for await (const record of readGatewayLogs(inputs)) void record;
}

export async function ingestRows(
  store: GraphStore,
  rows: readonly InputRow[],
  options: IngestOptions,
  extra: { files: readonly string[]; logRows: number } = { files: [], logRows: 0 },
): Promise<IngestSummary> {
  options.onProgress?.({ stage: 'transform', rows: rows.length });
  const result = await transformResourceRows(rows, options, (ids) => store.getNodes(ids));
  const size = options.writeBatch ?? 10_000;
  let done = 0;
  for (const batch of batches(result.nodes, size)) {
    await store.upsertNodes(batch, options.run);
    done += batch.length;
    options.onProgress?.({ stage: 'load', what: 'nodes', done, total: result.nodes.length });
  }
  done = 0;
  let skippedEdges = 0;
  for (const batch of batches(result.edges, size)) {
    skippedEdges += (await store.upsertEdges(batch, options.run)).skipped;
    done += batch.length;
    options.onProgress?.({ stage: 'load', what: 'edges', done, total: result.edges.length });
  }
  options.onProgress?.({ stage: 'cleanup', subscriptions: result.subscriptions });
  const cleanup = await store.completeRun(options.run, result.skippedRows.length ? [] : result.subscriptions);
  return {
    files: extra.files,
    resourceRows: rows.length,
    logRows: extra.logRows,
    types: result.types,
    unknownTypes: result.unknownTypes,
    subscriptions: result.subscriptions,
    nodes: result.nodes.length,
    edges: result.edges.length - skippedEdges,
    skippedEdges,
    removedNodes: cleanup.removedNodes,
    removedEdges: cleanup.removedEdges,
    skippedRows: result.skippedRows,
  };
}
