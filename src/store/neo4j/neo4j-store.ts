import neo4j, { type Driver, type ManagedTransaction, type Node as Neo4jNode, type Session, type Transaction } from 'neo4j-driver';
import {
  EDGE_KINDS,
  NODE_KINDS,
  edgeProperties,
  isNodeKind,
  nodeProperties,
  type EdgeKind,
  type GraphEdge,
  type GraphNode,
  type JsonValue,
  type NodeKind,
  type Properties,
  type PropertyDeclarations,
} from '../../model/index.js';
import type { ExplorePage, ExplorerQuery } from '../../query/index.js';
import { ApiPostureError, NoDataError, StoreError } from '../../util/errors.js';
import type {
  AnalysisResult,
  CleanupReport,
  GraphChunk,
  GraphStore,
  ListOptions,
  Neighbour,
  NeighbourLists,
  NeighbourOptions,
  Page,
  RunContext,
  StoreState,
  UpsertReport,
} from '../port.js';
import { UNINGESTED_PROPERTIES, type GraphScope } from '../port.js';
import { checkListOptions, checkNeighbourOptions, encodeCursor } from '../query-options.js';
import {
  CLEANUP_EDGE_KINDS,
  CLEANUP_NODE_KINDS,
  INGESTED_EDGE_KINDS,
  INGESTED_NODE_KINDS,
  clearAnalysisCypher,
  cleanupEdgesCypher,
  cleanupNodesCypher,
  countEdgesCypher,
  countNodesCypher,
  createNodesCypher,
  existingIdsCypher,
  getNodesCypher,
  nodesByRefCypher,
  setInsightsCypher,
  streamEdgesCypher,
  streamNodesCypher,
  upsertEdgesCypher,
  upsertNodesCypher,
} from './cypher.js';
import { compileExplorerQuery } from './explore-cypher.js';
import { compileListQuery, compileNeighboursOfManyQuery } from './list-query.js';
import { withRetry, type RetryPolicy, DEFAULT_RETRY } from './retry.js';
import { constraintStatements, indexStatements } from './schema.js';
import { RECORD_ANALYSIS_CYPHER, RECORD_INGEST_CYPHER, readStateNode, stampParameters } from './state.js';

export interface Neo4jSettings {
  /** bolt://, neo4j:// (routing: clusters, Aura) or their +s/+ssc variants. */
  readonly uri: string;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly database?: string | undefined;
  /** Rows per UNWIND batch (default 5,000). */
  readonly batchSize?: number;
  /** Rows per cleanup DELETE batch (default 10,000). */
  readonly deleteBatchSize?: number;
  readonly retry?: RetryPolicy;
}

/** Neo4j stores nested values (tags, evidence) as JSON text; these convert both ways using the declarations. */
function encodeProperties(properties: Properties, declarations: PropertyDeclarations): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    out[name] = declarations[name]?.type === 'json' ? JSON.stringify(value) : value;
  }
  return out;
}

/** Neo4j never stores null: a null here is a property a query blanked out on purpose. */
function decodeProperties(raw: Record<string, unknown>, declarations: PropertyDeclarations): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const name in raw) {
    const value = raw[name];
    if (name === 'id' || value === null || value === undefined) continue;
    out[name] = declarations[name]?.type === 'json' && typeof value === 'string' ? (JSON.parse(value) as JsonValue) : (value as JsonValue);
  }
  return out;
}

/** Properties sent as parallel name and value lists (see streamNodesCypher), decoded as decodeProperties does. */
function decodeEntries(names: readonly string[], values: readonly unknown[], declarations: PropertyDeclarations): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = values[i];
    if (name === 'id' || value === null || value === undefined) continue;
    out[name] = declarations[name]?.type === 'json' && typeof value === 'string' ? (JSON.parse(value) as JsonValue) : (value as JsonValue);
  }
  return out;
}

export function kindFromLabels(labels: readonly string[]): NodeKind {
  const kind = labels.find(isNodeKind);
  if (!kind) throw new StoreError(`Node with labels ${labels.join(':')} has no known kind`);
  return kind;
}

