import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../util/errors.js';
import { STYLESHEET } from './style.js';

/** One file the page loads, held in memory: the set is small (≈100 KB) and fixed for the life of the process. */
export interface WebAsset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

export interface WebAssets {
  /** Keyed by the path under /assets/ (`app/main.js`, `app/views/paths.js`, `vendor/cytoscape-3.34.4.min.js`). */
  readonly files: ReadonlyMap<string, WebAsset>;
  /** The vendor script's path under /assets/: versioned, so it can be cached as immutable. */
  readonly cytoscapePath: string;
  /** Null when the compiled client is missing (a source checkout that was never built): the page says so. */
  readonly missing: string | null;
}

function asset(body: Buffer, contentType: string): WebAsset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, contentType, etag };
}

/**
 * Where the compiled browser modules are. From dist/web the build put them next to this file; when this module runs
 * from src/web (tests through Vite, `tsx`), the TypeScript sources cannot be served, so the build's output is used.
 */
export function clientDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return import.meta.url.endsWith('.ts') ? join(here, '../../dist/web/client') : join(here, 'client');
}

function readTree(dir: string, prefix: string, into: Map<string, WebAsset>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory()) readTree(join(dir, entry.name), `${name}/`, into);
    else if (entry.name.endsWith('.js'))
      into.set(`app/${name}`, asset(readFileSync(join(dir, entry.name)), 'text/javascript; charset=utf-8'));
  }
}

/** Reads the client modules, the stylesheet and cytoscape once, at server start. */
export function loadWebAssets(dir: string = clientDir()): WebAssets {
  const files = new Map<string, WebAsset>();
  const require = createRequire(import.meta.url);
  const cytoscapeFile = require.resolve('cytoscape/dist/cytoscape.min.js');
  // The package's exports hide package.json; it sits two levels above dist/.
  const manifest: unknown = JSON.parse(readFileSync(join(dirname(cytoscapeFile), '..', 'package.json'), 'utf8'));
  const version = (manifest as { version?: unknown }).version;
  if (typeof version !== 'string') throw new ConfigError(`${cytoscapeFile}: cannot read the cytoscape version`);
  const cytoscapePath = `vendor/cytoscape-${version}.min.js`;
  files.set(cytoscapePath, asset(readFileSync(cytoscapeFile), 'text/javascript; charset=utf-8'));
  files.set('app/style.css', asset(Buffer.from(STYLESHEET, 'utf8'), 'text/css; charset=utf-8'));
  const entry = join(dir, 'main.js');
  if (!existsSync(entry)) return { files, cytoscapePath, missing: `${entry} is missing: run \`npm run build\`` };
  readTree(dir, '', files);
  return { files, cytoscapePath, missing: null };
}
