import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze.js';
import { endpointPolicies } from '../../../src/analysis/derive/policy-context.js';
import { GraphView } from '../../../src/analysis/graph-view.js';
import { EffectivePolicies } from '../../../src/analysis/policy/index.js';
import { ingestRows, transformResourceRows } from '../../../src/ingest/index.js';
import type { GraphEdge, GraphNode } from '../../../src/model/index.js';
import { MemoryStore, type GraphStore } from '../../../src/store/index.js';
import { newRun } from '../../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../../support/neo4j.js';
import { CASES, operationId, semanticsRows, SUB, SVC } from './semantics-table.js';

const inputRows = () => semanticsRows().map((value, index) => ({ file: 'semantics.json', index, value }));

/** Per operation: anonymous or not, ROUTES_TO targets and CALLS targets (resource names, `host:` ids outside). */
async function readBack(store: GraphStore) {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  for await (const chunk of store.streamGraph()) {
    for (const n of chunk.nodes) nodes.set(n.id, n);
    edges.push(...chunk.edges);
  }
  const name = (id: string) => (id.startsWith('host:') ? id : String(nodes.get(id)?.properties['name']));
  const targets = (from: string, kind: string) => edges.filter((e) => e.from === from && e.kind === kind).map((e) => name(e.to)).sort();
  return CASES.map((_, i) => {
    const id = operationId(i);
    const insights = nodes.get(id)?.properties['insights'];
    return {
      anonymous: Array.isArray(insights) && insights.includes('AllowsAnonymousAccess'),
      routes: targets(id, 'ROUTES_TO'),
      calls: targets(id, 'CALLS'),
    };
  });
}

const expected = CASES.map((c) => ({
  anonymous: c.auth === 'none' || c.auth === 'conditional',
  routes: [...c.routes].sort(),
  calls: [...(c.calls ?? [])].sort(),
}));

describe('APIM policy semantics table', () => {
  it('holds at least 60 policy documents', () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  it('gives each document its authentication verdict', async () => {
    const { nodes, edges } = await transformResourceRows(inputRows(), { source: 'azure-export' });
    const view = GraphView.of(nodes, edges);
    const policies = new EffectivePolicies();
    const verdicts = CASES.map((_, i) => endpointPolicies(view, view.get(operationId(i))!, policies).ways[0]!.facts.authentication.requirement);
    expect(verdicts.map((v, i) => `${CASES[i]!.name}: ${v}`)).toEqual(CASES.map((c) => `${c.name}: ${c.auth}`));
  });

  it('ingests and analyses every document to its verdict, backends and calls on the memory store', async () => {
    const store = await MemoryStore.open();
    await ingestRows(store, inputRows(), { source: 'azure-export', run: newRun() });
    const summary = await analyze(store, newRun());
    const got = await readBack(store);
    expect(got.map((g, i) => ({ name: CASES[i]!.name, ...g }))).toEqual(expected.map((e, i) => ({ name: CASES[i]!.name, ...e })));
    // Bad input is reported against the resource, and the rest of the analysis goes on.
    const problems = summary.problems.map((p) => `${p.assetId.split('/').pop()}: ${p.problem}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/policy fragment cycle: cycle-a → cycle-b → cycle-a/),
        expect.stringMatching(/^broken: policy fragment "broken" could not be read/),
        expect.stringMatching(/policy fragment "no-such-fragment" included by the policy is not in the input/),
        expect.stringMatching(/named value "no-such-value" is not in the input/),
      ]),
    );
  });

  it('makes managed-identity calls as the gateway identity the policy names', async () => {
    const store = await MemoryStore.open();
    await ingestRows(store, inputRows(), { source: 'azure-export', run: newRun() });
    await analyze(store, newRun());
    const identityOf = async (caseName: string) => {
      const i = CASES.findIndex((c) => c.name === caseName);
      const out = await store.neighbours(operationId(i), { direction: 'out', edgeKinds: ['CALLS'] });
      return out.map((n) => [n.node.properties['name'], n.edge.properties['identityId'], n.edge.properties['tokenResource']]);
    };
    expect(await identityOf('blob read behind validate-jwt')).toEqual([['stsemdata', `${SVC.toLowerCase()}/identities/system`, 'https://storage.azure.com/']]);
    expect(await identityOf('a named value in a send-request host')).toEqual([
      ['stsemdata', `/subscriptions/${SUB}/resourcegroups/rg-sem/providers/microsoft.managedidentity/userassignedidentities/uai-apim-sem`, 'https://storage.azure.com/'],
    ]);
    // mode="copy" in on-error: the caller's credentials travel to the error sink after authentication failed.
    const sink = await store.neighbours(operationId(CASES.findIndex((c) => c.name === 'on-error copies the request to an error sink')), { direction: 'out', edgeKinds: ['CALLS'] });
    expect(sink.map((n) => [n.edge.properties['mode'], n.edge.properties['condition']])).toEqual([['copy', 'on-error']]);
    // No identity: the call to an outside host carries none.
    expect(await identityOf('call to an outside host')).toEqual([['api.partner.example', undefined, undefined]]);
  });

  it('never stores a secret named value or a literal Basic credential', async () => {
    const store = await MemoryStore.open();
    await ingestRows(store, inputRows(), { source: 'azure-export', run: newRun() });
    const text = JSON.stringify((await readAll(store)).nodes);
    expect(text).not.toContain('never-stored');
    expect(text).not.toContain('c3ZjOnBhc3N3b3JkMTIz');
  });
});

async function readAll(store: GraphStore) {
  const nodes: GraphNode[] = [];
  for await (const chunk of store.streamGraph()) nodes.push(...chunk.nodes);
  return { nodes };
}

describe.skipIf(!neo4jSettings())('APIM policy semantics table on Neo4j', () => {
  it('gives the same verdicts, backends and calls as the table', async () => {
    const store = await openNeo4jStore();
    try {
      await store.completeRun({ runId: 'semantics-wipe', startedAt: '2026-02-01T00:00:00.000Z' }, [SUB]);
      await ingestRows(store, inputRows(), { source: 'azure-export', run: newRun() });
      await analyze(store, newRun());
      const got = await readBack(store);
      expect(got.map((g, i) => ({ name: CASES[i]!.name, ...g }))).toEqual(expected.map((e, i) => ({ name: CASES[i]!.name, ...e })));
    } finally {
      await store.close();
    }
  });
});
