import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLiveConfig, runAzureIngestCommand } from '../../src/cli/commands/ingest-azure.js';
import { createLiveProgress } from '../../src/cli/live-progress.js';
import { buildProgram } from '../../src/cli/program.js';
import { reportFailure } from '../../src/cli/run-command.js';
import { MemoryStore } from '../../src/store/index.js';
import { UsageError } from '../../src/util/errors.js';
import { fakeCredential, startFakeArmServer, type FakeArmServer } from '../support/fake-arm-server.js';
import { loadEstate } from '../support/live-estate.js';

const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';

function capture(isTTY = false) {
  const text = { value: '' };
  const stream = { isTTY, write: (s: string) => ((text.value += s), true) } as unknown as NodeJS.WriteStream;
  return { stream, text };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp(): Promise<{ server: FakeArmServer; dir: string; caFile: string }> {
  const server = await startFakeArmServer(await loadEstate());
  const dir = await mkdtemp(join(tmpdir(), 'apiposture-cli-'));
  cleanups.push(
    () => server.close(),
    () => rm(dir, { recursive: true, force: true }),
  );
  const caFile = join(dir, 'fake-arm.pem');
  await writeFile(caFile, server.certificate);
  return { server, dir, caFile };
}

describe('apiposture ingest azure', () => {
  it('reads Azure live into the store, with a progress line per family off a terminal', async () => {
    const { server, dir, caFile } = await setUp();
    const stdout = capture();
    const stderr = capture();
    const flags = { subscription: [SUB], armEndpoint: server.url, caFile, store: 'memory', dataDir: join(dir, 'data') };
    await runAzureIngestCommand(flags, { stdout: stdout.stream, stderr: stderr.stream, env: {} }, fakeCredential);

    expect(stdout.text.value).toMatch(
      /Read \d+ rows from Azure \(14 from Resource Graph, \d+ from ARM\) across 1 subscription\(s\)\./,
    );
    expect(stderr.text.value).toContain('read resources: 7/7 rows');
    expect(stderr.text.value).toContain('read apim: 1/1 services');
    const store = await MemoryStore.open({ dataDir: join(dir, 'data') });
    const apim = `/subscriptions/${SUB}/resourcegroups/rg-apim-prod/providers/microsoft.apimanagement/service/apim-contoso-prod`;
    expect((await store.getNode(`${apim}/apis/orders-api/operations/get-order`))?.properties['source']).toBe(
      'azure-live',
    );
  });

  it('stores what it could read, lists each failed call and fails with the Azure exit code', async () => {
    const { server, dir, caFile } = await setUp();
    server.addFault({
      match: (r) => r.path.includes('/microsoft.sql/'),
      status: 403,
      code: 'AuthorizationFailed',
      times: Infinity,
    });
    const stdout = capture();
    const stderr = capture();
    let exitCode = 0;
    const program = buildProgram(
      { stdout: stdout.stream, stderr: stderr.stream, env: {} },
      (code) => (exitCode = code),
    );
    // Through the real command line, but with the credential double: DefaultAzureCredential has nothing to use here.
    const ingest = program.commands.find((c) => c.name() === 'ingest')!.commands.find((c) => c.name() === 'azure')!;
    const io = { stdout: stdout.stream, stderr: stderr.stream, env: {} };
    ingest.action(async (flags: Parameters<typeof runAzureIngestCommand>[0]) => {
      await runAzureIngestCommand(flags, io, fakeCredential).catch((error: unknown) => {
        exitCode = reportFailure(error, io);
      });
    });
    const args = [
      'ingest',
      'azure',
      '--subscription',
      SUB,
      '--arm-endpoint',
      server.url,
      '--ca-file',
      caFile,
      '--data-dir',
      join(dir, 'data'),
      '-q',
    ];
    await program.parseAsync(args, { from: 'user' });

    expect(exitCode).toBe(6);
    expect(stdout.text.value).toContain(`Incomplete: 1 Azure call(s) failed; earlier data was kept for ${SUB}.`);
    expect(stderr.text.value).toMatch(new RegExp(`${SUB} sql.firewallRules.listByServer 403: AuthorizationFailed`));
  });

  it('rejects bad flags before calling Azure', async () => {
    const stderr = capture();
    let exitCode = 0;
    const program = buildProgram(
      { stdout: capture().stream, stderr: stderr.stream, env: {} },
      (code) => (exitCode = code),
    );
    await program.parseAsync(['ingest', 'azure', '--subscription', 'not-a-guid'], { from: 'user' });
    expect(exitCode).toBe(2);
    expect(stderr.text.value).toContain('--subscription "not-a-guid" is not a subscription id');
    expect(stderr.text.value).toContain('usage: apiposture ingest azure [options]');

    expect(() => readLiveConfig({ armEndpoint: 'http://management.azure.com' })).toThrow(UsageError);
    expect(() => readLiveConfig({ subscription: [SUB], managementGroup: 'mg-contoso' })).toThrow(UsageError);
    expect(() => readLiveConfig({ concurrency: '0' })).toThrow(UsageError);
    expect(
      readLiveConfig({ subscription: [SUB.toUpperCase()], armEndpoint: 'https://management.usgovcloudapi.net/' }),
    ).toMatchObject({
      subscriptions: [SUB],
      armEndpoint: 'https://management.usgovcloudapi.net',
      concurrency: 4,
    });
  });

  it('draws a bar per resource family on a terminal', () => {
    const { stream, text } = capture(true);
    const view = createLiveProgress(stream, true);
    view.report({ family: 'resources', done: 1000, total: 2500, rows: 1000, finished: false });
    view.report({ family: 'apim', done: 1, total: 2, rows: 40, finished: true });
    view.warn('Resource Graph truncated resources');
    view.end();
    expect(text.value).toContain('resources               [##########..............] 1000/2500 rows');
    expect(text.value).toContain('apim                    [########################] 1/2 services, 40 rows');
    expect(text.value).toContain('warning: Resource Graph truncated resources\n');
    expect(text.value).toContain('\x1b[2A');
  });
});
