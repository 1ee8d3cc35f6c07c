/**
 * The layering check (run by `npm run lint` after eslint): an import between top-level folders of `src/` must
 * point down the order below, never up it and never sideways between the folders of one rank. There is no list
 * of exceptions: a backwards import is fixed by moving the shared piece down.
 *
 * The order follows the data's path (docs/architecture.md): the model and the query language first, then the
 * store port every stage reads and writes through, then ingest and analysis side by side, then the ways of
 * reading results (explorer, reports, the web page), configuration, and the entry points (GraphQL API, CLI).
 *
 *   node --import tsx scripts/check-layers.ts [src-dir]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/**
 * Ranks, lowest first. A folder may import its own folder and any folder of a lower rank. Folders sharing a rank
 * may not import each other: ingest and analysis both stand on the store, and analysis learns what ingest wrote
 * only by reading the store. Configuration sits just below the entry points because only they read it (and pass
 * it down); the web page sits below the API that serves it, reaching data only over HTTP.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['util'],
  ['model'],
  ['query'],
  ['classify'],
  ['store'],
  ['traffic'],
  ['ingest', 'analysis'],
  ['explorer'],
  ['report'],
  ['web'],
  ['config'],
  ['api'],
  ['cli'],
];

export interface LayerViolation {
  /** The importing file, relative to the checked directory's parent (`src/store/port.ts`). */
  readonly file: string;
  readonly line: number;
  /** The import as written. */
  readonly specifier: string;
  readonly reason: string;
}

const SOURCE_FILE = /\.(?:[cm]?ts|tsx|[cm]?js)$/;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE_FILE.test(entry.name)) files.push(path);
  }
  return files.sort();
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** The top-level folder of a path inside `srcDir`, or undefined for a file at its root or outside it. */
function folderOf(srcDir: string, path: string): string | undefined {
  const parts = relative(srcDir, path).split(sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
}

/** Every import from a higher rank (or a sibling of the same rank) among the source files under `srcDir`. */
export function checkLayers(srcDir: string, layers: readonly (readonly string[])[] = LAYERS): LayerViolation[] {
  const root = resolve(srcDir);
  const rank = new Map<string, number>(layers.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
  const display = (path: string) => relative(dirname(root), path).split(sep).join('/');
  const violations: LayerViolation[] = [];
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    const fromRank = from === undefined ? undefined : rank.get(from);
    if (from === undefined || fromRank === undefined) {
      const reason = from === undefined ? 'a file outside every layer folder' : `folder "${from}" has no rank in the layer order`;
      violations.push({ file: display(file), line: 1, specifier: '', reason });
      continue;
    }
    const text = readFileSync(file, 'utf8');
    // The compiler's own scanner: import/export declarations, import() and require, none of them in comments.
    for (const reference of ts.preProcessFile(text, true, true).importedFiles) {
      const specifier = reference.fileName;
      if (!specifier.startsWith('.')) continue;
      const to = folderOf(root, resolve(dirname(file), specifier));
      if (to === undefined || to === from) continue;
      const toRank = rank.get(to);
      const reason =
        toRank === undefined
          ? `"${to}" has no rank in the layer order`
          : toRank > fromRank
            ? `${from} imports ${to}, a higher layer`
            : toRank === fromRank
              ? `${from} imports ${to}, which shares its rank`
              : undefined;
      if (reason) violations.push({ file: display(file), line: lineAt(text, reference.pos), specifier, reason });
    }
  }
  return violations;
}

export function formatViolation(v: LayerViolation): string {
  return `${v.file}:${v.line}: ${v.reason}${v.specifier ? ` ('${v.specifier}')` : ''}`;
}

function main(): void {
  const srcDir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const violations = checkLayers(srcDir);
  for (const v of violations) console.error(formatViolation(v));
  if (violations.length > 0) {
    console.error(`${violations.length} import(s) against the layer order (scripts/check-layers.ts, docs/architecture.md)`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
