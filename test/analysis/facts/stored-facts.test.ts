import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEstate } from '../../../tools/estate/index.js';
import { analyzeView } from '../../../src/analysis/analyze.js';
import { findChokePoints, planRemediation } from '../../../src/analysis/chokepoints/index.js';
import { REMEDIATION_PLAN_ID, StoredFacts, storedPathRecords } from '../../../src/analysis/facts/index.js';
import { evaluateGoals, graphGoalInputs, parsePolicy, type GoalPolicy } from '../../../src/analysis/goals/index.js';
import { GraphView } from '../../../src/analysis/graph-view.js';
import type { AnalysisOutput } from '../../../src/analysis/analyze.js';
import { DEFAULT_RISK_WEIGHTS } from '../../../src/analysis/risk/index.js';
import type { GraphEdge, GraphNode } from '../../../src/model/index.js';
import { MemoryStore, type GraphStore, type StoreTarget } from '../../../src/store/index.js';
import { NoDataError } from '../../../src/util/errors.js';
import { loadEstate, unloadEstate, type LoadedEstate } from '../../api/support.js';
import { newRun } from '../../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../../support/neo4j.js';

const TARGET: StoreTarget = { where: 'the test store', flags: '--data-dir test' };

/** Goals that read every kind of input: paths, endpoints with labels, dormant endpoints, encryption, scopes by tag and subscription. */
function policyFor(subscription: string): GoalPolicy {
  return parsePolicy(
    `version: 1
goals:
  - { id: critical, type: max-attack-paths, level: high, orAbove: true, max: 0 }
  - { id: prod-paths, type: max-attack-paths, level: low, orAbove: true, max: 0, scope: { tags: { env: prod } } }
  - { id: confidential, type: no-exposed-sensitive-data, minLabel: Confidential, anonymousOnly: false }
  - { id: any-sensitive, type: no-exposed-sensitive-data }
  - { id: dormant, type: max-dormant-endpoints, max: 1, maxShare: 0.1, scope: { subscriptions: ['${subscription}'] } }
  - { id: encrypted, type: encrypted-only, scope: { tags: { ENV: prod } } }
  - { id: encrypted-data, type: encrypted-only, kinds: [StorageAccount, KeyVault, VirtualMachine] }
`,
    'goals.yaml',
  );
}

/** The whole stored graph, as the goals read it before their inputs were stored. */
async function storedGraph(store: GraphStore): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for await (const chunk of store.streamGraph()) {
    nodes.push(...chunk.nodes);
    edges.push(...chunk.edges);
  }
  return { nodes, edges };
}

function factsSuite(name: string, open: () => Promise<GraphStore>) {
  describe(`stored analysis facts on the ${name} store (a generated estate)`, () => {
    let dir: string;
    let store: GraphStore;
    let estate: LoadedEstate | undefined;
    let engine: AnalysisOutput;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'apiposture-facts-'));
      await writeEstate(dir, { size: 1000, seed: 11 });
      store = await open();
      estate = await loadEstate(store, dir);
      // What the path engine computes from the stored graph: what report and API used to re-run on every read.
      engine = analyzeView(await GraphView.load(store));
    });

    afterAll(async () => {
      if (store) await unloadEstate(store, estate);
      await store?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('reads back every choke point as the engine ranks it, with and without asset fixes', async () => {
      const facts = new StoredFacts(store, TARGET);
      const withAssets = findChokePoints(engine.paths, engine.findings, DEFAULT_RISK_WEIGHTS);
      expect(withAssets.length).toBeGreaterThan(0);
      expect(withAssets.some((p) => p.kind === 'asset')).toBe(true);
      expect(await facts.chokePoints(true)).toEqual(withAssets);
      expect(await facts.chokePoints(false)).toEqual(findChokePoints(engine.paths, engine.findings, DEFAULT_RISK_WEIGHTS, { includeAssets: false }));
    });

    it('cuts the stored plan to any length exactly as a plan of that length', async () => {
      const facts = new StoredFacts(store, TARGET);
      for (const maxFixes of [1, 2, 3, 10, 100]) {
        expect(await facts.plan(maxFixes)).toEqual(planRemediation(engine.paths, engine.findings, DEFAULT_RISK_WEIGHTS, { maxFixes }));
      }
      expect((await facts.plan(1)).steps).toHaveLength(1);
    });

    it('evaluates goals from the stored subjects as over the whole graph, scopes and labels included', async () => {
      const subscription = estate?.subscriptions[0] ?? '';
      const policy = policyFor(subscription);
      const expected = evaluateGoals(policy, graphGoalInputs(await storedGraph(store), await storedPathRecords(store)));
      // The scopes select something and leave something out, so a wrong tag or subscription would show.
      const prod = expected.goals.find((g) => g.id === 'encrypted');
      expect(prod?.summary).toMatch(/of [1-9]\d* assets/);
      expect(await new StoredFacts(store, TARGET).goals(policy)).toEqual(expected);
    });

    it('refuses, naming the store, an analysis that kept no facts (written by an earlier version)', async () => {
      const plan = await store.getNode(REMEDIATION_PLAN_ID);
      expect(plan?.kind).toBe('RemediationPlan');
      const counts = await store.countNodesByKind();
      expect(counts.GoalSubject).toBeGreaterThan(0);
      // An analysis as earlier versions wrote it: paths, findings and derived nodes, no facts.
      const older = engine.nodes.filter((n) => !['ChokePoint', 'RemediationPlan', 'GoalSubject'].includes(n.kind));
      await store.replaceAnalysis({ nodes: older, edges: engine.edges, insights: engine.insights.updates() }, newRun());
      const facts = new StoredFacts(store, TARGET);
      await expect(facts.chokePoints(true)).rejects.toThrow(NoDataError);
      await expect(facts.plan(10)).rejects.toThrow(/the test store was analysed by an earlier version.*apiposture analyze --data-dir test/);
      await expect(facts.goals(policyFor(estate?.subscriptions[0] ?? ''))).rejects.toThrow(NoDataError);
    });
  });
}

factsSuite('memory', () => MemoryStore.open());

describe.skipIf(!neo4jSettings())('on Neo4j', () => {
  factsSuite('Neo4j', () => openNeo4jStore());
});
