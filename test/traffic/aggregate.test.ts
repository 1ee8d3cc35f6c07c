import { describe, expect, it } from 'vitest';
import { DistinctCounter } from '../../src/traffic/distinct.js';
import {
  analyzeGatewayLogFiles,
  analyzeGatewayLogs,
  anonymousCallEvidence,
  callerScope,
  endpointActivity,
  type TrafficSummary,
} from '../../src/traffic/index.js';
import { CONTOSO, estateCatalog, FABRIKAM, logFixture, OPS, RETIRED } from './estate.js';

const catalog = await estateCatalog();
const { summary, read } = await analyzeGatewayLogFiles([logFixture('gateway-logs.json')], catalog);
const endpoint = (s: TrafficSummary, id: string) => s.endpoints.find((e) => e.endpointId === id);

describe('per-endpoint totals over the whole stream', () => {
  it('counts calls, first and last call, response classes and callers', () => {
    expect(read.logRows).toBe(9);
    expect(endpoint(summary, OPS.getOrder)).toMatchObject({
      calls: 2,
      firstCall: '2025-05-10T12:00:00.000Z',
      lastCall: '2025-05-14T09:21:07.412Z',
      responseClasses: { '1xx': 0, '2xx': 2, '3xx': 0, '4xx': 0, '5xx': 0, other: 0 },
      callers: { count: 2, estimated: false },
      callerScopes: { external: 1, internal: 1, unknown: 0 },
      matchedBy: { id: 2, url: 0 },
    });
    expect(endpoint(summary, OPS.createOrder)).toMatchObject({ calls: 1, responseClasses: { '4xx': 1 } });
    expect(summary.endpoints.map((e) => e.endpointId)).toEqual(
      [OPS.createOrder, OPS.fabrikamGetOrder, OPS.getItem, OPS.getOrder, OPS.latestOrder, OPS.purgeCache].sort(),
    );
  });

  it('tells calls with no credential in the log from calls whose credential was redacted', () => {
    // Row 1 used a subscription and an Authorization header; row 2 (the revision) carried nothing at all.
    expect(endpoint(summary, OPS.getOrder)!.credentials).toEqual({
      withoutSubscription: 1,
      withoutCredentialSeen: 1,
      withoutCredentialHeadersLogged: 0,
      servedWithoutCredentialSeen: 1,
      authorizationHeaderLogged: 1,
    });
    // A `sig=` in the query is a credential, though no subscription was used.
    expect(endpoint(summary, OPS.latestOrder)!.credentials).toMatchObject({
      withoutSubscription: 1,
      withoutCredentialSeen: 0,
    });
    // Headers were logged without a credential, and the call was refused: not served anonymously.
    expect(endpoint(summary, OPS.createOrder)!.credentials).toMatchObject({
      withoutCredentialSeen: 1,
      withoutCredentialHeadersLogged: 1,
      servedWithoutCredentialSeen: 0,
    });
  });

  it('words the anonymous-call evidence by what the log can prove', () => {
    expect(anonymousCallEvidence(endpoint(summary, OPS.getOrder)!)).toBe(
      '1 of 2 calls were answered (1xx–3xx) without an APIM subscription (empty ApimSubscriptionId) and without a credential ' +
        'in the URL query; the diagnostic logs the Authorization header (seen on 1 calls) and none of these calls carried one.',
    );
    expect(anonymousCallEvidence(endpoint(summary, OPS.createOrder)!)).toBeNull();
  });

  it('classifies callers as external only on public addresses (RFC 1918 / 4193 / loopback are internal)', () => {
    expect(['203.0.113.45', '2001:db8::1', '52.1.2.3:50123'].map(callerScope)).toEqual([
      'external',
      'external',
      'external',
    ]);
    expect(
      [
        '10.1.2.3',
        '172.31.0.1',
        '192.168.4.20',
        '127.0.0.1',
        '::1',
        'fd12:3456::1',
        'fe80::1%eth0',
        '::ffff:10.0.0.1',
        '100.64.1.1',
      ].map(callerScope),
    ).toEqual(Array(9).fill('internal'));
    expect(['', 'not-an-ip', undefined].map(callerScope)).toEqual(['unknown', 'unknown', 'unknown']);
  });
});

