/**
 * A generated estate in the suite's Neo4j for the plan tests (EXPLAIN and PROFILE of compiled queries): ingested
 * and analysed there, so the planner costs its choices on real counts, with a driver of its own to run the
 * statements as written. `remove` deletes what was written: the estate's subscription, then its analysis.
 */
import neo4j, { type Driver, type QueryResult } from 'neo4j-driver';
import { ingestRows } from '../../src/ingest/pipeline.js';
import { MemoryStore, type AnalysisResult, type GraphStore } from '../../src/store/index.js';
import type { Estate } from '../../tools/estate/index.js';
import { estateAnalysis, estateInputRows } from '../explorer/estate-load.js';
import { newRun } from './graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from './neo4j.js';

export interface PlanEstate {
  readonly store: GraphStore & { close(): Promise<void> };
  readonly analysis: AnalysisResult;
  /** One statement in its own read session. */
  run(text: string, parameters: Record<string, unknown>): Promise<QueryResult>;
  remove(): Promise<void>;
}

export async function loadPlanEstate(estate: Estate): Promise<PlanEstate> {
  const settings = neo4jSettings()!;
  const driver: Driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user ?? 'neo4j', settings.password ?? ''), {
    disableLosslessIntegers: true,
  });
  let store: (GraphStore & { close(): Promise<void> }) | undefined;
  let analysis: AnalysisResult;
  try {
    const memory = await MemoryStore.open();
    store = await openNeo4jStore();
    const rows = estateInputRows(estate);
    const ingest = newRun();
    for (const target of [memory, store]) await ingestRows(target, rows, { source: 'azure-export', run: ingest });
    analysis = await estateAnalysis(memory);
    await store.replaceAnalysis(analysis, newRun());
  } catch (error) {
    await driver.close();
    await store?.close();
    throw error;
  }
  const opened = store;
  return {
    store: opened,
    analysis,
    run: async (text, parameters) => {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        return await session.run(text, parameters);
      } finally {
        await session.close();
      }
    },
    remove: async () => {
      await driver.close();
      await opened.completeRun(newRun(), [...estate.subscriptionIds]);
      await opened.replaceAnalysis({ nodes: [], edges: [], insights: [] }, newRun());
      await opened.close();
    },
  };
}
