import type { GraphNode } from '../model/index.js';
import type { GraphStore, RunContext } from '../store/index.js';
import type { TransformTable } from './azure/transform.js';
import type { InputRow } from '../util/input/rows.js';
import { NoDataError } from '../util/errors.js';
import { streamInputFiles } from '../util/input/read-files.js';
import { ResourceTransformer, type SkippedRow, type TransformResult } from './resource-transformer.js';
import type { IncompleteRow } from './collect.js';
import { ingestTraffic, type TrafficIngestSummary } from './traffic.js';
import type { Classifier } from '../classify/index.js';
import { readGatewayLogs, type GatewayLogInput, type SamplingOptions } from '../traffic/index.js';

export type { SkippedRow, TransformResult } from './resource-transformer.js';
export type { IncompleteRow } from './collect.js';

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
   * Fail the run (nothing written) on a row that cannot be placed (no id). Without it such rows are reported and
   * skipped, and stale-data removal is skipped for every subscription they could belong to: a resource whose row
   * was unreadable must not be removed as if it were gone.
   */
  readonly strict?: boolean;
  /**
   * Accept input that yields no resource row apiposture reads (and no gateway log row). Without it such a run fails
   * before anything is written: an empty scan must not pass for a clean estate.
   */
  readonly allowEmpty?: boolean;
  /** Reservoir sampling of gateway log rows per endpoint (size, rate, seed). */
  readonly sampling?: SamplingOptions;
  /** The sensitive-data classifier (built-in types and labels unless a config supplies custom ones). */
  readonly classifier?: Classifier;
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
  /** Rows left out (they could not be placed), with where they are and why. */
  readonly skippedRows: readonly SkippedRow[];
  /** Subscriptions whose stale data was kept because a skipped row could be theirs. */
  readonly keptStale: readonly string[];
  /** Rows whose type was read from their id or normalised from an alias spelling. */
  readonly typedFromId: number;
  /** Child rows left out because their parent is in neither the input nor the store, each naming that parent. */
  readonly incomplete: readonly IncompleteRow[];
  /** What the gateway logs among the inputs showed, when there were any. */
  readonly traffic?: TrafficIngestSummary;
}

/**
 * Pure stage: resource rows → validated nodes and edges. Any malformed row throws an InputError naming its
 * file and position before anything is written, so bad input never leaves a half-loaded graph.
 */
export async function transformResourceRows(
  rows: Iterable<InputRow>,
  options: Pick<IngestOptions, 'source' | 'transforms' | 'strict'>,
  lookupStored?: (ids: string[]) => Promise<readonly GraphNode[]>,
): Promise<TransformResult> {
  const transformer = new ResourceTransformer(options);
  for (const row of rows) transformer.add(row);
  return transformer.finish(lookupStored);
}

/** Takes the items out in batches, so each batch can be collected once the store has its own copy. */
function* drain<T>(items: T[], size: number): Generator<T[]> {
  while (items.length > 0) yield items.splice(0, size);
}

/** get → transform → load → cleanup for Azure's own JSON files (exports, or rows fetched live). */
/**
 * Azure export files and the gateway logs among them: resources first (get → transform → load → cleanup), then the
 * logs (streamed, mapped to the stored operations, sampled and classified; only aggregates and findings are kept).
 */
export async function ingestFiles(store: GraphStore, paths: readonly string[], options: IngestOptions): Promise<IngestSummary> {
  // Rows are transformed as they are read and dropped, so only the graph (not the raw JSON) is held.
  const transformer = new ResourceTransformer(options);
  const input = await streamInputFiles(
    paths,
    (row) => transformer.add(row),
    (file) => options.onProgress?.({ stage: 'read', file }),
  );
  options.onProgress?.({ stage: 'transform', rows: input.resourceRows });
  const result = await transformer.finish((ids) => store.getNodes(ids));
  if (!options.allowEmpty && input.logs.length === 0 && input.logFiles.length === 0) assertSomethingRead(paths, input.files, result);
  // Logs are mapped onto the stored operations, so they are ingested after the resources are loaded; a malformed log
  // must still fail the run before anything is written. Costs one extra read of the logs.
  if (input.logs.length > 0 || input.logFiles.length > 0) await checkGatewayLogs([...input.logs, ...input.logFiles]);
  const summary = await loadResult(store, result, input.resourceRows, options, { files: input.files, logRows: input.logs.length });
  if (input.logs.length === 0 && input.logFiles.length === 0) return summary;
  options.onProgress?.({ stage: 'traffic', files: input.logFiles.length, rows: input.logs.length });
  const traffic = await ingestTraffic(store, [...input.logs, ...input.logFiles], {
    run: options.run,
    ...(options.sampling ? { sampling: options.sampling } : {}),
    ...(options.classifier ? { classifier: options.classifier } : {}),
  });
  return { ...summary, logRows: traffic.rows, traffic };
}

/** Refuses input with no resource row of a type apiposture reads: nothing is written, the store keeps what it held. */
function assertSomethingRead(paths: readonly string[], files: readonly string[], result: TransformResult): void {
  const rows = Object.values(result.types).reduce((sum, n) => sum + n, 0);
  const unread = Object.values(result.unknownTypes).reduce((sum, n) => sum + n, 0);
  if (rows > unread) return;
  const input = `${paths.join(', ')} (${files.length} file(s))`;
  const why =
    rows > 0
      ? `${rows} resource row(s), none of a type apiposture reads (${Object.keys(result.unknownTypes).sort().join(', ')})`
      : result.skippedRows.length > 0
        ? `no readable resource row (${result.skippedRows.length} skipped)`
        : 'no resource row';
  throw new NoDataError(`${input}: ${why}; nothing was stored. Pass --allow-empty if an empty estate is intended`);
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
  return loadResult(store, result, rows.length, options, extra);
}

/** load → cleanup: writes the transformed graph in batches, then removes what this run did not see. */
async function loadResult(
  store: GraphStore,
  result: TransformResult,
  resourceRows: number,
  options: IngestOptions,
  extra: { files: readonly string[]; logRows: number },
): Promise<IngestSummary> {
  const size = options.writeBatch ?? 10_000;
  const nodes = result.nodes.length;
  const edges = result.edges.length;
  let done = 0;
  for (const batch of drain(result.nodes, size)) {
    await store.upsertNodes(batch, options.run);
    done += batch.length;
    options.onProgress?.({ stage: 'load', what: 'nodes', done, total: nodes });
  }
  done = 0;
  let skippedEdges = 0;
  for (const batch of drain(result.edges, size)) {
    skippedEdges += (await store.upsertEdges(batch, options.run)).skipped;
    done += batch.length;
    options.onProgress?.({ stage: 'load', what: 'edges', done, total: edges });
  }
  const kept = new Set(result.keepStale);
  const cleaned = result.subscriptions.filter((s) => !kept.has(s));
  // The progress line names only the subscriptions really cleaned, so it agrees with the summary.
  options.onProgress?.({ stage: 'cleanup', subscriptions: cleaned });
  const cleanup = await store.completeRun(options.run, cleaned);
  return {
    files: extra.files,
    resourceRows,
    logRows: extra.logRows,
    types: result.types,
    unknownTypes: result.unknownTypes,
    subscriptions: result.subscriptions,
    nodes,
    edges: edges - skippedEdges,
    skippedEdges,
    removedNodes: cleanup.removedNodes,
    removedEdges: cleanup.removedEdges,
    skippedRows: result.skippedRows,
    keptStale: result.keepStale,
    typedFromId: result.typedFromId,
    incomplete: result.incomplete,
  };
}
