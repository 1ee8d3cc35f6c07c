/**
 * How Neo4j runs the compiled listings (`listNodes`: the API's pages of endpoints, findings and attack paths): EXPLAIN
 * against the real test server, on a generated and analysed estate so the planner costs its choices on real counts.
 * A page must not read every node of its kind (the kind's id index read in order, or an indexed condition, instead)
 * and must stop at the page with a Limit or Top. The first page used to be compiled as `$after IS NULL OR n.id >
 * $after`, the form that hides the id range from the planner (the explorer's root avoids it for that reason).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListOptions } from '../../src/store/index.js';
import { compileListQuery } from '../../src/store/neo4j/list-query.js';
import { STATE_VARIABLE, withGenerationRow } from '../../src/store/neo4j/state.js';
import { generateEstate } from '../../tools/estate/index.js';
import { neo4jSettings } from '../support/neo4j.js';
import { operatorName, planNodes, planText, type PlanNode } from '../support/neo4j-plan.js';
import { loadPlanEstate, type PlanEstate } from '../support/neo4j-plan-estate.js';

const PAGE = 51;

/** What is wrong with a listing's plan, in words (empty when nothing is). */
function listFaults(plan: PlanNode): string[] {
  const faults: string[] = [];
  let limited = false;
  for (const node of planNodes(plan)) {
    const name = operatorName(node);
    const details = String(node.arguments['Details'] ?? '');
    // The generation row's read of the one state node (state.ts) is the only scan a listing may hold.
    const stateRow = node.identifiers.includes(STATE_VARIABLE) && details.includes(':ApiPostureState');
    if ((name === 'AllNodesScan' || name === 'NodeByLabelScan') && !stateRow) faults.push(`${name} (${details})`);
    if ((name === 'Limit' || name === 'Top') && details.includes('$limit')) limited = true;
  }
  if (!limited) faults.push('no Limit or Top on $limit: the whole match is read before the page is cut');
  return faults;
}

const LISTINGS: readonly { readonly name: string; readonly options: ListOptions; readonly limit: number }[] = [
  { name: 'API endpoints, unfiltered (the apiEndpoints page)', options: { kind: 'ApiEndpoint' }, limit: PAGE },
  { name: 'API endpoints with an insight', options: { kind: 'ApiEndpoint', insights: ['InternetExposed'] }, limit: PAGE },
  { name: 'findings, unfiltered', options: { kind: 'Finding' }, limit: PAGE },
  {
    // The attackPaths resolver's rank window (src/api/resolvers/paths.ts): a range of the `rank` index.
    name: 'attack paths in a rank window',
    options: { kind: 'AttackPath', where: [{ property: 'rank', op: 'gt', value: 0 }, { property: 'rank', op: 'lt', value: 22 }] },
    limit: 501,
  },
];

describe.skipIf(!neo4jSettings())('Neo4j listing plans: no scan of a whole kind, LIMIT on the server', () => {
  const estate = generateEstate({ size: 1_000, seed: 90_611, subscriptions: 1 });
  let loaded: PlanEstate | undefined;

  beforeAll(async () => {
    loaded = await loadPlanEstate(estate);
  }, 300_000);

  afterAll(() => loaded?.remove(), 120_000);

  const explain = async (options: ListOptions, after: string | null, limit: number) => {
    const { cypher, parameters } = compileListQuery(options, after, limit);
    // As the store runs it: with the generation row (state.ts) after the listing.
    const result = await loaded!.run(`EXPLAIN ${withGenerationRow(cypher, ['n'])}`, { ...parameters, generation: 1 });
    return result.summary.plan as unknown as PlanNode;
  };

  it('attack paths in a rank window: a range seek of the rank index, not every current path', async () => {
    const window = LISTINGS.find((l) => l.options.kind === 'AttackPath')!;
    const plan = await explain(window.options, null, window.limit);
    const seeks = [...planNodes(plan)].filter(
      (node) => operatorName(node).startsWith('NodeIndexSeekByRange') && String(node.arguments['Details'] ?? '').includes('rank'),
    );
    expect(seeks, planText(plan)).toHaveLength(1);
  });

  for (const { name, options, limit } of LISTINGS) {
    it(`${name}: first and later pages`, async () => {
      for (const after of [null, `/subscriptions/${[...estate.subscriptionIds][0]!}/resourcegroups/m`]) {
        const plan = await explain(options, after, limit);
        expect(listFaults(plan), planText(plan)).toEqual([]);
      }
    });
  }
});
