import { afterEach, describe, expect, it } from 'vitest';
import { readLiveConfig, runAzureIngestCommand } from '../../src/cli/commands/ingest-azure.js';
import {
  DEFAULT_RETRY,
  fetchAzureRows,
  ingestAzureLive,
  type LiveSettings,
} from '../../src/ingest/azure/live/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { UsageError } from '../../src/util/errors.js';
import {
  fakeCredential,
  RESOURCE_GRAPH_PATH,
  startFakeArmServer,
  type FakeArmEstate,
  type FakeArmServer,
  type FaultBehaviour,
} from '../support/fake-arm-server.js';
import { newRun } from '../support/graph-fixture.js';
import { inSubscription, loadEstate, mergeEstates } from '../support/live-estate.js';

// Network faults between the real SDK clients and the local fake ARM: answers that never come, answers that stop
// halfway, connections reset mid-body. Each is retried within the configured limits, then reported per
// subscription while the other subscriptions complete.

const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
const SUB_B = '8d1c0b2a-3e4f-4a5b-9c6d-7e8f9a0b1c2d';
const SUB_C = 'c4d5e6f7-0819-4a2b-8c3d-4e5f60718293';
const APIM = `/subscriptions/${SUB}/resourcegroups/rg-apim-prod/providers/microsoft.apimanagement/service/apim-contoso-prod`;
const apisOf = (sub: string) => `${APIM.replace(SUB, sub)}/apis`;
// Long enough that a healthy answer never misses it on a loaded 2-core machine (TLS and the SDK pipeline included).
// The tries the server withholds end when it withholds them (`expireWhenWithheld`), so no test waits it out but
// the last, which keeps the real timer through the command line.
const TRY_TIMEOUT_MS = 5_000;

const servers: FakeArmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(estate: FakeArmEstate): Promise<FakeArmServer> {
  const server = await startFakeArmServer(estate);
  servers.push(server);
  return server;
}

function settingsFor(server: FakeArmServer, extra: Partial<LiveSettings> = {}): LiveSettings {
  return {
    credential: fakeCredential,
    armEndpoint: server.url,
    subscriptions: [SUB],
    concurrency: 4,
    retry: {
      maxRetries: 2,
      retryDelayInMs: 10,
      maxRetryDelayInMs: 50,
      tryTimeoutInMs: TRY_TIMEOUT_MS,
      tryDeadline: server.expireWhenWithheld,
    },
    caCertificates: [server.certificate],
    ...extra,
  };
}

const tries = (server: FakeArmServer, path: string) => server.requests.filter((r) => r.path === path);

