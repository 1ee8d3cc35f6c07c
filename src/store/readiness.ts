import { nodeDeclaration, type NodeKind } from '../model/index.js';
import { NoDataError } from '../util/errors.js';
import type { StoreConfig } from './open.js';
import type { GraphStore, StoreState } from './port.js';

/** What a read looked at, in words (`data dir /x`, `Neo4j database neo4j at bolt://…`), and the flags that name it. */
export interface StoreTarget {
  readonly where: string;
  readonly flags: string;
}

export function storeTarget(config: StoreConfig): StoreTarget {
  switch (config.kind) {
    case 'memory':
      return { where: `data dir ${config.dataDir}`, flags: `--data-dir ${config.dataDir}` };
    case 'neo4j':
      return { where: `Neo4j database ${config.database ?? '(default)'} at ${config.uri}`, flags: '--store neo4j' };
  }
}

/** Why a store cannot answer a read, or null when it can. */
export type Unreadiness = 'missing' | 'empty' | 'never-analysed' | 'stale';

/**
 * Snapshots written before stamps were recorded carry none: such a graph counts as analysed when an analysis left
 * its `internet` node, since nothing else can say when it changed.
 */
export function unreadiness(state: StoreState, ingestedNodes: number, hasInternetNode: boolean): Unreadiness | null {
  if (!state.exists) return 'missing';
  if (ingestedNodes === 0) return 'empty';
  if (!state.lastIngest && !state.lastAnalysis) return hasInternetNode ? null : 'never-analysed';
  if (!state.lastAnalysis) return 'never-analysed';
  if (state.lastIngest && state.lastAnalysis.ingestRunId !== state.lastIngest.runId) return 'stale';
  return null;
}

export function unreadinessMessage(reason: Unreadiness, target: StoreTarget, state: StoreState): string {
  const scan = `run \`apiposture scan <files> ${target.flags}\``;
  const analyze = `run \`apiposture analyze ${target.flags}\``;
  switch (reason) {
    case 'missing':
      return `no store at ${target.where}: nothing was ever scanned there (a typo?); ${scan} first`;
    case 'empty':
      return `${target.where} holds no graph; ${scan} first`;
    case 'never-analysed':
      return `${target.where} holds a graph${state.lastIngest ? ` ingested ${state.lastIngest.at}` : ''} that was never analysed; ${analyze}`;
    case 'stale':
      return (
        `${target.where} changed since its last analysis (analysed ${state.lastAnalysis?.at ?? '?'}, ` +
        `ingested again ${state.lastIngest?.at ?? '?'}); ${analyze}`
      );
  }
}

/** `unreadiness` from a store's node counts by kind (as `countNodesByKind` gives them, or counted from a snapshot). */
export function unreadinessOf(state: StoreState, counts: Partial<Record<NodeKind, number>>): Unreadiness | null {
  return unreadiness(state, ingestedNodeCount(counts), (counts.Internet ?? 0) > 0);
}

/** A store's stamps and why it cannot answer a read (null when it can). */
export async function readReadiness(store: GraphStore): Promise<{ state: StoreState; reason: Unreadiness | null }> {
  const state = await store.readState();
  const counts = state.exists ? await store.countNodesByKind() : {};
  return { state, reason: unreadinessOf(state, counts) };
}

/** Refuses (NoDataError, exit 7) a store a read would answer from as if it were a clean estate. */
export async function assertAnalysed(store: GraphStore, target: StoreTarget): Promise<StoreState> {
  const { state, reason } = await readReadiness(store);
  if (reason) throw new NoDataError(unreadinessMessage(reason, target, state));
  return state;
}

/** Nodes ingest wrote: an analysis of nothing still leaves its own nodes (the internet), which are no graph. */
export function ingestedNodeCount(counts: Partial<Record<NodeKind, number>>): number {
  let total = 0;
  for (const [kind, n] of Object.entries(counts) as [NodeKind, number | undefined][]) {
    if (nodeDeclaration(kind).subscriptionScoped) total += n ?? 0;
  }
  return total;
}
