import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureError } from '../../src/util/azure-failures.js';
import { queryGatewayTraffic, type LogAnalyticsSettings, type TrafficSample } from '../../src/traffic/index.js';
import {
  fakeLogsCredential,
  logTable,
  startFakeLogAnalytics,
  type FakeLogAnalytics,
  type LogAnalyticsAnswer,
  type LogAnalyticsQuery,
} from '../support/fake-log-analytics.js';
import { CONTOSO, estateCatalog, FABRIKAM, OPS, RETIRED } from './estate.js';

const WORKSPACE = '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const AGGREGATE_COLUMNS = [
  ['GatewayId', 'string'],
  ['ApiName', 'string'],
  ['OperationId', 'string'],
  ['RoutePath', 'string'],
  ['Calls', 'long'],
  ['FirstCall', 'datetime'],
  ['LastCall', 'datetime'],
  ['R1xx', 'long'],
  ['R2xx', 'long'],
  ['R3xx', 'long'],
  ['R4xx', 'long'],
  ['R5xx', 'long'],
  ['Callers', 'long'],
  ['External', 'long'],
  ['Internal', 'long'],
  ['UnknownCaller', 'long'],
  ['WithoutSubscription', 'long'],
  ['WithoutCredentialSeen', 'long'],
  ['WithoutCredentialHeadersLogged', 'long'],
  ['ServedWithoutCredentialSeen', 'long'],
  ['AuthorizationHeaderLogged', 'long'],
  ['Method', 'string'],
].map(([name, type]) => ({ name: name!, type: type! }));

const group = (values: Record<string, unknown>) => ({
  R1xx: 0,
  R3xx: 0,
  R5xx: 0,
  Internal: 0,
  UnknownCaller: 0,
  WithoutCredentialHeadersLogged: 0,
  AuthorizationHeaderLogged: 0,
  RoutePath: '',
  ...values,
});

const AGGREGATES = logTable('PrimaryResult', AGGREGATE_COLUMNS, [
  group({
    GatewayId: CONTOSO,
    ApiName: 'orders-api',
    OperationId: 'get-order',
    Calls: 18211,
    FirstCall: '2025-05-01T00:00:03Z',
    LastCall: '2025-05-14T09:21:07.412Z',
    R2xx: 18174,
    R4xx: 37,
    Callers: 412,
    External: 18000,
    Internal: 211,
    WithoutSubscription: 5,
    WithoutCredentialSeen: 3,
    ServedWithoutCredentialSeen: 2,
    Method: 'GET',
  }),
  // APIM mapped no operation: grouped by path, matched here by template.
  group({
    GatewayId: CONTOSO,
    ApiName: '',
    OperationId: '',
    RoutePath: '/orders/v1/orders/latest',
    Calls: 3,
    FirstCall: '2025-05-02T00:00:00Z',
    LastCall: '2025-05-03T00:00:00Z',
    R2xx: 3,
    Callers: 1,
    External: 3,
    WithoutSubscription: 3,
    WithoutCredentialSeen: 3,
    ServedWithoutCredentialSeen: 3,
    Method: 'GET',
  }),
  group({
    GatewayId: FABRIKAM,
    ApiName: 'orders-api',
    OperationId: 'get-order',
    Calls: 10,
    FirstCall: '2025-04-20T00:00:00Z',
    LastCall: '2025-04-21T00:00:00Z',
    R2xx: 10,
    Callers: 2,
    External: 10,
    WithoutSubscription: 0,
    WithoutCredentialSeen: 0,
    ServedWithoutCredentialSeen: 0,
    Method: 'GET',
  }),
  group({
    GatewayId: RETIRED,
    ApiName: 'orders-api',
    OperationId: 'get-order',
    Calls: 7,
    FirstCall: '2025-04-15T00:00:00Z',
    LastCall: '2025-04-16T00:00:00Z',
    R2xx: 7,
    Callers: 1,
    External: 7,
    WithoutSubscription: 0,
    WithoutCredentialSeen: 0,
    ServedWithoutCredentialSeen: 0,
    Method: 'GET',
  }),
]);

