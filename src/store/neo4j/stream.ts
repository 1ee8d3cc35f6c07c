/**
 * The whole graph (or its ingested part) read from Neo4j in chunks, nodes first, for analysis: one read transaction,
 * one streamed query per kind (rows arrive as the consumer takes them, `fetchSize` = the chunk size), never paged
 * re-queries. Scope `ingested` sends every property ingest wrote: the analysis reads nearly all of them (policies,
 * network rules, traffic, tags), through many modules, so a projection list would be a second copy of what the
 * analysis reads, to be kept in step by hand; only what the analysis never reads is left on the server (its own
 * previous insights and the store's versioning properties). Memory held here beyond what was handed out: the
 * nodes of the kind being read (sorted into id order before they go), and each node's id and kind for edges' ends.
 */
import type { Session, Transaction } from 'neo4j-driver';
import { EDGE_KINDS, NODE_KINDS, edgeProperties, nodeProperties, type EdgeKind, type GraphEdge, type GraphNode, type NodeKind } from '../../model/index.js';
import { UNINGESTED_PROPERTIES, type GraphChunk, type GraphScope } from '../port.js';
import { compareIds } from '../query-options.js';
import { decodeEntries, kindFromLabels } from './codec.js';
import type { Neo4jConnection } from './connection.js';
import { INGESTED_EDGE_KINDS, INGESTED_NODE_KINDS, nodesByRefCypher, streamEdgesCypher, streamNodesCypher } from './cypher.js';
import { VERSIONING_PROPERTIES } from './generation.js';
import { currentGeneration } from './state.js';
import { withRetry } from './retry.js';

/** A node as an edge's end: its id and kind. */
interface NodeEnd {
  readonly id: string;
  readonly kind: NodeKind;
}

/** One streamed edge: its ends' element ids and its properties as parallel name and value lists. */
interface EdgeRow {
  readonly from: string;
  readonly to: string;
  readonly names: readonly string[];
  readonly values: readonly unknown[];
}

export async function* streamGraph(connection: Neo4jConnection, chunkSize: number, scope: GraphScope): AsyncIterable<GraphChunk> {
  const ingestedOnly = scope === 'ingested';
  const nodeKinds = ingestedOnly ? INGESTED_NODE_KINDS : NODE_KINDS;
  const edgeKinds = ingestedOnly ? INGESTED_EDGE_KINDS : EDGE_KINDS;
  const skip = [...VERSIONING_PROPERTIES, ...(ingestedOnly ? UNINGESTED_PROPERTIES : [])];
  // Ends by element id, so edges need not carry their ends' ARM ids and labels (most of an edge row otherwise);
  // only id and kind are kept here, so a node's properties are the consumer's to keep or let go.
  const byRef = new Map<string, NodeEnd>();
  let generation: number | null = null;
  const readNodes = async (tx: Transaction, kind: NodeKind): Promise<GraphNode[]> => {
    const declarations = nodeProperties(kind);
    const nodes: GraphNode[] = [];
    for await (const r of tx.run(streamNodesCypher(kind, scope), { skip, generation })) {
      const names = r.get('names') as string[];
      const values = r.get('values') as unknown[];
      const node: GraphNode = { id: values[names.indexOf('id')] as string, kind, properties: decodeEntries(names, values, declarations) };
      byRef.set(r.get('ref') as string, { id: node.id, kind });
      nodes.push(node);
    }
    // Id order within a kind, as every reader expects; sorting here rather than on the server lets the rows stream.
    return nodes.sort((a, b) => compareIds(a.id, b.id));
  };
  // One read transaction for the whole graph: element ids name the same nodes throughout it, and the graph read is
  // one consistent snapshot. Opening it and reading the first kind are retried; a failure after that is not (part
  // of the graph was handed out already), which is why this does not run in a managed transaction.
  let session: Session | undefined;
  let tx: Transaction | undefined;
  let first: GraphNode[] = [];
  try {
    await withRetry(async () => {
      await session?.close();
      byRef.clear();
      session = connection.session('READ', chunkSize);
      tx = session.beginTransaction();
      // The analysis generation this read shows (see generation.ts), fixed for the whole stream.
      generation = await currentGeneration(tx);
      first = nodeKinds[0] ? await readNodes(tx, nodeKinds[0]) : [];
    }, connection.retry);
  } catch (error) {
    await session?.close();
    throw connection.storeError(error);
  }
  try {
    for (let k = 0; k < nodeKinds.length; k++) {
      const nodes = k === 0 ? first : await readNodes(tx!, nodeKinds[k]!);
      first = [];
      for (let i = 0; i < nodes.length; i += chunkSize) yield { nodes: nodes.slice(i, i + chunkSize), edges: [] };
    }
    for (const kind of edgeKinds) yield* streamEdges(tx!, kind, byRef, chunkSize, generation);
    await tx!.commit();
  } catch (error) {
    throw connection.storeError(error);
  } finally {
    await session!.close();
  }
}

/**
 * The edges of one kind in the order the server sends them, in chunks as they arrive. An end not among the streamed
 * nodes (of a kind not read) is looked up; edges from the first such one on wait for the lookup, keeping the order.
 */
async function* streamEdges(
  tx: Transaction,
  kind: EdgeKind,
  byRef: Map<string, NodeEnd>,
  chunkSize: number,
  generation: number | null,
): AsyncIterable<GraphChunk> {
  const declarations = edgeProperties(kind);
  let edges: GraphEdge[] = [];
  const waiting: EdgeRow[] = [];
  const toEdge = (row: EdgeRow): GraphEdge | undefined => {
    const from = byRef.get(row.from);
    const to = byRef.get(row.to);
    if (!from || !to) return undefined;
    return { kind, from: from.id, fromKind: from.kind, to: to.id, toKind: to.kind, properties: decodeEntries(row.names, row.values, declarations) };
  };
  for await (const r of tx.run(streamEdgesCypher(kind), { generation })) {
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
      byRef.set(r.get('ref') as string, { id: r.get('id') as string, kind: kindFromLabels(r.get('labels') as string[]) });
    }
    for (const row of waiting) {
      const edge = toEdge(row);
      if (edge) edges.push(edge);
    }
  }
  for (let i = 0; i < edges.length; i += chunkSize) yield { nodes: [], edges: edges.slice(i, i + chunkSize) };
}
