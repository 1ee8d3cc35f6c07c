import { spawn } from 'node:child_process';
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/index.js';
import { newRun, smallEstate } from '../support/graph-fixture.js';

async function waitForTempFile(dir: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const name of await readdir(dir)) {
      if (name.includes('.tmp-') && (await stat(join(dir, name))).size > 1024 * 1024) return name;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the writer never started a snapshot');
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

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/snapshot-writer.ts', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
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

  it('reports a damaged snapshot with its file and line instead of loading half a graph', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'apiposture-damaged-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dataDir, 'graph.ndjson'), '{"format":"apiposture-graph","version":1}\n{"n":"Api","id":"x","p":{}}\n');
    await expect(MemoryStore.open({ dataDir })).rejects.toThrow(/graph\.ndjson line 2: truncated: no end marker/);
  });
});