const SAMPLE_COLUMNS = [
  ['TimeGenerated', 'datetime'],
  ['_ResourceId', 'string'],
  ['ApiId', 'string'],
  ['OperationId', 'string'],
  ['Method', 'string'],
  ['Url', 'string'],
  ['ResponseCode', 'int'],
  ['CallerIpAddress', 'string'],
  ['ApimSubscriptionId', 'string'],
  ['RequestHeaders', 'dynamic'],
  ['ResponseHeaders', 'dynamic'],
  ['RequestBody', 'string'],
  ['ResponseBody', 'string'],
  ['BackendRequestBody', 'string'],
  ['BackendResponseBody', 'string'],
  ['CorrelationId', 'string'],
].map(([name, type]) => ({ name: name!, type: type! }));

const SAMPLES = logTable('PrimaryResult', SAMPLE_COLUMNS, [
  {
    TimeGenerated: '2025-05-14T09:21:07.412Z',
    _ResourceId: CONTOSO,
    ApiId: 'orders-api',
    OperationId: 'get-order',
    Method: 'GET',
    Url: 'https://apim-contoso-prod.azure-api.net/orders/v1/orders/1234?code=SECRET-LIVE-1',
    ResponseCode: 200,
    CallerIpAddress: '203.0.113.45',
    ApimSubscriptionId: 'partner-acme',
    RequestHeaders: JSON.stringify({ Authorization: 'Bearer SECRET-LIVE-2' }),
    ResponseHeaders: '{}',
    RequestBody: '',
    ResponseBody: '{"email":"jane@contoso.example"}',
    BackendRequestBody: '',
    BackendResponseBody: '',
    CorrelationId: 'c-1',
  },
  {
    TimeGenerated: '2025-05-02T00:00:00Z',
    _ResourceId: CONTOSO,
    ApiId: '',
    OperationId: '',
    Method: 'GET',
    Url: 'https://apim-contoso-prod.azure-api.net/orders/v1/orders/latest',
    ResponseCode: 200,
    CallerIpAddress: '198.51.100.1',
    ApimSubscriptionId: '',
    RequestHeaders: '',
    ResponseHeaders: '',
    RequestBody: '',
    ResponseBody: '',
    BackendRequestBody: '',
    BackendResponseBody: '',
    CorrelationId: 'c-2',
  },
]);

const isSampleQuery = (q: LogAnalyticsQuery) => q.query.includes('SampleRank');

let server: FakeLogAnalytics;
let respond: (q: LogAnalyticsQuery) => LogAnalyticsAnswer = () => ({ tables: [] });
let settings: LogAnalyticsSettings;

beforeAll(async () => {
  server = await startFakeLogAnalytics((q) => respond(q));
  settings = {
    credential: fakeLogsCredential,
    endpoint: server.url,
    caCertificates: [server.certificate],
    maxRetries: 0,
  };
});
afterAll(async () => {
  await server.close();
});

