import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// Tests that run the built command (`node dist/cli/main.js`) must not test an older build than the source beside
// them: `npm test` builds first, but a plain `vitest` run after an edit would otherwise pass or fail on yesterday's
// code. Tests that import src run it through vite and are always current; only the child-process tests ask here.

const SRC = resolve('src');
const DIST = resolve('dist');

/** Every compiled source file under `dir`: `.ts`, not declarations. */
function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/**
 * Source files whose build output is missing or older than they are. `npm run build` compiles src into dist
 * file for file (the browser modules in src/web/client included), and tsc rewrites every output on each build.
 */
export function staleOutputs(src = SRC, dist = DIST): string[] {
  const stale: string[] = [];
  for (const source of sources(src)) {
    const output = join(dist, relative(src, source)).replace(/\.ts$/, '.js');
    if (!existsSync(output) || statSync(output).mtimeMs < statSync(source).mtimeMs)
      stale.push(relative(resolve(), source));
  }
  return stale;
}

let checked: string | undefined;

/**
 * The path of the built command, once the build is known to match src; otherwise a clear error naming the files
 * that changed since. Checked once per test file.
 */
export function builtCli(): string {
  if (checked) return checked;
  const cli = join(DIST, 'cli', 'main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  const stale = staleOutputs();
  if (stale.length > 0) {
    const named = stale.slice(0, 3).join(', ') + (stale.length > 3 ? ` and ${stale.length - 3} more` : '');
    throw new Error(
      `dist is older than src (${named} changed since the last build): run \`npm run build\` first (npm test does)`,
    );
  }
  return (checked = cli);
}
