/**
 * How Neo4j runs the compiled explorer queries: EXPLAIN (and, for the templates, PROFILE) against the real test
 * server, on a generated and analysed estate so the planner costs its choices on real counts. Every plan must
 * start from an index (the kind's id index read in order, an indexed property, an insight's label), never from
 * every node of the database or of a kind (unless the kind is the far end of a matched connection that no index
 * narrows, see planFaults), and must stop at the page with a Limit or Top. Before the insight
 * labels and the id-range root, all 132 plans checked here started from a label scan of the root kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTemplates, type ExplorerQuery } from '../../src/explorer/index.js';
import { INSIGHTS, nodeProperties, type NodeKind } from '../../src/model/index.js';
import {
  isAndCondition,
  isInsightCondition,
  isNotCondition,
  isOrCondition,
  targetKinds,
  type Condition,
} from '../../src/query/index.js';
import type { AnalysisResult } from '../../src/store/index.js';
import { compileExplorerQuery, matchedConnection } from '../../src/store/neo4j/explore-cypher.js';
import { STATE_VARIABLE, withGenerationRow } from '../../src/store/neo4j/state.js';
import { insightLabel } from '../../src/store/neo4j/insight-labels.js';
import { encodeCursor } from '../../src/store/query-options.js';
import { generateEstate } from '../../tools/estate/index.js';
import { ESTATE_QUERIES } from '../explorer/estate-queries.js';
import { FIXTURE_CASES } from '../explorer/fixture-cases.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings } from '../support/neo4j.js';
import { operatorName, planFaults, planText, type PlanNode } from '../support/neo4j-plan.js';
import { loadPlanEstate, type PlanEstate } from '../support/neo4j-plan-estate.js';

const PAGE = 50;

/** Whether an index could find the nodes that pass `condition`: an insight's label, or an indexed property. */
function indexable(condition: Condition, kinds: readonly NodeKind[]): boolean {
  if (isInsightCondition(condition)) return true;
  if (isAndCondition(condition)) return condition.and.some((c) => indexable(c, kinds));
  if (isOrCondition(condition)) return condition.or.every((c) => indexable(c, kinds));
  if (isNotCondition(condition)) return false;
  return condition.op !== 'exists' && kinds.some((k) => nodeProperties(k)[condition.property]?.indexed === true);
}

/**
 * The far end of a matched connection may be read by its kind's label (see planFaults) when no index serves its
 * condition: the planner starts there when that side is the smaller one.
 */
function kindScans(query: ExplorerQuery): ReadonlySet<string> {
  const matched = matchedConnection(query);
  if (!matched) return new Set();
  const kinds = targetKinds(matched.edge, matched.direction, matched.to.kind);
  return new Set(matched.to.where && indexable(matched.to.where, kinds) ? [] : ['m1']);
}

const QUERIES: readonly { readonly name: string; readonly query: ExplorerQuery }[] = [
  ...listTemplates().map((t) => ({ name: `template ${t.name}`, query: t.query })),
  ...ESTATE_QUERIES.map((q) => ({ name: `estate query: ${q.name}`, query: q.query })),
  ...FIXTURE_CASES.map((c) => ({ name: `fixture query: ${c.name}`, query: c.query })),
];