describe('the log window and what was not matched', () => {
  it('spans every row read, matched or not, with per-service coverage', () => {
    expect(summary.window).toEqual({ start: '2025-04-01T00:00:00.000Z', end: '2025-05-14T09:21:07.412Z' });
    expect(summary.rows).toBe(9);
    expect(summary.matchedRows).toBe(7);
    expect(summary.rowsWithoutGateway).toBe(1);
    // Sorted by id: rg-apim-old, rg-apim-prod, rg-apim-test.
    expect(summary.gateways).toEqual([
      { gatewayId: RETIRED, rows: 1, window: { start: '2025-05-07T10:00:00.000Z', end: '2025-05-07T10:00:00.000Z' } },
      { gatewayId: CONTOSO, rows: 6, window: { start: '2025-04-01T00:00:00.000Z', end: '2025-05-14T09:21:07.412Z' } },
      { gatewayId: FABRIKAM, rows: 1, window: { start: '2025-05-09T10:00:00.000Z', end: '2025-05-09T10:00:00.000Z' } },
    ]);
  });

  it('counts unmatched rows by reason and by names', () => {
    expect(summary.unmatched).toEqual({
      rows: 2,
      byReason: { 'no-operation-for-path': 1, 'unknown-gateway': 1 },
      top: [
        { key: `${RETIRED} orders-api/get-order`, rows: 1 },
        { key: `${CONTOSO} -/-`, rows: 1 },
      ],
    });
  });
});

describe('activity, measured against the end of the logs', () => {
  it('calls an endpoint Inactive after N days without calls before the window end, not the wall clock', () => {
    expect(endpointActivity({ endpointId: OPS.getOrder, gatewayId: CONTOSO }, summary).state).toBe('Active');
    expect(endpointActivity({ endpointId: OPS.createOrder, gatewayId: CONTOSO }, summary)).toEqual({
      state: 'Inactive',
      evidence:
        'last call 2025-04-01T00:00:00.000Z, 43 days before the end of the logs from 2025-04-01T00:00:00.000Z to 2025-05-14T09:21:07.412Z',
    });
    expect(endpointActivity({ endpointId: OPS.listOrders, gatewayId: CONTOSO }, summary).state).toBe('Inactive');
    expect(endpointActivity({ endpointId: OPS.createOrder, gatewayId: CONTOSO }, summary, 60).state).toBe('Active');
  });

  it('says AwaitingData with no logs, or logs too short to prove a silence', async () => {
    const empty = await analyzeGatewayLogs([], catalog);
    expect(empty.window).toBeNull();
    expect(endpointActivity({ endpointId: OPS.getOrder, gatewayId: CONTOSO }, empty).state).toBe('AwaitingData');
    const uncalled = { endpointId: `${FABRIKAM}/apis/orders-api/operations/delete-order`, gatewayId: FABRIKAM };
    expect(endpointActivity(uncalled, summary).state).toBe('AwaitingData');
  });
});

describe('distinct callers: exact up to a cap, then HyperLogLog', () => {
  it('is exact below the cap', () => {
    const counter = new DistinctCounter(100);
    for (let i = 0; i < 250; i++) counter.add(`10.0.0.${i % 100}`);
    expect(counter.result()).toEqual({ count: 100, estimated: false });
  });

  it('estimates within a few percent past the cap, in bounded memory', () => {
    const counter = new DistinctCounter(1000);
    for (let i = 0; i < 100_000; i++) counter.add(`198.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    const { count, estimated } = counter.result();
    expect(estimated).toBe(true);
    expect(Math.abs(count - 100_000) / 100_000).toBeLessThan(0.05);
  });
});
