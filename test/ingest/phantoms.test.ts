import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles, type IngestSummary } from '../../src/ingest/pipeline.js';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'apiposture-phantoms-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** ARM ids of one subscription's APIM service and its children, as Azure spells them (mixed case). */
function estate(sub: string) {
  const service = `/subscriptions/${sub}/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/apim-shop`;
  const api = (name: string) => `${service}/apis/${name}`;
  const op = (apiName: string, name: string) => `${api(apiName)}/operations/${name}`;
  const policy = (scope: string) => ({
    id: `${scope}/policies/policy`,
    type: 'Microsoft.ApiManagement/service/apis/operations/policies',
    name: 'policy',
    properties: { format: 'xml', value: '<policies><inbound><base /></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>' },
  });
  return {
    service: { id: service, type: 'Microsoft.ApiManagement/service', name: 'apim-shop', location: 'westeurope', sku: { name: 'Developer', capacity: 1 }, properties: { gatewayUrl: 'https://apim-shop.azure-api.net' } },
    api: (name: string) => ({ id: api(name), type: 'Microsoft.ApiManagement/service/apis', name, properties: { path: name, protocols: ['https'], subscriptionRequired: true } }),
    op: (apiName: string, name: string) => ({ id: op(apiName, name), type: 'Microsoft.ApiManagement/service/apis/operations', name, properties: { method: 'GET', urlTemplate: `/${name}` } }),
    opPolicy: (apiName: string, name: string) => ({ ...policy(op(apiName, name)), type: 'Microsoft.ApiManagement/service/apis/operations/policies' }),
    apiPolicy: (name: string) => ({ ...policy(api(name)), type: 'Microsoft.ApiManagement/service/apis/policies' }),
    ids: { service: service.toLowerCase(), api: (n: string) => api(n).toLowerCase(), op: (a: string, n: string) => op(a, n).toLowerCase() },
  };
}

async function writeFiles(files: Record<string, unknown[]>): Promise<string> {
  const dir = join(scratch, randomUUID());
  await mkdir(dir);
  for (const [name, rows] of Object.entries(files)) await writeFile(join(dir, name), JSON.stringify({ value: rows }));
  return dir;
}

async function kindsIn(store: GraphStore, sub: string, kind: 'Api' | 'ApiEndpoint'): Promise<string[]> {
  const page = await store.listNodes({ kind, where: [{ property: 'subscriptionId', op: 'eq', value: sub }], first: 100 });
  return page.items.map((n) => n.id).sort();
}

function describeStore(name: string, open: () => Promise<GraphStore>) {
  describe(`no phantom nodes on the ${name} store`, () => {
    let store: GraphStore;
    const subs: string[] = [];
    const scan = async (dir: string): Promise<IngestSummary> => ingestFiles(store, [dir], { source: 'azure-export', run: newRun() });
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.completeRun(newRun(), subs);
      await store.close();
    });

    it('keeps child rows whose parent is absent out of the graph, counted as incomplete with the parent named', async () => {
      const sub = randomUUID();
      subs.push(sub);
      const e = estate(sub);
      const dir = await writeFiles({
        'service.json': [e.service],
        'apis.json': [e.api('orders')],
        'operations.json': [e.op('orders', 'list'), e.op('billing', 'charge')],
        'policies.json': [e.opPolicy('orders', 'list'), e.opPolicy('orders', 'gone'), e.apiPolicy('legacy')],
      });
      const summary = await scan(dir);
      expect(await kindsIn(store, sub, 'Api')).toEqual([e.ids.api('orders')]);
      expect(await kindsIn(store, sub, 'ApiEndpoint')).toEqual([e.ids.op('orders', 'list')]);
      expect((await store.getNode(e.ids.op('orders', 'list')))?.properties['policy']).toMatch(/<policies>/);
      const incomplete = summary.incomplete.map((r) => [r.file.split('/').pop(), r.index, r.what, r.parentId]);
      expect(incomplete).toEqual(
        expect.arrayContaining([
          ['operations.json', 1, `ApiEndpoint ${e.ids.op('billing', 'charge')}`, e.ids.api('billing')],
          ['policies.json', 1, `settings of ${e.ids.op('orders', 'gone')}`, e.ids.op('orders', 'gone')],
          ['policies.json', 2, `settings of ${e.ids.api('legacy')}`, e.ids.api('legacy')],
        ]),
      );
      expect(incomplete).toHaveLength(3);
      // Every stored endpoint has a method and a URL: none is a phantom.
      for (const id of await kindsIn(store, sub, 'ApiEndpoint')) {
        const node = await store.getNode(id);
        expect(node?.properties).toMatchObject({ method: 'GET', url: 'https://apim-shop.azure-api.net/orders/list' });
      }
    });

    it('attaches a child whose parent arrives in a later file of the same scan, and one whose parent is stored', async () => {
      const sub = randomUUID();
      subs.push(sub);
      const e = estate(sub);
      // Files are read in name order: operations first, their API and service after.
      const first = await scan(await writeFiles({ 'a-operations.json': [e.op('orders', 'list')], 'b-apis.json': [e.api('orders')], 'c-service.json': [e.service] }));
      expect(first.incomplete).toEqual([]);
      expect(await kindsIn(store, sub, 'ApiEndpoint')).toEqual([e.ids.op('orders', 'list')]);
      // A later export of policies only: the stored operation and API take them.
      const second = await ingestFiles(store, [await writeFiles({ 'policies.json': [e.opPolicy('orders', 'list'), e.apiPolicy('orders')] })], {
        source: 'azure-export',
        run: newRun(),
        allowEmpty: true,
      });
      expect(second.incomplete).toEqual([]);
      expect((await store.getNode(e.ids.api('orders')))?.properties['policy']).toMatch(/<policies>/);
      expect((await store.getNode(e.ids.op('orders', 'list')))?.properties['policy']).toMatch(/<policies>/);
    });
  });
}

describeStore('memory', () => MemoryStore.open());
describe.skipIf(!neo4jSettings())('neo4j', () => describeStore('neo4j', () => openNeo4jStore()));
