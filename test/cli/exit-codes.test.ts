import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CredentialUnavailableError, type TokenCredential } from '@azure/identity';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAzureIngestCommand } from '../../src/cli/commands/ingest-azure.js';
import { EXIT, exitCodeOf } from '../../src/cli/exit-codes.js';
import { InterruptedError } from '../../src/cli/interrupt.js';
import { runProgram } from '../../src/cli/run.js';
import { reportFailure, type CommandIo } from '../../src/cli/run-command.js';
import { AzureError } from '../../src/util/azure-failures.js';
import { NoDataError, type ErrorCode } from '../../src/util/errors.js';
import { runCli, tempDir } from '../support/cli.js';

interface Captured {
  readonly io: CommandIo;
  readonly out: () => string;
  readonly err: () => string;
}

function capture(env: NodeJS.ProcessEnv = {}, write?: (s: string) => boolean): Captured {
  let out = '';
  let err = '';
  const stdout = { write: write ?? ((s: string) => ((out += s), true)) } as unknown as NodeJS.WritableStream;
  const stderr = { isTTY: false, write: (s: string) => ((err += s), true) } as unknown as NodeJS.WriteStream;
  return { io: { stdout, stderr, env }, out: () => out, err: () => err };
}

/** One command in process: its exit code and what it printed. */
async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const c = capture(env);
  const code = await runProgram(args, c.io);
  return { code, stdout: c.out(), stderr: c.err() };
}

describe('the exit-code contract, the same for every command', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDir('exit-codes');
    const scan = await run(['scan', 'examples/contoso', '--data-dir', dataDir, '-q']);
    expect(scan.code, scan.stderr).toBe(EXIT.OK);
  });

  it('maps every typed error code to its documented exit code', () => {
    const expected: Record<ErrorCode, number> = {
      USAGE_ERROR: 2,
      INPUT_ERROR: 2,
      VALIDATION_ERROR: 2,
      CONFIG_ERROR: 3,
      STORE_ERROR: 4,
      QUERY_TIMEOUT: 4,
      NOT_FOUND: 5,
      AZURE_ERROR: 6,
      NO_DATA: 7,
    };
    for (const [code, exit] of Object.entries(expected)) expect(exitCodeOf(code as ErrorCode), code).toBe(exit);
  });

  it('0: success, --version and --help', async () => {
    expect(await run(['paths', '--data-dir', dataDir])).toMatchObject({ code: 0 });
    const version = await run(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    // The table is in --help, as in README.
    expect(help.stdout).toMatch(/Exit codes[^\n]*\n {2}0 +success[\s\S]* {2}7 +no data[\s\S]* {2}70 +internal error[\s\S]* {2}130 +interrupted/);
  });

  it('1: a gate failed — goals, paths/findings --fail-on, diff --fail-on-new; a passing gate is 0', async () => {
    expect((await run(['goals', '--data-dir', dataDir])).code).toBe(1);
    expect((await run(['paths', '--fail-on', 'CRITICAL', '--format', 'json', '--data-dir', dataDir])).code).toBe(1);
    expect((await run(['findings', '--fail-on', 'high', '--format', 'json', '--data-dir', dataDir])).code).toBe(1);
    // A baseline that kept a single path: every other path of the later scan is new.
    const baseline = await tempDir('exit-baseline');
    expect((await run(['scan', 'examples/contoso', '--max-paths', '1', '--data-dir', baseline, '-q'])).code).toBe(0);
    expect((await run(['diff', baseline, dataDir, '--fail-on-new', 'medium'])).code).toBe(1);
    expect((await run(['diff', dataDir, dataDir, '--fail-on-new', 'low'])).code).toBe(0);
  });

  it('2: usage or bad input — one line and the command’s usage line, never the whole help', async () => {
    const format = await run(['paths', '--format', 'bogus', '--data-dir', dataDir]);
    expect(format.code).toBe(2);
    expect(format.stderr.trimEnd().split('\n')).toEqual([
      "error: option '--format <format>' argument 'bogus' is invalid. Allowed choices are table, json, csv, md, html, sarif.",
      'usage: apiposture paths [options] (see `apiposture paths --help`)',
    ]);
    expect((await run(['paths', '--min-risk', 'severe', '--data-dir', dataDir])).code).toBe(2);
    expect((await run(['inventory', '--no-such-flag'])).code).toBe(2);
    expect((await run(['scan', '--max-paths', '0', 'examples/contoso', '--data-dir', dataDir])).stderr).toMatch(/--max-paths must be a whole number/);
    const notSnapshot = join(await tempDir('exit-not-snapshot'), 'notes.txt');
    await writeFile(notSnapshot, 'hello\n');
    const diff = await run(['diff', notSnapshot, dataDir]);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain('notes.txt: not a snapshot of the memory store');
  });

  it('3: configuration refused — the Neo4j store without NEO4J_URI, a public bind without authentication, no Azure credential', async () => {
    expect((await run(['inventory', '--store', 'neo4j'])).code).toBe(3);
    expect((await run(['serve', '--host', '0.0.0.0', '--data-dir', await tempDir('exit-serve')])).code).toBe(3);
    const none: TokenCredential = {
      getToken: () => Promise.reject(new CredentialUnavailableError('EnvironmentCredential is unavailable')),
    };
    const c = capture();
    const error = await runAzureIngestCommand({ store: 'memory', dataDir: await tempDir('exit-azure') }, c.io, none).catch((e: unknown) => e);
    expect(reportFailure(error, c.io)).toBe(3);
    expect(c.err()).toMatch(/no Azure credential found .* `az login`/);
    // Nothing was attempted: no per-family progress or failures before the hint.
    expect(c.err().trimEnd().split('\n')).toHaveLength(1);
  });

  it('4: store unavailable', async () => {
    const file = join(await tempDir('exit-store'), 'not-a-dir');
    await writeFile(file, '');
    expect((await run(['inventory', '--data-dir', file])).code).toBe(4);
  });

  it('5: not found — a template, an API key', async () => {
    expect((await run(['explore', '--template', 'no-such-template', '--data-dir', dataDir])).code).toBe(5);
    const keys = join(await tempDir('exit-keys'), 'keys.json');
    expect((await run(['keys', 'revoke', 'nope', '--keys-file', keys])).code).toBe(5);
  });

  it('6, 7 and 130 by their typed errors (driven end to end in ingest-azure.test.ts and interrupt.test.ts)', () => {
    const c = capture();
    expect(reportFailure(new AzureError('1 Azure call(s) failed; see above'), c.io)).toBe(6);
    expect(reportFailure(new NoDataError('the store holds no graph: run `apiposture scan <dir>` first'), c.io)).toBe(7);
    expect(reportFailure(new InterruptedError(), c.io)).toBe(130);
  });

  it('70: an untyped failure is an internal error, and the message says it is a bug', async () => {
    const c = capture({}, () => {
      throw new TypeError('write after end');
    });
    const code = await runProgram(['inventory', '--format', 'json', '--data-dir', dataDir], c.io);
    expect(code).toBe(70);
    expect(c.err()).toMatch(/^apiposture: internal error \(a bug in apiposture; please report it.*\): write after end\n$/);
  });

  it('the built command exits with the same codes', async () => {
    const bad = await runCli(['paths', '--format', 'bogus', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain('Options:');
    expect((await runCli(['--version'])).code).toBe(0);
  });
});
