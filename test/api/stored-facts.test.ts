import { ClientError, gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { StoredFacts } from '../../src/analysis/facts/index.js';
import { loadPolicy } from '../../src/analysis/goals/index.js';
import { validateNode } from '../../src/model/index.js';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { countingStore, loadEstate, startServer, testConfig, unloadEstate, type LoadedEstate, type RunningServer, type StoreCalls } from './support.js';

const POLICY = 'examples/goals.yaml';
const TARGET = { where: 'the test store', flags: '--data-dir test' };

const FACTS = gql`
  {
    chokePoints(first: 100, includeAssets: true) {
      id
      fixKind
      assetId
      riskRemoved
      criticalRiskRemoved
      pathsBroken
      pathsReduced {
        pathId
        scoreReduction
      }
    }
    remediationPlan(maxFixes: 3) {
      totalRisk
      totalCriticalRisk
      remainingRisk
      summary
      steps {
        order
        riskRemoved
        cumulativeRiskPercent
        fix {
          id
        }
      }
    }
    postureGoals {
      passed
      postureScore
      goals {
        id
        passed
        summary
        offenders {
          id
        }
      }
    }
  }
`;

interface Facts {
  chokePoints: { id: string; fixKind: string; riskRemoved: number; pathsBroken: string[] }[];
  remediationPlan: { totalRisk: number; remainingRisk: number; summary: string; steps: { order: number; fix: { id: string } }[] };
  postureGoals: { passed: boolean; postureScore: number; goals: { id: string; passed: boolean; summary: string; offenders: { id: string }[] }[] };
}

async function refusal(run: () => Promise<unknown>): Promise<{ code: unknown; message: string }> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    const first = error.response.errors?.[0];
    return { code: first?.extensions?.['code'], message: first?.message ?? '' };
  }
  throw new Error('expected the request to be refused');
}

function factsApiSuite(name: string, open: () => Promise<GraphStore>) {
  describe(`the API answers from the stored analysis facts (${name} store)`, () => {
    let store: GraphStore;
    let estate: LoadedEstate | undefined;
    let api: RunningServer;
    let calls: StoreCalls;
    let reset: () => void;

    beforeAll(async () => {
      store = await open();
      estate = await loadEstate(store);
      const counting = countingStore(store);
      calls = counting.calls;
      reset = counting.reset;
      api = await startServer(counting.store, testConfig({ goalsPolicyFile: POLICY }), { target: TARGET });
    });

    afterAll(async () => {
      await api?.close();
      if (store) await unloadEstate(store, estate);
      await store?.close();
    });

    it('answers choke points, the plan and goals as stored, never loading the graph, even after the graph changed without a new stamp', async () => {
      reset();
      const first = await api.client().request<Facts>(FACTS);
      // The path engine needs the whole graph: no stream of it means no re-run.
      expect(calls['streamGraph'] ?? 0).toBe(0);
      const facts = new StoredFacts(store, TARGET);
      expect(first.chokePoints.map((c) => c.id)).toEqual((await facts.chokePoints(true)).slice(0, 100).map((c) => c.id));
      expect(first.chokePoints.length).toBeGreaterThan(0);
      const plan = await facts.plan(3);
      expect(first.remediationPlan.summary).toBe(plan.summary);
      expect(first.remediationPlan.steps.map((s) => s.fix.id)).toEqual(plan.steps.map((s) => s.fix.id));
      const goals = await facts.goals(await loadPolicy(POLICY));
      expect(first.postureGoals.goals.map((g) => [g.id, g.passed, g.summary])).toEqual(goals.goals.map((g) => [g.id, g.passed, g.summary]));

      // A write outside a completed run (an ingest that stopped part-way): no new stamp, so the stored facts stand.
      const subscription = estate?.subscriptions[0] ?? '';
      const extra = validateNode({
        id: `/subscriptions/${subscription}/resourcegroups/rg-late/providers/microsoft.storage/storageaccounts/stlate`,
        kind: 'StorageAccount',
        properties: { name: 'stlate', subscriptionId: subscription, allowBlobPublicAccess: true, publicNetworkAccess: 'Enabled' },
      });
      await store.upsertNodes([extra], newRun());
      reset();
      expect(await api.client().request<Facts>(FACTS)).toEqual(first);
      expect(calls['streamGraph'] ?? 0).toBe(0);
    });

    it('refuses every fact with the stale rule once the graph is ingested again, and answers again after analysis', async () => {
      const before = await api.client().request<Facts>(FACTS);
      await store.completeRun(newRun(), []);
      for (const query of ['{ chokePoints { id } }', '{ remediationPlan { summary } }', '{ postureGoals { passed } }']) {
        const refused = await refusal(() => api.client().request(query));
        expect(refused.code).toBe('NOT_FOUND');
        expect(refused.message).toMatch(/^the test store changed since its last analysis \(analysed .+, ingested again .+\); run `apiposture analyze --data-dir test`/);
      }
      await analyze(store, newRun());
      const after = await api.client().request<Facts>(FACTS);
      // The extra storage account is part of the graph now; the facts are the new analysis's, not the old ones.
      expect(after.chokePoints.length).toBeGreaterThan(0);
      expect(after.remediationPlan.totalRisk).toBeGreaterThanOrEqual(before.remediationPlan.totalRisk);
    });
  });
}

factsApiSuite('memory', () => MemoryStore.open());

describe.skipIf(!neo4jSettings())('on Neo4j', () => {
  factsApiSuite('Neo4j', () => openNeo4jStore());
});
