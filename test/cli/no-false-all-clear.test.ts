import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { neo4jSettings } from '../support/neo4j.js';

const FIXTURE = 'test/fixtures/skeleton';

function capture() {
  const text = { value: '' };
  const stream = { isTTY: false, write: (s: string) => ((text.value += s), true) } as unknown as NodeJS.WriteStream;
  return { stream, text };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `apiposture …` in process, as the shell would, with the given environment. */
async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  const stdout = capture();
  const stderr = capture();
  let code = 0;
  const program = buildProgram({ stdout: stdout.stream, stderr: stderr.stream, env }, (c) => (code = c));
  // `serve` would wait for a signal once listening: it never gets that far on a refused store.
  await program.parseAsync(['node', 'apiposture', ...args]);
  return { code, stdout: stdout.text.value, stderr: stderr.text.value };
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'apiposture-no-data-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Every read command, each with what it needs besides the store flags. */
function readCommands(out: string): string[][] {
  return [
    ['paths'],
    ['paths', '--format', 'json'],
    ['findings', '--format', 'json'],
    ['inventory', '--format', 'json'],
    ['goals'],
    ['report', '--format', 'html', '--out', out],
    ['report', '--format', 'md', '--out', out],
    ['explore', '--template', 'anonymous-internet-exposed-endpoints'],
    ['serve', '--port', '0'],
  ];
}

async function expectAllRefused(storeArgs: string[], env: NodeJS.ProcessEnv, message: RegExp): Promise<void> {
  const out = join(scratch, `report-${Math.random().toString(36).slice(2)}.html`);
  for (const command of readCommands(out)) {
    const run = await cli(env, ...command, ...storeArgs);
    expect({ command: command.join(' '), code: run.code }).toEqual({ command: command.join(' '), code: 7 });
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  }
  await expect(stat(out)).rejects.toThrow(/ENOENT/);
}

describe('read commands on the memory store never answer from nothing', () => {
  it('refuses a data dir that does not exist, naming it and the scan that fixes it, and creates nothing', async () => {
    const typo = join(scratch, 'apiposture-typo');
    await expectAllRefused(['--data-dir', typo], {}, new RegExp(`no store at data dir ${typo}: .*apiposture scan <files> --data-dir ${typo}`));
    await expect(stat(typo)).rejects.toThrow(/ENOENT/);
  });

  it('ingest logs refuses a store with no graph to map the logs onto, and creates nothing', async () => {
    const typo = join(scratch, 'logs-typo');
    const run = await cli({}, 'ingest', 'logs', 'test/fixtures/traffic/logs/gateway-logs.json', '--data-dir', typo);
    expect([run.code, run.stderr]).toEqual([7, expect.stringMatching(/no store at data dir .*logs-typo: .*apiposture scan <files>/)]);
    await expect(stat(typo)).rejects.toThrow(/ENOENT/);
  });

  it('refuses an existing directory without a graph (an empty or unrelated directory)', async () => {
    const dir = join(scratch, 'plain-dir');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'not a store');
    await expectAllRefused(['--data-dir', dir], {}, /no store at data dir .*plain-dir/);
  });

  it('refuses a store that holds no graph (an empty scan allowed on purpose)', async () => {
    const dir = join(scratch, 'empty-store');
    const input = join(scratch, 'empty-input');
    await mkdir(input);
    const scan = await cli({}, 'scan', input, '--allow-empty', '-q', '--data-dir', dir);
    expect(scan.code, scan.stderr).toBe(0);
    await expectAllRefused(['--data-dir', dir], {}, /holds no graph; run `apiposture scan <files> --data-dir/);
  });

  it('refuses a graph that was ingested but never analysed', async () => {
    const dir = join(scratch, 'ingested-only');
    expect((await cli({}, 'ingest', 'export', FIXTURE, '-q', '--data-dir', dir)).code).toBe(0);
    await expectAllRefused(['--data-dir', dir], {}, /holds a graph ingested .* that was never analysed; run `apiposture analyze --data-dir/);
    expect((await cli({}, 'analyze', '--data-dir', dir)).code).toBe(0);
    expect((await cli({}, 'goals', '--data-dir', dir)).code).not.toBe(7);
  });

  it('refuses a graph changed since its last analysis until it is analysed again', async () => {
    const dir = join(scratch, 'stale');
    expect((await cli({}, 'scan', FIXTURE, '-q', '--data-dir', dir)).code).toBe(0);
    const before = await cli({}, 'paths', '--format', 'json', '--data-dir', dir);
    expect(before.code).toBe(0);
    expect((await cli({}, 'ingest', 'export', FIXTURE, '-q', '--data-dir', dir)).code).toBe(0);
    await expectAllRefused(['--data-dir', dir], {}, /changed since its last analysis \(analysed .*, ingested again .*\); run `apiposture analyze/);
    expect((await cli({}, 'analyze', '--data-dir', dir)).code).toBe(0);
    expect((await cli({}, 'paths', '--format', 'json', '--data-dir', dir)).stdout).toBe(before.stdout);
  });

  it('diff refuses a missing, unanalysed or stale side', async () => {
    const good = join(scratch, 'diff-good');
    const raw = join(scratch, 'diff-raw');
    expect((await cli({}, 'scan', FIXTURE, '-q', '--data-dir', good)).code).toBe(0);
    expect((await cli({}, 'ingest', 'export', FIXTURE, '-q', '--data-dir', raw)).code).toBe(0);
    expect((await cli({}, 'diff', good, good)).code).toBe(0);
    const missing = await cli({}, 'diff', good, join(scratch, 'nope'));
    expect([missing.code, missing.stderr]).toEqual([7, expect.stringMatching(/nope: no such data dir or snapshot file/)]);
    const unanalysed = await cli({}, 'diff', raw, good);
    expect([unanalysed.code, unanalysed.stderr]).toEqual([7, expect.stringMatching(/snapshot .*diff-raw.*never analysed/)]);
    const emptyDir = join(scratch, 'diff-empty');
    await mkdir(emptyDir);
    expect((await cli({}, 'diff', good, emptyDir)).code).toBe(7);
  });
});

describe('scan and ingest of input without resource rows', () => {
  it.each([
    ['an empty directory', async (dir: string) => dir],
    ['an empty array', async (dir: string) => (await writeFile(join(dir, 'rows.json'), '[]'), dir)],
    ['an empty ARM list', async (dir: string) => (await writeFile(join(dir, 'list.json'), '{"value": []}'), dir)],
    [
      'rows of types apiposture does not read',
      async (dir: string) => (
        await writeFile(join(dir, 'other.json'), JSON.stringify([{ id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/disks/d', type: 'Microsoft.Compute/disks' }])),
        dir
      ),
    ],
  ])('refuses %s with exit 7 and keeps what was stored', async (_label, make) => {
    const dir = join(scratch, `keep-${Math.random().toString(36).slice(2)}`);
    expect((await cli({}, 'scan', FIXTURE, '-q', '--data-dir', dir)).code).toBe(0);
    const snapshot = await readFile(join(dir, 'graph.ndjson'), 'utf8');
    const input = await make(await mkdtemp(join(scratch, 'input-')));
    for (const command of [['scan'], ['ingest', 'export']]) {
      const run = await cli({}, ...command, input, '-q', '--data-dir', dir);
      expect(run.code).toBe(7);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/: (no resource row|1 resource row\(s\), none of a type apiposture reads \(microsoft\.compute\/disks\)); nothing was stored\. Pass --allow-empty/);
    }
    expect(await readFile(join(dir, 'graph.ndjson'), 'utf8')).toBe(snapshot);
    expect((await cli({}, 'paths', '--data-dir', dir)).code).toBe(0);
  });
});

describe('reports say what they were computed from', () => {
  it('names the data dir, scan and analysis times, input counts and the bundled goals policy', async () => {
    const dir = join(scratch, 'report');
    expect((await cli({}, 'scan', FIXTURE, '-q', '--data-dir', dir)).code).toBe(0);
    const md = join(scratch, 'report.md');
    const html = join(scratch, 'report.html');
    expect((await cli({}, 'report', '--format', 'md', '--out', md, '--data-dir', dir)).code).toBe(0);
    expect((await cli({}, 'report', '--format', 'html', '--out', html, '--data-dir', dir)).code).toBe(0);
    const text = await readFile(md, 'utf8');
    expect(text).toContain(`- Store: data dir ${dir}`);
    expect(text).toMatch(/- Last scan: \d{4}-\d\d-\d\dT[\d:.]+Z; last analysis: \d{4}-\d\d-\d\dT[\d:.]+Z/);
    expect(text).toMatch(/- Input: 1 subscription\(s\), 1 API gateway\(s\), \d+ API\(s\), 2 endpoint\(s\); \d+ graph nodes/);
    expect(text).toMatch(/- Goals policy: the bundled example policy .*examples\/goals\.yaml \(no --policy given/);
    const page = await readFile(html, 'utf8');
    expect(page).toContain(`<li>Store: data dir ${dir}</li>`);
    expect(page).toMatch(/<li>Goals policy: the bundled example policy /);
    const goals = await cli({}, 'goals', '--data-dir', dir);
    expect(goals.stdout).toMatch(/^Posture goals from the bundled example policy .*goals\.yaml \(no --policy given; pass --policy FILE/);
    const json = JSON.parse((await cli({}, 'goals', '--format', 'json', '--data-dir', dir)).stdout) as { bundledPolicy: boolean };
    expect(json.bundledPolicy).toBe(true);
  });
});

const neo4j = neo4jSettings();
describe.skipIf(!neo4j)('read commands on the Neo4j store never answer from nothing', { timeout: 180_000 }, () => {
  const env = (): NodeJS.ProcessEnv => ({ NEO4J_URI: neo4j!.uri, NEO4J_USER: neo4j!.user ?? 'neo4j', NEO4J_PASSWORD: neo4j!.password ?? '' });

  it('refuses a database that does not exist, naming it', async () => {
    await expectAllRefused(['--store', 'neo4j'], { ...env(), NEO4J_DATABASE: 'nosuchdb' }, /Neo4j at .* has no database nosuchdb: nothing has been stored there/);
  });

  it('refuses a graph changed since its last analysis, and answers again once analysed', async () => {
    expect((await cli(env(), 'scan', FIXTURE, '-q', '--store', 'neo4j')).code).toBe(0);
    expect((await cli(env(), 'inventory', '--format', 'json', '--store', 'neo4j')).code).toBe(0);
    expect((await cli(env(), 'ingest', 'export', FIXTURE, '-q', '--store', 'neo4j')).code).toBe(0);
    await expectAllRefused(['--store', 'neo4j'], env(), /Neo4j database \(default\) at .* changed since its last analysis .*; run `apiposture analyze --store neo4j`/);
    expect((await cli(env(), 'analyze', '--store', 'neo4j')).code).toBe(0);
    const inventory = await cli(env(), 'inventory', '--format', 'json', '--store', 'neo4j');
    expect(inventory.code, inventory.stderr).toBe(0);
  });

  it('refuses an empty scan and keeps the stored graph', async () => {
    expect((await cli(env(), 'scan', FIXTURE, '-q', '--store', 'neo4j')).code).toBe(0);
    const before = (await cli(env(), 'inventory', '--format', 'json', '--store', 'neo4j')).stdout;
    const input = await mkdtemp(join(scratch, 'neo4j-empty-'));
    await writeFile(join(input, 'rows.json'), '[]');
    const run = await cli(env(), 'scan', input, '-q', '--store', 'neo4j');
    expect([run.code, run.stderr]).toEqual([7, expect.stringMatching(/no resource row; nothing was stored/)]);
    expect((await cli(env(), 'inventory', '--format', 'json', '--store', 'neo4j')).stdout).toBe(before);
  });
});
