import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LAYERS, checkLayers, formatViolation } from '../../scripts/check-layers.js';

/**
 * A tiny source tree: low (rank 0) ← mid (rank 1) ← left | right (rank 2, siblings) ← top (rank 3).
 *
 *   top ──► left ──► mid ──► low
 *            ╳
 *          right
 */
const ORDER = [['low'], ['mid'], ['left', 'right'], ['top']];

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'check-layers-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'src', path)), { recursive: true });
    writeFileSync(join(root, 'src', path), text);
  }
  return join(root, 'src');
}

describe('checkLayers', () => {
  it('passes imports that point down the order, within a folder, and to packages', () => {
    const src = tree({
      'low/a.ts': "import { x } from './b.js';\nexport const a = x;\n",
      'low/b.ts': 'export const x = 1;\n',
      'mid/m.ts': "import { a } from '../low/a.js';\nimport { parse } from 'yaml';\nexport const m = [a, parse];\n",
      'left/l.ts': "import type { m } from '../mid/m.js';\nexport { a } from '../low/a.js';\nexport type L = typeof m;\n",
      'top/t.ts': "import { a } from '../left/l.js';\nconst lazy = () => import('../right/r.js');\nexport { a, lazy };\n",
      'right/r.ts': "import { m } from '../mid/m.js';\nexport const r = m;\n",
    });
    expect(checkLayers(src, ORDER)).toEqual([]);
  });

  it('names file, line and import for an import from a higher layer, type-only and re-exports included', () => {
    const src = tree({
      'low/a.ts': "// imports of\n// a higher layer\nimport type { M } from '../mid/m.js';\nexport type A = M;\n",
      'mid/m.ts': "export type M = string;\nexport * from '../top/t.js';\n",
      'top/t.ts': 'export const t = 1;\n',
    });
    expect(checkLayers(src, ORDER).map(formatViolation)).toEqual([
      "src/low/a.ts:3: low imports mid, a higher layer ('../mid/m.js')",
      "src/mid/m.ts:2: mid imports top, a higher layer ('../top/t.js')",
    ]);
  });

  it('refuses imports between folders of one rank, in either direction', () => {
    const src = tree({
      'left/l.ts': "export { r } from '../right/r.js';\n",
      'right/r.ts': "export const r = 1;\nexport const later = () => import('../left/l.js');\n",
    });
    expect(checkLayers(src, ORDER)).toEqual([
      { file: 'src/left/l.ts', line: 1, specifier: '../right/r.js', reason: 'left imports right, which shares its rank' },
      { file: 'src/right/r.ts', line: 2, specifier: '../left/l.js', reason: 'right imports left, which shares its rank' },
    ]);
  });

  it('ignores import-like text in comments and strings', () => {
    const src = tree({
      'low/a.ts': "// import { t } from '../top/t.js';\n/* export * from '../top/t.js' */\nexport const s = \"from '../top/t.js'\";\n",
      'top/t.ts': 'export const t = 1;\n',
    });
    expect(checkLayers(src, ORDER)).toEqual([]);
  });

  it('refuses a folder the order does not rank, and a file outside every folder', () => {
    const src = tree({
      'extra/e.ts': 'export const e = 1;\n',
      'index.ts': 'export {};\n',
      'low/a.ts': "export { e } from '../extra/e.js';\n",
    });
    expect(checkLayers(src, ORDER).map(formatViolation)).toEqual([
      'src/extra/e.ts:1: folder "extra" has no rank in the layer order',
      'src/index.ts:1: a file outside every layer folder',
      "src/low/a.ts:1: \"extra\" has no rank in the layer order ('../extra/e.js')",
    ]);
  });

  it('ranks every top-level folder of the real source tree, each once', () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
    const folders = readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect([...LAYERS.flat()].sort()).toEqual(folders.sort());
  });
});