export function nodeFromNeo4j(node: Neo4jNode): GraphNode {
  const kind = kindFromLabels(node.labels);
  return { id: node.properties['id'] as string, kind, properties: decodeProperties(node.properties, nodeProperties(kind)) };
}

function edgeFromRow(kind: EdgeKind, from: string, fromLabels: string[], to: string, toLabels: string[], raw: Record<string, unknown>): GraphEdge {
  return {
    kind,
    from,
    fromKind: kindFromLabels(fromLabels),
    to,
    toKind: kindFromLabels(toLabels),
    properties: decodeProperties(raw, edgeProperties(kind)),
  };
}

/** A uniqueness constraint refused the write (the store error wraps the driver's error as its cause). */
function isConstraintViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === CONSTRAINT_VIOLATION) return true;
  }
  return false;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One streamed edge: its ends' element ids and its properties as parallel name and value lists. */
interface EdgeRow {
  readonly from: string;
  readonly to: string;
  readonly names: readonly string[];
  readonly values: readonly unknown[];
}

const nodeRows = (nodes: readonly GraphNode[]) =>
  nodes.map((n) => ({ id: n.id, properties: encodeProperties(n.properties, nodeProperties(n.kind)) }));
const edgeRows = (edges: readonly GraphEdge[]) =>
  edges.map((e) => ({ from: e.from, to: e.to, properties: encodeProperties(e.properties, edgeProperties(e.kind)) }));

/** One UNWIND statement of a write: its rows are encoded only when it runs (and again if the transaction is retried). */
interface Statement {
  readonly cypher: string;
  readonly rows: number;
  readonly parameters: () => Record<string, unknown>;
  /** What runs instead when the server refuses `cypher` on a uniqueness constraint (a CREATE raced by another writer). */
  readonly onConflict?: string;
}

const CONSTRAINT_VIOLATION = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/** Concurrent write transactions for node upserts (the test server and a small Neo4j have 2 cores). */
const WRITE_LANES = 2;

/** Rows of one write transaction, in UNWIND batches: 2 × 5,000 by default, the size of the pipeline's write calls. */
const ROWS_PER_TRANSACTION_IN_BATCHES = 2;

