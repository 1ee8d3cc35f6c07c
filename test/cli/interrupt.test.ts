import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEstate } from '../../tools/estate/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { builtCli, runInProcess, type CliResult } from '../support/cli.js';

// Ctrl-C during `scan` on a large estate, through the real command: a clean exit (130, one line, no stack) at
// every moment, and a data dir that holds a complete state — the previous scan's, the new ingest's (ingest and
// analysis are replaced whole, one after the other) or the new scan's — never half of one.

let work = '';
let previous = ''; // a data dir after a complete scan of a small estate
let bigEstate = '';
const states = new Map<string, string>(); // graph fingerprint → which complete state it is

/**
 * Every scan keeps at most 2,000 attack paths (the default is 10,000): the big estate's ingest and analysis stay
 * long enough to be interrupted at each moment, and its snapshot is a third of the size, so the analysis, its
 * write and every fingerprint of it take less time. The 1,000-row estate keeps fewer paths than that anyway.
 */
const SCAN = ['--max-paths', '2000'];

/** The graph as sets of (id, kind) and (from, edge, to): what a reader sees, without run stamps. */
async function fingerprint(dataDir: string): Promise<string> {
  const store = await MemoryStore.open({ dataDir });
  const nodes: string[] = [];
  const edges: string[] = [];
  for await (const chunk of store.streamGraph()) {
    for (const n of chunk.nodes) nodes.push(`${n.id} ${n.kind} ${JSON.stringify(n.properties['insights'] ?? null)}`);
    for (const e of chunk.edges) edges.push(`${e.from} ${e.kind} ${e.to}`);
  }
  await store.close();
  const hash = createHash('sha256');
  for (const line of nodes.sort()) hash.update(`${line}\n`);
  hash.update('--\n');
  for (const line of edges.sort()) hash.update(`${line}\n`);
  return `${nodes.length} nodes, ${edges.length} edges, ${hash.digest('hex')}`;
}

async function copyOfPrevious(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(previous, dir, { recursive: true });
  return dir;
}

interface Interrupted extends CliResult {
  readonly signal: NodeJS.Signals | null;
}

/** Runs `scan` and sends SIGINT (`times` of them) once `when` says so, polled on the output and the data dir. */
function scanAndInterrupt(
  dataDir: string,
  when: (out: { stdout: string; stderr: string }) => Promise<boolean>,
  times = 1,
): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli(), 'scan', bigEstate, ...SCAN, '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    let sent = false;
    const poll = async () => {
      if (sent || child.exitCode !== null) return;
      if (await when(out)) {
        sent = true;
        for (let i = 0; i < times; i++) {
          child.kill('SIGINT');
          if (i + 1 < times) await new Promise((r) => setTimeout(r, 50));
        }
      } else setTimeout(() => void poll(), 5);
    };
    void poll();
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, ...out }));
  });
}

const hasTempFile = async (dir: string) => (await readdir(dir)).some((n) => n.includes('.tmp-'));

function expectCleanInterrupt(result: Interrupted): void {
  expect(result.code).toBe(130);
  const lines = result.stderr.split('\n').filter((l) => l.startsWith('apiposture:'));
  expect(lines).toEqual([expect.stringMatching(/^apiposture: interrupted; the store keeps its last complete state/)]);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

async function stateOf(dataDir: string): Promise<string> {
  const state = states.get(await fingerprint(dataDir));
  expect((await readdir(dataDir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  return state ?? 'a state no complete run produced';
}

describe('Ctrl-C during scan', () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'apiposture-interrupt-'));
    previous = join(work, 'previous');
    bigEstate = join(work, 'big');
    const small = join(work, 'small');
    await writeEstate(small, { size: 1_000, seed: 1 });
    await writeEstate(bigEstate, { size: 5_000, seed: 2 });
    expect((await runInProcess(['scan', small, ...SCAN, '--data-dir', previous, '--quiet'])).code).toBe(0);
    states.set(await fingerprint(previous), 'previous scan');

    const ingested = await copyOfPrevious('ingested');
    expect((await runInProcess(['ingest', 'export', bigEstate, '--data-dir', ingested, '--quiet'])).code).toBe(0);
    states.set(await fingerprint(ingested), 'new ingest, previous analysis');

    const scanned = await copyOfPrevious('scanned');
    expect((await runInProcess(['scan', bigEstate, ...SCAN, '--data-dir', scanned, '--quiet'])).code).toBe(0);
    states.set(await fingerprint(scanned), 'new scan');
    expect(states.size).toBe(3);
  }, 600_000);
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('during ingest: exit 130, and the previous scan is what readers see', { timeout: 300_000 }, async () => {
    const dataDir = await copyOfPrevious('during-ingest');
    const before = await readFile(join(dataDir, 'graph.ndjson'));
    const result = await scanAndInterrupt(dataDir, async ({ stderr }) => stderr.includes('transforming'));
    expectCleanInterrupt(result);
    expect(result.stdout).toBe('');
    expect(await readFile(join(dataDir, 'graph.ndjson'))).toEqual(before);
    expect(await stateOf(dataDir)).toBe('previous scan');
  });

  it(
    'during analysis: exit 130, the new ingest stored whole and the previous analysis untouched',
    { timeout: 300_000 },
    async () => {
      const dataDir = await copyOfPrevious('during-analysis');
      const result = await scanAndInterrupt(dataDir, async ({ stdout }) => stdout.includes('Stored '));
      expectCleanInterrupt(result);
      expect(result.stdout).not.toContain('Attack paths:');
      expect(await stateOf(dataDir)).toBe('new ingest, previous analysis');
    },
  );

  it('during the snapshot write of the analysis: exit 130, and a whole snapshot', { timeout: 300_000 }, async () => {
    const dataDir = await copyOfPrevious('during-write');
    const result = await scanAndInterrupt(
      dataDir,
      async ({ stdout }) => stdout.includes('Stored ') && (await hasTempFile(dataDir)),
    );
    expectCleanInterrupt(result);
    // The rename is atomic and the write is not cut short: the new scan, complete.
    expect(await stateOf(dataDir)).toBe('new scan');
  });

  it('a second Ctrl-C ends the command at once, still leaving a complete state', { timeout: 300_000 }, async () => {
    const dataDir = await copyOfPrevious('twice');
    const result = await scanAndInterrupt(dataDir, async ({ stdout }) => stdout.includes('Stored '), 2);
    // Ended by the signal itself (its default action is back after the first), or — when the first had already
    // stopped the command — by the clean path.
    if (result.signal !== null) expect(result.signal).toBe('SIGINT');
    else expectCleanInterrupt(result);
    expect(['new ingest, previous analysis', 'new scan']).toContain(await stateOf(dataDir));
  });
});