describe('live Azure ingest under network faults', { timeout: 180_000 }, () => {
  const once: [FaultBehaviour, string][] = [
    ['hang', 'an answer that never comes'],
    ['stall', 'an answer that stops halfway through its body'],
    ['reset', 'a connection reset in the middle of the body'],
  ];
  for (const [behaviour, what] of once) {
    it(`retries ${what} on Resource Graph and on an ARM list, then succeeds`, async () => {
      const server = await serve(await loadEstate());
      const apis = apisOf(SUB);
      server.addFault({ match: (r) => r.path === RESOURCE_GRAPH_PATH, behaviour, status: 0, times: 1 });
      server.addFault({ match: (r) => r.path === apis, behaviour, status: 0, times: 1 });
      const store = await MemoryStore.open();
      const result = await ingestAzureLive(store, settingsFor(server), { run: newRun() });

      expect(result.fetched.failures).toEqual([]);
      expect(result.cleanedSubscriptions).toEqual([SUB]);
      // The broken try got no complete answer (0); the retry got the real one.
      expect(tries(server, apis).map((r) => r.status)).toEqual([0, 200]);
      expect(
        tries(server, RESOURCE_GRAPH_PATH)
          .slice(0, 2)
          .map((r) => r.status),
      ).toEqual([0, 200]);
      expect(await store.getNode(`${apis}/orders-api/operations/get-order`)).not.toBeNull();
    });
  }

  it('gives up on a subscription whose calls keep timing out after maxRetries, and completes the others', async () => {
    const base = await loadEstate();
    const estate = mergeEstates(base, inSubscription(base, SUB, SUB_B), inSubscription(base, SUB, SUB_C));
    const server = await serve(estate);
    const subscriptions = [SUB, SUB_B, SUB_C];
    const store = await MemoryStore.open();
    await ingestAzureLive(store, settingsFor(server, { subscriptions }), { run: newRun() });

    const silent = apisOf(SUB_B);
    const reset = `${APIM.replace(SUB, SUB_C)}/products`;
    server.addFault({ match: (r) => r.path === silent, behaviour: 'hang', status: 0, times: Infinity });
    server.addFault({ match: (r) => r.path === reset, behaviour: 'reset', status: 0, times: Infinity });
    const started = Date.now();
    const result = await ingestAzureLive(store, settingsFor(server, { subscriptions }), { run: newRun() });
    const elapsed = Date.now() - started;

    const failures = [...result.fetched.failures].sort((a, b) => (a.subscriptionId! < b.subscriptionId! ? -1 : 1));
    expect(failures).toEqual([
      expect.objectContaining({
        subscriptionId: SUB_B,
        operation: 'apim.api.listByService',
        status: null,
        message: expect.stringMatching(/ETIMEDOUT.*no complete answer within 5000 ms/),
      }),
      expect.objectContaining({
        subscriptionId: SUB_C,
        operation: 'apim.product.listByService',
        status: null,
        message: expect.stringMatching(/connection lost during the answer \(ECONNRESET\)/),
      }),
    ]);
    // Bounded: the first try and exactly maxRetries more, each cut at the deadline.
    expect(tries(server, silent).filter((r) => r.at >= started)).toHaveLength(3);
    expect(tries(server, reset).filter((r) => r.at >= started)).toHaveLength(3);
    expect(elapsed).toBeLessThan(150_000);
    // The others were read and cleaned up; the two with a gap kept what an earlier run stored.
    expect(result.fetched.incompleteSubscriptions).toEqual([SUB_B, SUB_C].sort());
    expect(result.cleanedSubscriptions).toEqual([SUB]);
    for (const sub of subscriptions)
      expect(await store.getNode(`${apisOf(sub)}/orders-api/operations/get-order`)).not.toBeNull();
  });

  it('reports a failed Resource Graph query for each subscription of its scope', async () => {
    const server = await serve(await loadEstate());
    server.addFault({
      match: (r) =>
        r.path === RESOURCE_GRAPH_PATH && /^\s*authorizationresources/.test((r.body as { query: string }).query),
      behaviour: 'hang',
      status: 0,
      times: Infinity,
    });
    const result = await fetchAzureRows(settingsFor(server, { subscriptions: [SUB, SUB_B] }));
    expect(result.failures.map((f) => [f.subscriptionId, f.operation, f.status])).toEqual([
      [SUB, 'resourcegraph.authorizationresources', null],
      [SUB_B, 'resourcegraph.authorizationresources', null],
    ]);
    // The other tables were read.
    expect(result.rows.some((r) => r.file === 'azure:resourcegraph/resources')).toBe(true);
  });

  it('takes the limits from the command line, checked, with documented defaults', async () => {
    expect(readLiveConfig({}).retry).toEqual(DEFAULT_RETRY);
    expect(DEFAULT_RETRY).toMatchObject({ maxRetries: 5, tryTimeoutInMs: 60_000 });
    expect(readLiveConfig({ maxRetries: '0', tryTimeout: '2.5' }).retry).toMatchObject({
      maxRetries: 0,
      tryTimeoutInMs: 2_500,
    });
    expect(() => readLiveConfig({ maxRetries: '-1' })).toThrow(UsageError);
    expect(() => readLiveConfig({ tryTimeout: '0' })).toThrow(UsageError);
    expect(() => readLiveConfig({ tryTimeout: 'soon' })).toThrow(UsageError);

    // Through the command: one try of one second, no retry, and the timed-out call is named on stderr.
    const server = await serve(await loadEstate());
    const apis = apisOf(SUB);
    server.addFault({ match: (r) => r.path === apis, behaviour: 'hang', status: 0, times: Infinity });
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'apiposture-faults-'));
    try {
      const caFile = join(dir, 'ca.pem');
      await writeFile(caFile, server.certificate);
      let stderr = '';
      const io = {
        stdout: { write: () => true } as unknown as NodeJS.WritableStream,
        stderr: { isTTY: false, write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WriteStream,
        env: {},
      };
      const flags = {
        subscription: [SUB],
        armEndpoint: server.url,
        caFile,
        store: 'memory',
        dataDir: join(dir, 'data'),
        maxRetries: '0',
        tryTimeout: '5',
        quiet: true,
      };
      await expect(runAzureIngestCommand(flags, io, fakeCredential)).rejects.toMatchObject({ code: 'AZURE_ERROR' });
      expect(tries(server, apis)).toHaveLength(1);
      expect(stderr).toContain(
        `${SUB} apim.api.listByService no response: ETIMEDOUT: no complete answer within 5000 ms`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
