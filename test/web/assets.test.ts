import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/index.js';
import { loadWebAssets, webExplorer } from '../../src/web/index.js';
import { startServer, type RunningServer } from '../api/support.js';
import { buildClient } from './support.js';

/** How the server hands out the page and its files: types, caching, CSP, and nothing but the files it read at start. */
describe('web explorer assets over HTTP', () => {
  let store: MemoryStore;
  let api: RunningServer;

  beforeAll(async () => {
    await buildClient();
    store = await MemoryStore.open();
    api = await startServer(store);
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await store?.close();
  });

  it('serves the page uncached, under a CSP that allows only this origin and nothing inline or eval', async () => {
    const response = await fetch(`${api.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-|https?:|\*/);
    const html = await response.text();
    expect(html).toMatch(/<script type="module" src="\/assets\/app\/main\.js"><\/script>/);
    expect(html).toMatch(/<script src="\/assets\/vendor\/cytoscape-[\d.]+\.min\.js" defer><\/script>/);
    expect(html).not.toMatch(/<script>|<style>|\sstyle=|\son[a-z]+=/);
  });

  it('serves modules as JavaScript to revalidate, cytoscape as immutable, and answers 304 to a matching ETag', async () => {
    const main = await fetch(`${api.url}/assets/app/main.js`);
    expect(main.status).toBe(200);
    expect(main.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(main.headers.get('cache-control')).toBe('no-cache');
    expect(main.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await main.text()).toContain("from './views/dashboard.js'");
    const etag = main.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${api.url}/assets/app/main.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const view = await fetch(`${api.url}/assets/app/views/path-graph.js`);
    expect(view.status).toBe(200);
    const css = await fetch(`${api.url}/assets/app/style.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const page = await (await fetch(`${api.url}/`)).text();
    const vendor = /\/assets\/(vendor\/cytoscape-[\d.]+\.min\.js)/.exec(page)?.[1];
    const cytoscape = await fetch(`${api.url}/assets/${vendor}`);
    expect(cytoscape.status).toBe(200);
    expect(cytoscape.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves nothing but the files read at start: no source, no map, no way out of the folder', async () => {
    for (const path of [
      '/assets/app/main.ts',
      '/assets/app/main.js.map',
      '/assets/app/../../package.json',
      '/assets/app/%2e%2e/%2e%2e/package.json',
      '/assets/app/..%2f..%2fpackage.json',
      '/assets/vendor/cytoscape.min.js',
      '/assets/',
    ]) {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status, path).toBe(404);
    }
  });

  it('says on the page, instead of loading a missing script, when the client was never built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'apiposture-web-'));
    const assets = loadWebAssets(empty);
    expect(assets.missing).toContain(join(empty, 'main.js'));
    const app = express().use(webExplorer(assets));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(html).toContain('npm run build');
      expect(html).not.toContain('<script');
      expect((await fetch(`http://127.0.0.1:${port}/assets/app/main.js`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
