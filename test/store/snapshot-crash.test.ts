import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/index.js';
import { newRun, smallEstate } from '../support/graph-fixture.js';

async function waitForTempFile(dir: string, timeoutMs: number, minBytes = 1024 * 1024): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const name of await readdir(dir)) {
      if (name.includes('.tmp-') && (await stat(join(dir, name)).catch(() => ({ size: -1 }))).size >= minBytes)
        return name;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the writer never started a snapshot');
}

/** A data dir holding the small estate's snapshot, and what it holds. */
async function seededDataDir(prefix: string) {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const estate = smallEstate('11111111-2222-3333-4444-555555555555');
  const store = await MemoryStore.open({ dataDir });
  const run = newRun();
  await store.upsertNodes(estate.nodes, run);
  await store.upsertEdges(estate.edges, run);
  await store.completeRun(run, []);
  const snapshot = await readFile(join(dataDir, 'graph.ndjson'));
  return { dataDir, estate, snapshot, nodes: await store.countNodesByKind(), edges: await store.countEdgesByKind() };
}

function startWriter(dataDir: string, mode: 'loop' | 'once', shell?: string) {
  const args = ['--import', 'tsx', 'test/support/snapshot-writer.ts', dataDir, mode];
  const child = shell
    ? spawn('/bin/sh', ['-c', `${shell}; exec "$0" "$@"`, process.execPath, ...args], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
    : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stdout: () => stdout };
}

describe('memory store snapshot', () => {
  it('survives SIGKILL in the middle of a snapshot write: the previous snapshot loads intact', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'apiposture-crash-'));
    const estate = smallEstate('11111111-2222-3333-4444-555555555555');
    const before = await MemoryStore.open({ dataDir });
    const run = newRun();
    await before.upsertNodes(estate.nodes, run);
    await before.upsertEdges(estate.edges, run);
    await before.completeRun(run, []);
    const expectedNodes = await before.countNodesByKind();
    const expectedEdges = await before.countEdgesByKind();

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/snapshot-writer.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    const partial = await waitForTempFile(dataDir, 60_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // The half-written temp file was really there; the snapshot itself is the old one, whole.
    expect(partial).toMatch(/^graph\.ndjson\.tmp-/);
    const after = await MemoryStore.open({ dataDir });
    expect(await after.countNodesByKind()).toEqual(expectedNodes);
    expect(await after.countEdgesByKind()).toEqual(expectedEdges);
    expect((await after.getNode(estate.ids.gateway))?.properties['tags']).toEqual({ env: 'prod', owner: 'team-a' });
    // Opening cleaned the abandoned temp file away.
    expect((await readdir(dataDir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  // Four writers, each waited on for up to two minutes: the file's default timeout (one minute) ended the test on a
  // loaded machine before its own deadlines could.
  it('survives SIGKILL at several moments of a write: each time the previous snapshot is byte for byte intact', { timeout: 600_000 }, async () => {
    // From the temp file's creation to its last megabytes: the kill lands before, during and near the end of the
    // write (the rename is one syscall; a kill after it leaves the new snapshot, whole, which is also checked).
    const moments = [0, 4 << 20, 12 << 20, 24 << 20];
    let midWrite = 0;
    for (const minBytes of moments) {
      const seeded = await seededDataDir('apiposture-crash-at-');
      try {
        const writer = startWriter(seeded.dataDir, 'once');
        let killedMidWrite = true;
        await waitForTempFile(seeded.dataDir, 120_000, minBytes).catch(() => (killedMidWrite = false));
        writer.child.kill('SIGKILL');
        expect((await writer.exited).signal).toBe('SIGKILL');
        const after = await MemoryStore.open({ dataDir: seeded.dataDir });
        if (killedMidWrite && !writer.stdout().includes('"ok"')) {
          midWrite += 1;
          expect(await readFile(join(seeded.dataDir, 'graph.ndjson'))).toEqual(seeded.snapshot);
          expect(await after.countNodesByKind()).toEqual(seeded.nodes);
          expect(await after.countEdgesByKind()).toEqual(seeded.edges);
        } else {
          // The write finished first: the new snapshot is there, whole.
          expect((await after.countNodesByKind())['WebApp']).toBeGreaterThanOrEqual(200_000);
        }
        expect((await readdir(seeded.dataDir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
      } finally {
        await rm(seeded.dataDir, { recursive: true, force: true });
      }
    }
    // The moments are real: most kills hit a half-written temp file.
    expect(midWrite).toBeGreaterThanOrEqual(3);
  });

  it('fails a write that hits the file size limit (EFBIG) with a clear error, removes the temp file, keeps the previous snapshot', async () => {
    const seeded = await seededDataDir('apiposture-full-');
    try {
      // A real OS limit in the child: RLIMIT_FSIZE of 2 MiB (`ulimit -f` counts 1 KiB blocks). Node ignores
      // SIGXFSZ, so the write past the limit fails with EFBIG instead of killing the process.
      const writer = startWriter(seeded.dataDir, 'once', 'ulimit -f 2048');
      const { code } = await writer.exited;
      expect(code).toBe(0);
      const outcome = JSON.parse(
        writer
          .stdout()
          .split('\n')
          .find((l) => l.startsWith('{'))!,
      ) as { ok: boolean; code: string; message: string };
      expect(outcome).toMatchObject({ ok: false, code: 'STORE_ERROR' });
      expect(outcome.message).toMatch(
        /^Could not write snapshot .*graph\.ndjson: the file size limit was reached \(EFBIG: file too large, write\); the previous snapshot is kept$/,
      );
      expect((await readdir(seeded.dataDir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
      expect(await readFile(join(seeded.dataDir, 'graph.ndjson'))).toEqual(seeded.snapshot);
      const after = await MemoryStore.open({ dataDir: seeded.dataDir });
      expect(await after.countNodesByKind()).toEqual(seeded.nodes);
      expect((await after.getNode(seeded.estate.ids.gateway))?.properties['tags']).toEqual({
        env: 'prod',
        owner: 'team-a',
      });
    } finally {
      await rm(seeded.dataDir, { recursive: true, force: true });
    }
  });

  it('reports a damaged snapshot with its file and line instead of loading half a graph', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'apiposture-damaged-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      join(dataDir, 'graph.ndjson'),
      '{"format":"apiposture-graph","version":1}\n{"n":"Api","id":"x","p":{}}\n',
    );
    await expect(MemoryStore.open({ dataDir })).rejects.toThrow(/graph\.ndjson line 2: truncated: no end marker/);
  });
});