describe('gateway traffic from Log Analytics', async () => {
  const catalog = await estateCatalog();

  it('aggregates per endpoint in KQL and maps the groups like file rows', async () => {
    server.queries.length = 0;
    respond = (q) => ({ tables: [isSampleQuery(q) ? SAMPLES : AGGREGATES] });
    const samples: [string, TrafficSample][] = [];
    const result = await queryGatewayTraffic(settings, { workspaceId: WORKSPACE }, catalog, {
      duration: 'P7D',
      onSample: (s, id) => void samples.push([id, s]),
    });
    expect(server.queries.map((q) => [q.scope, q.target, q.timespan, q.authorization])).toEqual([
      ['workspace', WORKSPACE, 'P7D', 'Bearer fake-log-analytics-token'],
      ['workspace', WORKSPACE, 'P7D', 'Bearer fake-log-analytics-token'],
    ]);
    expect(server.queries[0]!.query).toMatch(/^ApiManagementGatewayLogs\n/);
    expect(server.queries[0]!.query).toContain('| summarize Calls = count()');
    expect(result.partial).toEqual([]);
    const { summary } = result;
    expect(summary.endpoints.map((e) => [e.endpointId, e.calls, e.matchedBy])).toEqual(
      [
        [OPS.getOrder, 18211, { id: 18211, url: 0 }],
        [OPS.latestOrder, 3, { id: 0, url: 3 }],
        [OPS.fabrikamGetOrder, 10, { id: 10, url: 0 }],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    expect(summary.endpoints.find((e) => e.endpointId === OPS.getOrder)).toMatchObject({
      firstCall: '2025-05-01T00:00:03.000Z',
      lastCall: '2025-05-14T09:21:07.412Z',
      responseClasses: { '2xx': 18174, '4xx': 37, other: 0 },
      callers: { count: 412, estimated: true },
      callerScopes: { external: 18000, internal: 211, unknown: 0 },
      credentials: { withoutSubscription: 5, withoutCredentialSeen: 3, servedWithoutCredentialSeen: 2 },
    });
    expect(summary.window).toEqual({ start: '2025-04-15T00:00:00.000Z', end: '2025-05-14T09:21:07.412Z' });
    expect(summary.unmatched).toMatchObject({ rows: 7, byReason: { 'unknown-gateway': 7 } });
    expect(summary.gateways.map((g) => [g.gatewayId, g.rows])).toEqual([
      [RETIRED, 7],
      [CONTOSO, 18214],
      [FABRIKAM, 10],
    ]);
    // Sample rows are redacted like file rows, and reach the classifier callback.
    expect(samples.map(([id, s]) => [id, s.url])).toEqual([
      [OPS.getOrder, 'https://apim-contoso-prod.azure-api.net/orders/v1/orders/1234?code=[REDACTED]'],
      [OPS.latestOrder, 'https://apim-contoso-prod.azure-api.net/orders/v1/orders/latest'],
    ]);
    expect(samples[0]![1].requestHeaders).toEqual({ Authorization: '[REDACTED]' });
    expect(JSON.stringify([result, samples])).not.toMatch(/SECRET-/);
  });

  it('runs resource-context queries on the legacy AzureDiagnostics table', async () => {
    server.queries.length = 0;
    respond = () => ({ tables: [AGGREGATES] });
    const result = await queryGatewayTraffic(settings, { resourceId: CONTOSO }, catalog, {
      table: 'AzureDiagnostics',
      sampling: { size: 0 },
    });
    expect(server.queries.map((q) => [q.scope, q.target, q.timespan])).toEqual([['resource', CONTOSO, 'P30D']]);
    expect(server.queries[0]!.query).toMatch(
      /^AzureDiagnostics\n\| where ResourceProvider == "MICROSOFT.APIMANAGEMENT" and Category == "GatewayLogs"/,
    );
    expect(result.summary.endpoints.every((e) => e.samples.length === 0)).toBe(true);
  });

  it('reports a partial result (200 with an error) and keeps what came back', async () => {
    respond = (q) =>
      isSampleQuery(q)
        ? { tables: [SAMPLES] }
        : {
            tables: [AGGREGATES],
            error: { code: 'PartialError', message: 'Query result set has exceeded the internal record count limit' },
          };
    const result = await queryGatewayTraffic(settings, { workspaceId: WORKSPACE }, catalog);
    expect(result.partial).toEqual([
      {
        query: 'aggregates',
        code: 'PartialError',
        message: 'Query result set has exceeded the internal record count limit',
      },
    ]);
    expect(result.summary.rows).toBe(18231);
  });

  it('turns a refused query into an AzureError with its status', async () => {
    respond = () => ({
      status: 403,
      code: 'InsufficientAccessError',
      message: 'The provided credentials have insufficient access to perform the requested operation',
    });
    const error = await queryGatewayTraffic(settings, { workspaceId: WORKSPACE }, catalog).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AzureError);
    expect((error as AzureError).failures).toEqual([
      expect.objectContaining({ operation: 'loganalytics.aggregates', status: 403 }),
    ]);
  });

  it('checks its options before calling Azure', async () => {
    server.queries.length = 0;
    await expect(
      queryGatewayTraffic(settings, { workspaceId: WORKSPACE }, catalog, { duration: '7 days' }),
    ).rejects.toThrow(/ISO 8601/);
    await expect(
      queryGatewayTraffic(settings, { workspaceId: WORKSPACE }, catalog, { sampling: { rate: 2 } }),
    ).rejects.toThrow(/rate/);
    expect(server.queries).toEqual([]);
  });
});
