import { describe, expect, it } from 'vitest';
import {
  analyzeGatewayLogs,
  type EndpointCatalogEntry,
  type GatewayLogRecord,
  type TrafficSample,
} from '../../src/traffic/index.js';
import { SeededRandom } from '../../src/util/random.js';
import { Reservoir } from '../../src/traffic/reservoir.js';
import { ConfigError } from '../../src/util/errors.js';

const GATEWAY =
  '/subscriptions/00000000-0000-4000-8000-000000000001/resourcegroups/rg/providers/microsoft.apimanagement/service/apim-a';
const entry = (op: string): EndpointCatalogEntry => ({
  endpointId: `${GATEWAY}/apis/api/operations/${op}`,
  gatewayId: GATEWAY,
  apiName: 'api',
  apiPath: 'api',
  operationName: op,
  method: 'GET',
  urlTemplate: `/${op}/{id}`,
  gatewayHosts: ['apim-a.azure-api.net'],
});
const CATALOG = [entry('alpha'), entry('beta')];

/** `n` calls, alternating between the two operations, one second apart. */
function* calls(n: number): Generator<GatewayLogRecord> {
  for (let i = 0; i < n; i++) {
    const op = i % 2 === 0 ? 'alpha' : 'beta';
    const timeMs = Date.UTC(2025, 4, 1) + i * 1000;
    yield {
      position: { file: 'generated', index: i },
      shape: 'gateway-logs',
      time: new Date(timeMs).toISOString(),
      timeMs,
      gatewayId: GATEWAY,
      apiId: 'api',
      operationId: op,
      method: 'GET',
      url: `https://apim-a.azure-api.net/api/${op}/${i}`,
      responseCode: 200,
      credentialInUrl: false,
    };
  }
}

async function sampledUrls(n: number, sampling: { size?: number; rate?: number; seed?: number }): Promise<string[][]> {
  const kept: Record<string, string[]> = {};
  const summary = await analyzeGatewayLogs(calls(n), CATALOG, {
    sampling,
    onSample: (s: TrafficSample, id: string) => void (kept[id] ??= []).push(s.url ?? ''),
  });
  // The summary keeps the same samples the callback saw (without bodies).
  expect(summary.endpoints.map((e) => e.samples.map((s) => s.url))).toEqual(
    summary.endpoints.map((e) => kept[e.endpointId] ?? []),
  );
  return summary.endpoints.map((e) => kept[e.endpointId] ?? []);
}

describe('per-endpoint reservoir sampling', () => {
  it('is deterministic: same logs and seed, same sample', async () => {
    const first = await sampledUrls(10_000, { size: 20, seed: 7 });
    const second = await sampledUrls(10_000, { size: 20, seed: 7 });
    expect(second).toEqual(first);
    expect(await sampledUrls(10_000, { size: 20, seed: 8 })).not.toEqual(first);
  });

  it('keeps at most `size` rows per endpoint, drawn from the whole stream', async () => {
    const [alpha, beta] = await sampledUrls(10_000, { size: 50 });
    expect(alpha).toHaveLength(50);
    expect(beta).toHaveLength(50);
    // Algorithm R keeps late rows too: the sample is not just the first 50 calls.
    const indices = alpha!.map((u) => Number(u.split('/').pop()));
    expect(Math.max(...indices)).toBeGreaterThan(5000);
  });

  it('keeps every row while fewer than `size` arrive, and none with size 0', async () => {
    expect((await sampledUrls(10, { size: 50 })).map((s) => s.length)).toEqual([5, 5]);
    expect(await sampledUrls(10, { size: 0 })).toEqual([[], []]);
  });

  it('considers only a fraction of rows at a rate below 1, and totals still count every row', async () => {
    const random = new SeededRandom(3);
    const reservoir = new Reservoir<number>(10, 0.25, random);
    for (let i = 0; i < 40_000; i++) reservoir.offer(() => i);
    expect(reservoir.considered / 40_000).toBeGreaterThan(0.23);
    expect(reservoir.considered / 40_000).toBeLessThan(0.27);
    const summary = await analyzeGatewayLogs(calls(1000), CATALOG, { sampling: { size: 5, rate: 0 } });
    expect(summary.endpoints.map((e) => [e.calls, e.samples.length])).toEqual([
      [500, 0],
      [500, 0],
    ]);
  });

  it('rejects sizes, rates and seeds out of range', async () => {
    for (const sampling of [
      { size: -1 },
      { size: 1.5 },
      { rate: 1.5 },
      { rate: -0.1 },
      { rate: Number.NaN },
      { seed: 0.5 },
    ]) {
      await expect(analyzeGatewayLogs([], CATALOG, { sampling })).rejects.toBeInstanceOf(ConfigError);
    }
  });
});
