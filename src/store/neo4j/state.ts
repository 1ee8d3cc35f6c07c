import type { ManagedTransaction } from 'neo4j-driver';
import type { RunContext, StoreState } from '../port.js';

/**
 * The store's ingest and analysis stamps live on one node outside the model's labels (so no kind count, stream,
 * explorer query or cleanup ever sees it). Values enter only as parameters.
 */
const STATE = "MERGE (s:ApiPostureState {key: 'state'})";

export const RECORD_INGEST_CYPHER = `${STATE} SET s.ingestRunId = $runId, s.ingestedAt = $now`;

/** The analysis remembers which ingest it was computed from, in the same transaction that makes it current. */
export const RECORD_ANALYSIS_CYPHER = `${STATE} SET s.analysisRunId = $runId, s.analysedAt = $now, s.analysedIngestRunId = s.ingestRunId`;

const READ_STATE_CYPHER = "OPTIONAL MATCH (s:ApiPostureState {key: 'state'}) RETURN s{.*} AS state";

export function stampParameters(run: RunContext): { runId: string; now: string } {
  return { runId: run.runId, now: run.startedAt };
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export async function readStateNode(tx: ManagedTransaction): Promise<StoreState> {
  const row = (await tx.run(READ_STATE_CYPHER)).records[0]?.get('state') as Record<string, unknown> | null | undefined;
  const ingestRunId = text(row?.['ingestRunId']);
  const ingestedAt = text(row?.['ingestedAt']);
  const analysisRunId = text(row?.['analysisRunId']);
  const analysedAt = text(row?.['analysedAt']);
  return {
    exists: true,
    lastIngest: ingestRunId && ingestedAt ? { runId: ingestRunId, at: ingestedAt } : null,
    lastAnalysis: analysisRunId && analysedAt ? { runId: analysisRunId, at: analysedAt, ingestRunId: text(row?.['analysedIngestRunId']) } : null,
  };
}
