/**
 * The web explorer (`apiposture serve`, `/`): a static HTML shell, the browser modules compiled from src/web/client,
 * a stylesheet and cytoscape, all served by this server. The page reads its data through POST /graphql only.
 *
 *   webExplorer(assets?) → an Express router for `/` and `/assets/*`
 */
import { Router, type Response } from 'express';
import { loadWebAssets, type WebAsset, type WebAssets } from './assets.js';
import { renderShell } from './page.js';

export { clientDir, loadWebAssets, type WebAssets } from './assets.js';

function send(res: Response, file: WebAsset, cacheControl: string, ifNoneMatch: string | undefined): void {
  res.set({ 'Content-Type': file.contentType, ETag: file.etag, 'Cache-Control': cacheControl });
  if (ifNoneMatch === file.etag) {
    res.status(304).end();
    return;
  }
  res.send(file.body);
}

export function webExplorer(assets: WebAssets = loadWebAssets()): Router {
  const shell = renderShell({ cytoscapePath: assets.cytoscapePath, missing: assets.missing });
  const router = Router();
  router.get('/', (_req, res) => {
    // The shell holds no data, but a stale one could point at modules that are gone after an upgrade.
    res.set('Cache-Control', 'no-store').type('html').send(shell);
  });
  router.get('/assets/*path', (req, res, next) => {
    const params = req.params as { path?: string[] };
    const key = (params.path ?? []).join('/');
    // Only the files read at start are served: a request path never reaches the file system.
    const file = assets.files.get(key);
    if (!file) {
      next();
      return;
    }
    // cytoscape's name carries its version: immutable. Our modules keep their names across builds: revalidate.
    const cache = key.startsWith('vendor/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    send(res, file, cache, req.headers['if-none-match']);
  });
  return router;
}
