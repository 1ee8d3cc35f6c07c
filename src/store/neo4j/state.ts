import type { ManagedTransaction, QueryResult } from 'neo4j-driver';
import type { RunContext, StoreState } from '../port.js';

/**
 * The store's ingest and analysis stamps live on one node outside the model's labels (so no kind count, stream,
 * explorer query or cleanup ever sees it). Values enter only as parameters.
 */
const STATE = "MERGE (s:ApiPostureState {key: 'state'})";

export const RECORD_INGEST_CYPHER = `${STATE} SET s.ingestRunId = $runId, s.ingestedAt = $now`;

/**
 * Starts an analysis generation (generation.ts): a number never used before (a failed write's number is not
 * reused), and the insight slot the current analysis uses, so the new insights go to the other.
 */
export const BEGIN_GENERATION_CYPHER = [
  STATE,
  'SET s.generationsStarted = coalesce(s.generationsStarted, s.analysisGeneration, 0) + 1',
  'RETURN s.generationsStarted AS generation, s.analysisGeneration AS current, s.analysisSlot AS slot',
].join('\n');

/**
 * The switch: one small write makes the generation current, with the run and the ingest it was computed from, so
 * `readState` names the analysis readers see (a server can key its caches on it).
 */
export const SWITCH_GENERATION_CYPHER = [
  STATE,
  'SET s.analysisGeneration = $generation, s.analysisSlot = $slot,',
  '  s.analysisRunId = $runId, s.analysedAt = $now, s.analysedIngestRunId = s.ingestRunId',
].join('\n');

const CURRENT_GENERATION_CYPHER = "OPTIONAL MATCH (s:ApiPostureState {key: 'state'}) RETURN s.analysisGeneration AS generation";

/**
 * The analysis generation a transaction of several statements shows (the graph stream), read first in it: each of
 * its queries takes it as `$generation`. Null before any analysis: no analysis-owned node, derived edge or insight is
 * visible. A read of one statement reads it in that statement instead (`withGenerationRow`).
 */
export async function currentGeneration(tx: Pick<ManagedTransaction, 'run'>): Promise<number | null> {
  return ((await tx.run(CURRENT_GENERATION_CYPHER)).records[0]?.get('generation') as number | null | undefined) ?? null;
}

/** The state node's variable in the generation row: a name no read statement uses (plan tests allow its scan). */
export const STATE_VARIABLE = 'state';

/**
 * A read statement with the current generation as one more row, so a read is one statement and one round trip
 * instead of the generation's and then its own. `cypher` reads with `$generation` (the reader's guess: the last
 * generation it saw) and returns `columns`; the appended branch returns, in the first of them, a one-element list
 * holding the current generation (a list: no read statement's first column ever holds one, and null, never analysed,
 * is a value it can hold), the others null. Both branches run in the one statement, so an answer whose guess equals
 * the generation read beside it shows that generation whole, as a read after the generation's own statement did;
 * a wrong guess (a new analysis since) is read again with the generation found (reads.ts).
 */
export function withGenerationRow(cypher: string, columns: readonly [string, ...string[]]): string {
  const [first, ...rest] = columns;
  const nulls = rest.map((column) => `, null AS ${column}`).join('');
  return `${cypher}\nUNION ALL\nOPTIONAL MATCH (${STATE_VARIABLE}:ApiPostureState {key: 'state'}) RETURN [${STATE_VARIABLE}.analysisGeneration] AS ${first}${nulls}`;
}

const READ_STATE_CYPHER = "OPTIONAL MATCH (s:ApiPostureState {key: 'state'}) RETURN s{.*} AS state";

export function stampParameters(run: RunContext): { runId: string; now: string } {
  return { runId: run.runId, now: run.startedAt };
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export async function readStateNode(run: (cypher: string) => Promise<QueryResult>): Promise<StoreState> {
  const row = (await run(READ_STATE_CYPHER)).records[0]?.get('state') as Record<string, unknown> | null | undefined;
  const ingestRunId = text(row?.['ingestRunId']);
  const ingestedAt = text(row?.['ingestedAt']);
  const analysisRunId = text(row?.['analysisRunId']);
  const analysedAt = text(row?.['analysedAt']);
  // The analysis stamps are written by the switch that makes a generation current (generation.ts), so they name
  // the analysis readers see; an analysis stored before analyses were generations is not shown, so not named.
  const current = typeof row?.['analysisGeneration'] === 'number';
  return {
    exists: true,
    lastIngest: ingestRunId && ingestedAt ? { runId: ingestRunId, at: ingestedAt } : null,
    lastAnalysis: current && analysisRunId && analysedAt ? { runId: analysisRunId, at: analysedAt, ingestRunId: text(row?.['analysedIngestRunId']) } : null,
  };
}
