import { describe, expect, it } from 'vitest';
import { ingestedNodeCount, unreadiness, unreadinessMessage, type StoreState } from '../../src/store/index.js';

const ingest = { runId: 'run-2', at: '2026-12-07T08:00:00.000Z' };
const analysedOf = (ingestRunId: string | null) => ({ runId: 'run-3', at: '2026-12-07T08:01:00.000Z', ingestRunId });
const state = (over: Partial<StoreState>): StoreState => ({ exists: true, lastIngest: ingest, lastAnalysis: analysedOf('run-2'), ...over });
const neo4j = { where: 'Neo4j database neo4j at bolt://db:7687', flags: '--store neo4j' };

describe('store readiness', () => {
  it.each([
    ['missing', state({ exists: false }), 10, false, 'missing'],
    ['empty (only what an analysis of nothing left)', state({}), 0, true, 'empty'],
    ['ingested, never analysed', state({ lastAnalysis: null }), 10, false, 'never-analysed'],
    ['changed since its last analysis', state({ lastAnalysis: analysedOf('run-1') }), 10, true, 'stale'],
    ['analysed after its last ingest', state({}), 10, true, null],
    ['written before stamps were kept, with an analysis', state({ lastIngest: null, lastAnalysis: null }), 10, true, null],
    ['written before stamps were kept, never analysed', state({ lastIngest: null, lastAnalysis: null }), 10, false, 'never-analysed'],
  ] as const)('%s', (_name, s, nodes, internet, expected) => {
    expect(unreadiness(s, nodes, internet)).toBe(expected);
  });

  it('names what it looked at and the command that fixes it', () => {
    expect(unreadinessMessage('empty', neo4j, state({}))).toBe('Neo4j database neo4j at bolt://db:7687 holds no graph; run `apiposture scan <files> --store neo4j` first');
    expect(unreadinessMessage('never-analysed', neo4j, state({ lastAnalysis: null }))).toBe(
      'Neo4j database neo4j at bolt://db:7687 holds a graph ingested 2026-12-07T08:00:00.000Z that was never analysed; run `apiposture analyze --store neo4j`',
    );
    expect(unreadinessMessage('stale', neo4j, state({ lastAnalysis: analysedOf('run-1') }))).toBe(
      'Neo4j database neo4j at bolt://db:7687 changed since its last analysis (analysed 2026-12-07T08:01:00.000Z, ingested again 2026-12-07T08:00:00.000Z); run `apiposture analyze --store neo4j`',
    );
  });

  it('counts only what ingest wrote as a graph', () => {
    expect(ingestedNodeCount({ Internet: 1, Finding: 3, AttackPath: 2 })).toBe(0);
    expect(ingestedNodeCount({ Internet: 1, ApiEndpoint: 2, Subscription: 1 })).toBe(3);
  });
});
