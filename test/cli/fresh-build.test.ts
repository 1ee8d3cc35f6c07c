import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { staleOutputs } from '../support/fresh-build.js';

/** Writes `path` with its modification time set to `at` (seconds since the epoch). */
async function writeAt(path: string, at: number): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, '');
  await utimes(path, at, at);
}

describe('the build freshness check before tests run the built command', () => {
  it('names sources newer than their output, and sources with no output, but not declarations', async () => {
    const root = await tempDir('fresh-build');
    const src = join(root, 'src');
    const dist = join(root, 'dist');
    await writeAt(join(src, 'cli/main.ts'), 1_000);
    await writeAt(join(dist, 'cli/main.js'), 2_000);
    await writeAt(join(src, 'web/client/app.ts'), 3_000);
    await writeAt(join(dist, 'web/client/app.js'), 2_000);
    await writeAt(join(src, 'store/port.ts'), 1_000);
    await writeAt(join(src, 'types.d.ts'), 5_000);

    const stale = staleOutputs(src, dist).map((path) => path.slice(path.indexOf('src')));
    expect(stale.sort()).toEqual(['src/store/port.ts', 'src/web/client/app.ts']);
  });

  it('finds nothing stale when every output is as new as its source', async () => {
    const root = await tempDir('fresh-build');
    await writeAt(join(root, 'src/a/b.ts'), 1_000);
    await writeAt(join(root, 'dist/a/b.js'), 1_000);
    expect(staleOutputs(join(root, 'src'), join(root, 'dist'))).toEqual([]);
  });
});
