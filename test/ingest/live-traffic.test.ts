import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { ingestFiles } from '../../src/ingest/index.js';
import { ingestLiveTraffic } from '../../src/ingest/traffic.js';
import { MemoryStore } from '../../src/store/index.js';
import {
  fakeLogsCredential,
  logTable,
  startFakeLogAnalytics,
  type FakeLogAnalytics,
} from '../support/fake-log-analytics.js';
import { newRun } from '../support/graph-fixture.js';

const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
const GATEWAY = `/subscriptions/${SUB}/resourcegroups/rg-apim-prod/providers/microsoft.apimanagement/service/apim-contoso-prod`;
const OPS = `${GATEWAY}/apis/orders-api/operations`;
const columns = (spec: string) => spec.split(' ').map((c) => ({ name: c.split(':')[0]!, type: c.split(':')[1]! }));

const AGGREGATES = logTable(
  'PrimaryResult',
  columns(
    'GatewayId:string ApiName:string OperationId:string RoutePath:string Calls:long FirstCall:datetime LastCall:datetime R1xx:long R2xx:long R3xx:long R4xx:long R5xx:long Callers:long External:long Internal:long UnknownCaller:long WithoutSubscription:long WithoutCredentialSeen:long WithoutCredentialHeadersLogged:long ServedWithoutCredentialSeen:long AuthorizationHeaderLogged:long Method:string',
  ),
  [
    {
      GatewayId: GATEWAY,
      ApiName: 'orders-api',
      OperationId: 'get-order',
      RoutePath: '',
      Calls: 120,
      FirstCall: '2025-03-01T00:00:00Z',
      LastCall: '2025-05-14T09:00:00Z',
      R1xx: 0,
      R2xx: 118,
      R3xx: 0,
      R4xx: 2,
      R5xx: 0,
      Callers: 9,
      External: 120,
      Internal: 0,
      UnknownCaller: 0,
      WithoutSubscription: 120,
      WithoutCredentialSeen: 120,
      WithoutCredentialHeadersLogged: 0,
      ServedWithoutCredentialSeen: 118,
      AuthorizationHeaderLogged: 0,
      Method: 'GET',
    },
  ],
);

const SAMPLES = logTable(
  'PrimaryResult',
  columns(
    'TimeGenerated:datetime _ResourceId:string ApiId:string OperationId:string Method:string Url:string ResponseCode:int CallerIpAddress:string ApimSubscriptionId:string RequestHeaders:dynamic ResponseHeaders:dynamic RequestBody:string ResponseBody:string BackendRequestBody:string BackendResponseBody:string CorrelationId:string',
  ),
  [
    {
      TimeGenerated: '2025-05-14T09:00:00Z',
      _ResourceId: GATEWAY,
      ApiId: 'orders-api',
      OperationId: 'get-order',
      Method: 'GET',
      Url: 'https://apim-contoso-prod.azure-api.net/orders/v1/orders/7?code=LIVE-SECRET',
      ResponseCode: 200,
      CallerIpAddress: '203.0.113.9',
      ApimSubscriptionId: '',
      RequestHeaders: '{}',
      ResponseHeaders: '{}',
      RequestBody: '',
      ResponseBody: JSON.stringify({
        customer: { name: 'Jane Roe', ssn: '536-22-1837', email: 'jane.roe@contoso.example' },
      }),
      BackendRequestBody: '',
      BackendResponseBody: '',
      CorrelationId: 'c-1',
    },
  ],
);

describe('gateway traffic from Log Analytics into the graph', () => {
  let server: FakeLogAnalytics;
  beforeAll(async () => {
    server = await startFakeLogAnalytics((q) => ({ tables: [q.query.includes('SampleRank') ? SAMPLES : AGGREGATES] }));
  });
  afterAll(async () => server.close());

  it('stores calls, the log window and sensitive info types, never values or secrets', async () => {
    const store = await MemoryStore.open();
    await ingestFiles(store, ['test/fixtures/skeleton'], { source: 'azure-export', run: newRun() });
    const summary = await ingestLiveTraffic(
      store,
      { credential: fakeLogsCredential, endpoint: server.url, caCertificates: [server.certificate], maxRetries: 0 },
      { workspaceId: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
      { run: newRun(), duration: 'P90D' },
    );
    expect(summary).toMatchObject({
      endpointsCovered: 2,
      endpointsCalled: 1,
      endpointsWithSensitiveData: 1,
      partial: 0,
    });
    await analyze(store, newRun());
    const called = await store.getNode(`${OPS}/get-order`);
    expect(called?.properties).toMatchObject({ callCount: 120, lastCalled: '2025-05-14T09:00:00.000Z' });
    expect(called?.properties['sensitiveInfoTypes']).toEqual(
      expect.arrayContaining(['U.S. Social Security Number (SSN)', 'Email Address']),
    );
    expect(called?.properties['insights']).toEqual(expect.arrayContaining(['SensitiveData', 'AllowsAnonymousAccess']));
    const idle = await store.getNode(`${OPS}/create-order`);
    expect(idle?.properties['insights']).toContain('Inactive');
    const everything = JSON.stringify([called, idle]);
    expect(everything).not.toContain('536-22-1837');
    expect(everything).not.toContain('LIVE-SECRET');
  });
});