/** Consecutive statements grouped into transactions of at most `maxRows` rows (a bigger statement goes alone). */
function transactionGroups(statements: readonly Statement[], maxRows: number): Statement[][] {
  const groups: Statement[][] = [];
  let current: Statement[] = [];
  let rows = 0;
  for (const statement of statements) {
    if (current.length > 0 && rows + statement.rows > maxRows) {
      groups.push(current);
      current = [];
      rows = 0;
    }
    current.push(statement);
    rows += statement.rows;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Splits statements into `count` lists of about equal rows, keeping each statement whole. */
function lanes(statements: readonly Statement[], count: number): Statement[][] {
  const out: Statement[][] = Array.from({ length: count }, () => []);
  const rows = new Array<number>(count).fill(0);
  for (const statement of [...statements].sort((a, b) => b.rows - a.rows)) {
    const lightest = rows.indexOf(Math.min(...rows));
    out[lightest]!.push(statement);
    rows[lightest]! += statement.rows;
  }
  return out.filter((lane) => lane.length > 0);
}

/** The production store: Neo4j through neo4j-driver, batched UNWIND … MERGE writes. */
export class Neo4jStore implements GraphStore {
  readonly name = 'neo4j' as const;
  private readonly batchSize: number;
  private readonly deleteBatchSize: number;
  private readonly retry: RetryPolicy;

  private constructor(
    private readonly driver: Driver,
    private readonly settings: Neo4jSettings,
  ) {
    this.batchSize = settings.batchSize ?? 5_000;
    this.deleteBatchSize = settings.deleteBatchSize ?? 10_000;
    this.retry = settings.retry ?? DEFAULT_RETRY;
  }

  static async open(settings: Neo4jSettings): Promise<Neo4jStore> {
    const auth = settings.user ? neo4j.auth.basic(settings.user, settings.password ?? '') : undefined;
    const driver = neo4j.driver(settings.uri, auth, {
      disableLosslessIntegers: true,
      userAgent: 'apiposture',
      maxTransactionRetryTime: 0,
    });
    const store = new Neo4jStore(driver, settings);
    try {
      await withRetry(() => driver.verifyConnectivity(settings.database ? { database: settings.database } : {}), store.retry);
      await store.applySchema();
    } catch (error) {
      await driver.close();
      if ((error as { code?: unknown }).code === 'Neo.ClientError.Database.DatabaseNotFound') {
        throw new NoDataError(
          `Neo4j at ${settings.uri} has no database ${settings.database ?? '(default)'}: nothing has been stored there; ` +
            'create it (or fix NEO4J_DATABASE), then run `apiposture scan <files> --store neo4j`',
        );
      }
      throw new StoreError(`Cannot use Neo4j at ${settings.uri}: ${(error as Error).message}`, { cause: error });
    }
    return store;
  }

  private session(mode: 'READ' | 'WRITE', fetchSize?: number): Session {
    return this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(fetchSize ? { fetchSize } : {}),
      ...(this.settings.database ? { database: this.settings.database } : {}),
    });
  }

  /**
   * A driver failure that outlived the retries, as a store error naming the server: the CLI turns it into one
   * line and exit code 4, the API into `STORE_UNAVAILABLE`, instead of an unexpected error with a stack.
   */
  private storeError(error: unknown): ApiPostureError {
    if (error instanceof ApiPostureError) return error;
    const { message, code } = error as { message?: unknown; code?: unknown };
    const text = (typeof message === 'string' ? message : String(error)).split('\n')[0]!.trim();
    const codeText = typeof code === 'string' && code && !text.includes(code) ? ` (${code})` : '';
    return new StoreError(`Neo4j at ${this.settings.uri} failed: ${text}${codeText}`, { cause: error });
  }

  /** Runs one unit of work in one transaction, retried as a whole on transient errors. */
  private async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    try {
      return await withRetry(async () => {
        const session = this.session('WRITE');
        try {
          return await session.executeWrite(work);
        } finally {
          await session.close();
        }
      }, this.retry);
    } catch (error) {
      throw this.storeError(error);
    }
  }

  private async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    try {
      return await withRetry(async () => {
        const session = this.session('READ');
        try {
          return await session.executeRead(work);
        } finally {
          await session.close();
        }
      }, this.retry);
    } catch (error) {
      throw this.storeError(error);
    }
  }

  private async applySchema(): Promise<void> {
    // Schema statements cannot share a transaction with each other; each runs on its own, idempotently.
    for (const statement of [...constraintStatements(), ...indexStatements()]) {
      await withRetry(async () => {
        const session = this.session('WRITE');
        try {
          await session.run(statement);
        } finally {
          await session.close();
        }
      }, this.retry);
    }
  }

  async upsertNodes(nodes: readonly GraphNode[], run: RunContext): Promise<UpsertReport> {
    // New nodes (all of them on a first ingest) are created outright; only the ones already stored are merged.
    const stored = await this.existingIds(nodes.map((n) => n.id));
    const statements: Statement[] = [];
    for (const group of groupBy(nodes, (n) => `${stored.has(n.id) ? 'merge' : 'create'}\u0000${n.kind}`).values()) {
      const { kind, id } = group[0]!;
      const merge = upsertNodesCypher(kind);
      const create = stored.has(id) ? null : createNodesCypher(kind);
      for (const batch of chunks(group, this.batchSize)) {
        const parameters = () => ({ rows: nodeRows(batch) });
        statements.push(create ? { cypher: create, rows: batch.length, parameters, onConflict: merge } : { cypher: merge, rows: batch.length, parameters });
      }
    }
    // Nodes of one call have distinct ids, so two transactions on disjoint halves never wait on each other's locks:
    // the server's second core works on the other half while the first commits.
    await Promise.all(lanes(statements, WRITE_LANES).map((lane) => this.writeStatements(lane, run)));
    return { written: nodes.length, skipped: 0 };
  }

  async upsertEdges(edges: readonly GraphEdge[], run: RunContext): Promise<UpsertReport> {
    const statements: Statement[] = [];
    for (const [kind, group] of groupBy(edges, (e) => e.kind)) {
      const cypher = upsertEdgesCypher(kind as EdgeKind);
      for (const batch of chunks(group, this.batchSize)) statements.push({ cypher, rows: batch.length, parameters: () => ({ rows: edgeRows(batch) }) });
    }
    // One lane: an edge MERGE locks both its ends, and edges of one call share ends (a subscription CONTAINS
    // thousands of resources), so concurrent transactions would only queue behind each other or deadlock.
    const written = await this.writeStatements(statements, run);
    return { written, skipped: edges.length - written };
  }

  /**
   * Runs the statements in as few transactions as the row cap allows (each retried as a whole): one commit per
   * call rather than one per kind and batch, which on a call of many kinds with few rows each was most of the time.
   * The cap keeps a transaction within the server's per-transaction memory. Returns the `written` counts.
   */
  private async writeStatements(statements: readonly Statement[], run: RunContext): Promise<number> {
    const stamp = { now: run.startedAt, runId: run.runId };
    const runGroup = (group: readonly Statement[], cypherOf: (s: Statement) => string) =>
      this.write(async (tx) => {
        let count = 0;
        for (const statement of group) {
          const result = await tx.run(cypherOf(statement), { ...statement.parameters(), ...stamp });
          count += (result.records[0]?.get('written') as number | undefined) ?? 0;
        }
        return count;
      });
    let written = 0;
    for (const group of transactionGroups(statements, this.batchSize * ROWS_PER_TRANSACTION_IN_BATCHES)) {
      try {
        written += await runGroup(group, (s) => s.cypher);
      } catch (error) {
        // The transaction was rolled back whole: run it again, merging where it created.
        if (!group.some((s) => s.onConflict) || !isConstraintViolation(error)) throw error;
        written += await runGroup(group, (s) => s.onConflict ?? s.cypher);
      }
    }
    return written;
  }

  /** The ids among these that the store already holds (one read; an index seek per id). */
  private async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const result = await this.read((tx) => tx.run(existingIdsCypher(), { ids }));
    return new Set(result.records.map((r) => r.get('id') as string));
  }

  private async deleteInBatches(cypher: string, parameters: Record<string, unknown>): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.write((tx) => tx.run(cypher, { ...parameters, batchSize: this.deleteBatchSize }));
      const removed = (result.records[0]?.get('removed') as number | undefined) ?? 0;
      total += removed;
      if (removed < this.deleteBatchSize) return total;
    }
  }

  async completeRun(run: RunContext, subscriptionIds: readonly string[]): Promise<CleanupReport> {
    let removedNodes = 0;
    let removedEdges = 0;
    for (const subscriptionId of subscriptionIds) {
      const parameters = { subscriptionId, runId: run.runId };
      for (const kind of CLEANUP_EDGE_KINDS) removedEdges += await this.deleteInBatches(cleanupEdgesCypher(kind), parameters);
      for (const kind of CLEANUP_NODE_KINDS) removedNodes += await this.deleteInBatches(cleanupNodesCypher(kind), parameters);
    }
    await this.write((tx) => tx.run(RECORD_INGEST_CYPHER, stampParameters(run)));
    return { removedNodes, removedEdges };
  }

  async getNode(id: string): Promise<GraphNode | null> {
    return (await this.getNodes([id]))[0] ?? null;
  }

  async getNodes(ids: readonly string[]): Promise<readonly GraphNode[]> {
    const result = await this.read((tx) => tx.run(getNodesCypher(), { ids: [...new Set(ids)] }));
    return result.records.map((r) => nodeFromNeo4j(r.get('n') as Neo4jNode));
  }

  async listNodes(options: ListOptions): Promise<Page<GraphNode>> {
    const { first, after } = checkListOptions(options);
    const { cypher, parameters } = compileListQuery(options, after, first + 1);
    const result = await this.read((tx) => tx.run(cypher, parameters));
    const nodes = result.records.map((r) => nodeFromNeo4j(r.get('n') as Neo4jNode));
    const items = nodes.slice(0, first);
    const last = items.at(-1);
    return { items, endCursor: last ? encodeCursor(last.id) : null, hasNextPage: nodes.length > first };
  }

  async neighbours(id: string, options: NeighbourOptions): Promise<readonly Neighbour[]> {
    return (await this.neighboursOfMany([id], options)).get(id) ?? [];
  }

  async neighboursOfMany(ids: readonly string[], options: NeighbourOptions): Promise<NeighbourLists> {
    checkNeighbourOptions(ids, options);
    const lists = new Map<string, Neighbour[]>(ids.map((id) => [id, []]));
    // No edge kind asked for: nothing can match (an empty relationship-type list would mean "any" in Cypher).
    if (lists.size === 0 || options.edgeKinds?.length === 0) return lists;
    const { cypher, parameters } = compileNeighboursOfManyQuery([...lists.keys()], options);
    const result = await this.read((tx) => tx.run(cypher, parameters));
    for (const r of result.records) {
      const edge = edgeFromRow(r.get('type') as EdgeKind, r.get('from') as string, r.get('fromLabels') as string[], r.get('to') as string, r.get('toLabels') as string[], r.get('properties') as Record<string, unknown>);
      lists.get(r.get('id') as string)?.push({ edge, node: nodeFromNeo4j(r.get('other') as Neo4jNode) });
    }
    return lists;
  }

  async explore(query: ExplorerQuery, page: ExplorePage): Promise<Page<GraphNode>> {
    const { cypher, parameters, first } = compileExplorerQuery(query, page);
    const result = await this.read((tx) => tx.run(cypher, parameters));
    const nodes = result.records.map((r) => nodeFromNeo4j(r.get('n') as Neo4jNode));
    const items = nodes.slice(0, first);
    const last = items.at(-1);
    return { items, endCursor: last ? encodeCursor(last.id) : null, hasNextPage: nodes.length > first };
  }

  async *streamGraph(chunkSize = 10_000, scope: GraphScope = 'all'): AsyncIterable<GraphChunk> {
    const ingestedOnly = scope === 'ingested';
    const nodeKinds = ingestedOnly ? INGESTED_NODE_KINDS : NODE_KINDS;
    const edgeKinds = ingestedOnly ? INGESTED_EDGE_KINDS : EDGE_KINDS;
    const skip = ingestedOnly ? [...UNINGESTED_PROPERTIES] : [];
    // Nodes by element id, so edges need not carry their ends' ARM ids and labels (most of an edge row otherwise).
    const byRef = new Map<string, GraphNode>();
    const readNodes = async (tx: Transaction, kind: NodeKind): Promise<GraphNode[]> => {
      const declarations = nodeProperties(kind);
      const nodes: GraphNode[] = [];
      for await (const r of tx.run(streamNodesCypher(kind), { skip })) {
        const names = r.get('names') as string[];
        const values = r.get('values') as unknown[];
        const node: GraphNode = { id: values[names.indexOf('id')] as string, kind, properties: decodeEntries(names, values, declarations) };
        byRef.set(r.get('ref') as string, node);
        nodes.push(node);
      }
      // Id order within a kind, as every reader expects; sorting here rather than on the server lets the rows stream.
      return nodes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    };
    // One read transaction for the whole graph: element ids name the same nodes throughout it, and the graph read is
    // one consistent snapshot. Opening it and reading the first kind are retried; a failure after that is not (part
    // of the graph was handed out already).
    let session: Session | undefined;
    let tx: Transaction | undefined;
    let first: GraphNode[] = [];
    try {
      await withRetry(async () => {
        await session?.close();
        byRef.clear();
        session = this.session('READ', chunkSize);
        tx = session.beginTransaction();
        first = nodeKinds[0] ? await readNodes(tx, nodeKinds[0]) : [];
      }, this.retry);
    } catch (error) {
      await session?.close();
      throw this.storeError(error);
    }
    try {
      for (let k = 0; k < nodeKinds.length; k++) {
        const nodes = k === 0 ? first : await readNodes(tx!, nodeKinds[k]!);
        first = [];
        for (let i = 0; i < nodes.length; i += chunkSize) yield { nodes: nodes.slice(i, i + chunkSize), edges: [] };
      }
      for (const kind of edgeKinds) yield* this.streamEdges(tx!, kind, byRef, chunkSize);
      await tx!.commit();
    } catch (error) {
      throw this.storeError(error);
    } finally {
      await session!.close();
    }
  }

  /**
   * The edges of one kind in the order the server sends them, in chunks as they arrive. An end not among the streamed
   * nodes (of a kind not read) is looked up; edges from the first such one on wait for the lookup, keeping the order.
   */
  private async *streamEdges(tx: Transaction, kind: EdgeKind, byRef: Map<string, GraphNode>, chunkSize: number): AsyncIterable<GraphChunk> {
    const declarations = edgeProperties(kind);
    let edges: GraphEdge[] = [];
    const waiting: EdgeRow[] = [];
    const toEdge = (row: EdgeRow): GraphEdge | undefined => {
      const from = byRef.get(row.from);
      const to = byRef.get(row.to);
      if (!from || !to) return undefined;
      return { kind, from: from.id, fromKind: from.kind, to: to.id, toKind: to.kind, properties: decodeEntries(row.names, row.values, declarations) };
    };
    for await (const r of tx.run(streamEdgesCypher(kind))) {
      const row: EdgeRow = { from: r.get('from') as string, to: r.get('to') as string, names: r.get('names') as string[], values: r.get('values') as unknown[] };
      const edge = waiting.length ? undefined : toEdge(row);
      if (edge === undefined) {
        waiting.push(row);
        continue;
      }
      edges.push(edge);
      if (edges.length >= chunkSize) {
        yield { nodes: [], edges };
        edges = [];
      }
    }
    if (waiting.length) {
      const refs = new Set(waiting.flatMap((row) => [row.from, row.to]).filter((ref) => !byRef.has(ref)));
      const result = await tx.run(nodesByRefCypher(), { refs: [...refs] });
      for (const r of result.records) {
        byRef.set(r.get('ref') as string, { id: r.get('id') as string, kind: kindFromLabels(r.get('labels') as string[]), properties: {} });
      }
      for (const row of waiting) {
        const edge = toEdge(row);
        if (edge) edges.push(edge);
      }
    }
    for (let i = 0; i < edges.length; i += chunkSize) yield { nodes: [], edges: edges.slice(i, i + chunkSize) };
  }

  async replaceAnalysis(result: AnalysisResult, run: RunContext): Promise<void> {
    const stamp = { now: run.startedAt, runId: run.runId };
    // One transaction: readers see the previous analysis until it commits, then the new one whole.
    await this.write(async (tx) => {
      for (const statement of clearAnalysisCypher()) await tx.run(statement);
      for (const [kind, group] of groupBy(result.nodes, (n) => n.kind)) {
        for (const batch of chunks(group, this.batchSize)) await tx.run(upsertNodesCypher(kind as NodeKind), { rows: nodeRows(batch), ...stamp });
      }
      for (const [kind, group] of groupBy(result.edges, (e) => e.kind)) {
        for (const batch of chunks(group, this.batchSize)) {
          await tx.run(upsertEdgesCypher(kind as EdgeKind), { rows: edgeRows(batch), ...stamp });
        }
      }
      for (const [kind, group] of groupBy(result.insights, (u) => u.kind)) {
        for (const batch of chunks(group, this.batchSize)) {
          const rows = batch.map((u) => ({ id: u.id, insights: [...u.insights], evidence: JSON.stringify(u.evidence) }));
          await tx.run(setInsightsCypher(kind as NodeKind), { rows });
        }
      }
      await tx.run(RECORD_ANALYSIS_CYPHER, stampParameters(run));
    });
  }

  async countNodesByKind(): Promise<Partial<Record<NodeKind, number>>> {
    const counts: Partial<Record<NodeKind, number>> = {};
    await this.read(async (tx) => {
      for (const kind of [...NODE_KINDS].sort()) {
        const count = (await tx.run(countNodesCypher(kind))).records[0]?.get('count') as number;
        if (count) counts[kind] = count;
      }
    });
    return counts;
  }

  async readState(): Promise<StoreState> {
    return this.read(readStateNode);
  }

  async countEdgesByKind(): Promise<Partial<Record<EdgeKind, number>>> {
    const counts: Partial<Record<EdgeKind, number>> = {};
    await this.read(async (tx) => {
      for (const kind of EDGE_KINDS) {
        const count = (await tx.run(countEdgesCypher(kind))).records[0]?.get('count') as number;
        if (count) counts[kind] = count;
      }
    });
    return counts;
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