describe.skipIf(!neo4jSettings())('Neo4j explorer plans: index seeks, LIMIT on the server', () => {
  const estate = generateEstate({ size: 1_000, seed: 90_517, subscriptions: 1 });
  const subscriptions = [...estate.subscriptionIds];
  let loaded: PlanEstate | undefined;
  const run = (text: string, parameters: Record<string, unknown>) => loaded!.run(text, parameters);

  beforeAll(async () => {
    loaded = await loadPlanEstate(estate);
  }, 300_000);

  // Deletes what this file wrote: its subscription's nodes (with their edges), then its analysis.
  afterAll(() => loaded?.remove(), 120_000);

  const explain = async (query: ExplorerQuery, after: string | null) => {
    const compiled = compileExplorerQuery(query, { first: PAGE, after: after === null ? null : encodeCursor(after) });
    // As the store runs it: with the generation row (state.ts) after the query.
    const result = await run(`EXPLAIN ${withGenerationRow(compiled.cypher, ['n'])}`, compiled.parameters);
    return result.summary.plan as unknown as PlanNode;
  };

  for (const { name, query } of QUERIES) {
    it(`${name}: seeks and stops at the page, first and later pages`, async () => {
      const later = `/subscriptions/${subscriptions[0]!}/resourcegroups/m`;
      for (const after of [null, later]) {
        const plan = await explain(query, after);
        expect(planFaults(plan, new Set([...kindScans(query), STATE_VARIABLE])), planText(plan)).toEqual([]);
      }
    });
  }

  for (const template of listTemplates()) {
    it(`template ${template.name}: the profiled run reads from an index and returns at most the page`, async () => {
      const compiled = compileExplorerQuery(template.query, { first: PAGE });
      // The store reads with the current analysis generation (src/store/neo4j/generation.ts), and reads it in the
      // same statement, in the generation row (state.ts): profiled as the store runs it.
      const state = await run("MATCH (s:ApiPostureState {key: 'state'}) RETURN s.analysisGeneration AS generation", {});
      const generation = state.records[0]?.get('generation') as number;
      const result = await run(`PROFILE ${withGenerationRow(compiled.cypher, ['n'])}`, { ...compiled.parameters, generation });
      const profile = result.summary.profile as unknown as PlanNode & { readonly rows: number };
      expect(planFaults(profile, new Set([...kindScans(template.query), STATE_VARIABLE])), planText(profile)).toEqual([]);
      expect(profile.rows).toBe(result.records.length);
      // At most the page and the one row more that says a next page exists, and the generation row.
      expect(result.records.length).toBeLessThanOrEqual(PAGE + 2);
      expect(result.records.filter((r) => Array.isArray(r.get('n')))).toEqual([expect.anything()]);
      expect(operatorName(profile)).toBe('ProduceResults');
    });
  }

  it('the plan check rejects a scan of every node of a kind, and a plan without a limit', async () => {
    const scan = (await run('EXPLAIN MATCH (n:`ApiEndpoint`) RETURN n ORDER BY n.name LIMIT toInteger($first)', { first: 1 })).summary
      .plan as unknown as PlanNode;
    expect(planFaults(scan)).toEqual([expect.stringMatching(/^NodeByLabelScan over every node of ApiEndpoint/)]);
    const all = (await run('EXPLAIN MATCH (n) WHERE n.id = $id RETURN n', { id: 'x' })).summary.plan as unknown as PlanNode;
    expect(planFaults(all)).toEqual([expect.stringMatching(/^AllNodesScan/), expect.stringMatching(/^no Limit or Top/)]);
  });

  const labelled = async (insight: (typeof INSIGHTS)[number]) =>
    (await run(`MATCH (n:\`${insightLabel(insight)}\`) RETURN n.id AS id ORDER BY id`, {})).records.map((r) => r.get('id') as string);

  const expectLabelsOf = async (written: AnalysisResult) => {
    for (const insight of INSIGHTS) {
      const expected = written.insights.filter((u) => u.insights.includes(insight)).map((u) => u.id).sort();
      expect(await labelled(insight), insight).toEqual(expected);
    }
  };

  // The analysis replaces the previous one for the whole database, so every label there is this file's.
  it('insight labels are exactly the insights the analysis wrote, and the next analysis takes them off', async () => {
    await expectLabelsOf(loaded!.analysis);
    expect((await labelled('InternetExposed')).length).toBeGreaterThan(0);
    const next = { ...loaded!.analysis, insights: loaded!.analysis.insights.filter((u) => !u.insights.includes('InternetExposed')) };
    await loaded!.store.replaceAnalysis(next, newRun());
    await expectLabelsOf(next);
    expect(await labelled('InternetExposed')).toEqual([]);
  });
});
