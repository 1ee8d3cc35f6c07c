import { describe, expect, it } from 'vitest';
import { ingestRows } from '../../src/ingest/pipeline.js';
import { readInputFiles } from '../../src/util/input/read-files.js';
import { MemoryStore } from '../../src/store/index.js';
import {
  buildEndpointCatalog,
  EndpointMatcher,
  loadEndpointCatalog,
  type GatewayLogRecord,
} from '../../src/traffic/index.js';
import { APIM_FIXTURES, CONTOSO, estateCatalog, estateNodes, FABRIKAM, OPS, RETIRED } from './estate.js';

type Call = Pick<GatewayLogRecord, 'gatewayId' | 'apiId' | 'operationId' | 'method' | 'url'>;
const HOST = 'https://apim-contoso-prod.azure-api.net';

describe('the endpoint catalog from the graph', () => {
  it('lists every APIM operation with its gateway, names, API path and hosts', async () => {
    const catalog = await estateCatalog();
    expect(catalog.map((e) => e.endpointId).sort()).toEqual(Object.values(OPS).sort());
    expect(catalog.find((e) => e.endpointId === OPS.getOrder)).toEqual({
      endpointId: OPS.getOrder,
      gatewayId: CONTOSO,
      apiName: 'orders-api',
      apiPath: 'orders/v1',
      operationName: 'get-order',
      method: 'GET',
      urlTemplate: '/orders/{orderId}',
      gatewayHosts: ['api.contoso.example', 'apim-contoso-prod.azure-api.net'],
    });
    // The non-current revision `orders-api;rev=2` is not in the graph: callers reach it through the same operations.
    expect(catalog.some((e) => e.apiName.includes(';rev='))).toBe(false);
  });

  it('reads the same catalog back from a store', async () => {
    const store = await MemoryStore.open();
    const input = await readInputFiles([APIM_FIXTURES]);
    await ingestRows(store, input.resources, {
      source: 'azure-export',
      run: { runId: 'r1', startedAt: '2025-05-15T00:00:00Z' },
    });
    expect(await loadEndpointCatalog(store)).toEqual(buildEndpointCatalog(await estateNodes()));
    await store.close();
  });
});

describe('mapping log rows to endpoints', async () => {
  const matcher = new EndpointMatcher(await estateCatalog());
  const match = (call: Call) => matcher.match(call);

  it('maps by names within the row’s service: equal names on two services stay apart', () => {
    expect(match({ gatewayId: CONTOSO, apiId: 'orders-api', operationId: 'get-order' })).toEqual({
      endpointId: OPS.getOrder,
      by: 'id',
    });
    expect(match({ gatewayId: FABRIKAM, apiId: 'orders-api', operationId: 'get-order' })).toEqual({
      endpointId: OPS.fabrikamGetOrder,
      by: 'id',
    });
  });

  it('maps a revision (`;rev=N` in ApiId) to the operation of the current revision', () => {
    expect(match({ gatewayId: CONTOSO, apiId: 'orders-api;rev=2', operationId: 'get-order' })).toEqual({
      endpointId: OPS.getOrder,
      by: 'id',
    });
  });

  it('without a service id, maps by names only when they are unique across services', () => {
    expect(match({ apiId: 'orders-admin', operationId: 'purge-cache' })).toEqual({
      endpointId: OPS.purgeCache,
      by: 'id',
    });
    // orders-api/get-order exists on both services: the URL decides.
    expect(
      match({
        apiId: 'orders-api',
        operationId: 'get-order',
        method: 'GET',
        url: 'https://apim-fabrikam-test.azure-api.net/shop/orders/1',
      }),
    ).toEqual({
      endpointId: OPS.fabrikamGetOrder,
      by: 'url',
    });
  });

  it('falls back to URL templates: path parameters, query strings ignored', () => {
    expect(match({ gatewayId: CONTOSO, method: 'GET', url: `${HOST}/orders/v1/orders/42?expand=items` })).toEqual({
      endpointId: OPS.getOrder,
      by: 'url',
    });
    expect(match({ gatewayId: CONTOSO, method: 'GET', url: `${HOST}/orders/v1/orders?status=open` })).toEqual({
      endpointId: OPS.listOrders,
      by: 'url',
    });
    expect(match({ gatewayId: CONTOSO, method: 'POST', url: `${HOST}/orders/v1/orders/` })).toEqual({
      endpointId: OPS.createOrder,
      by: 'url',
    });
    expect(match({ gatewayId: CONTOSO, method: 'GET', url: `${HOST}/legacy/items/42.json` })).toEqual({
      endpointId: OPS.getItem,
      by: 'url',
    });
  });

  it('prefers the literal template over a parameter', () => {
    expect(match({ gatewayId: CONTOSO, method: 'GET', url: `${HOST}/orders/v1/orders/latest` })).toEqual({
      endpointId: OPS.latestOrder,
      by: 'url',
    });
  });

  it('takes the API with the longest matching path', () => {
    expect(match({ gatewayId: CONTOSO, method: 'DELETE', url: `${HOST}/orders/v1/admin/cache` })).toEqual({
      endpointId: OPS.purgeCache,
      by: 'url',
    });
    // Nothing longer fits: the root-path API with its `/*` operation takes it.
    expect(match({ gatewayId: CONTOSO, method: 'PUT', url: `${HOST}/anything/else` })).toEqual({
      endpointId: OPS.echoAny,
      by: 'url',
    });
  });

  it('reads revisions in URLs (`path;rev=N/…`)', () => {
    expect(match({ gatewayId: CONTOSO, method: 'GET', url: `${HOST}/orders/v1;rev=2/orders/77` })).toEqual({
      endpointId: OPS.getOrder,
      by: 'url',
    });
  });

  it('finds the service by host, case-insensitively, custom domains included', () => {
    expect(match({ method: 'GET', url: 'https://API.Contoso.Example:443/legacy/items/7.json' })).toEqual({
      endpointId: OPS.getItem,
      by: 'url',
    });
  });

  it('reports why a row maps to nothing', () => {
    expect(
      match({
        gatewayId: RETIRED,
        apiId: 'orders-api',
        operationId: 'get-order',
        url: 'https://apim-retired.azure-api.net/orders/1',
      }),
    ).toEqual({
      endpointId: null,
      reason: 'unknown-gateway',
    });
    expect(match({ method: 'GET', url: 'https://elsewhere.example/orders/v1/orders/1' })).toEqual({
      endpointId: null,
      reason: 'unknown-gateway',
    });
    expect(match({ gatewayId: CONTOSO, method: 'GET', url: `${HOST}/orders/v1/unknown/path` })).toEqual({
      endpointId: null,
      reason: 'no-operation-for-path',
    });
    expect(match({ gatewayId: CONTOSO, method: 'PATCH', url: `${HOST}/orders/v1/orders/42` })).toEqual({
      endpointId: null,
      reason: 'no-operation-for-path',
    });
    expect(
      match({ gatewayId: FABRIKAM, method: 'GET', url: 'https://apim-fabrikam-test.azure-api.net/other' }),
    ).toEqual({ endpointId: null, reason: 'no-api-for-path' });
    expect(match({ gatewayId: CONTOSO })).toEqual({ endpointId: null, reason: 'no-names-or-url' });
  });
});
