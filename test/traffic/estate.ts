import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInputFiles } from '../../src/util/input/read-files.js';
import { transformResourceRows } from '../../src/ingest/pipeline.js';
import type { GraphNode } from '../../src/model/index.js';
import { buildEndpointCatalog, type EndpointCatalogEntry } from '../../src/traffic/index.js';

/**
 * The APIM estate the log fixtures call: two services whose APIs share names (`orders-api` / `get-order` on
 * both), nested API paths (`orders/v1` and `orders/v1/admin`), a root-path API with a `/*` operation, a literal
 * template beside a parameter one, a template with a partial segment (`{id}.json`) and a non-current revision.
 */
export const APIM_FIXTURES = fileURLToPath(new URL('../fixtures/traffic/apim/', import.meta.url));
export const LOG_FIXTURES = fileURLToPath(new URL('../fixtures/traffic/logs/', import.meta.url));
export const logFixture = (name: string) => join(LOG_FIXTURES, name);

const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
export const CONTOSO = `/subscriptions/${SUB}/resourcegroups/rg-apim-prod/providers/microsoft.apimanagement/service/apim-contoso-prod`;
export const FABRIKAM = `/subscriptions/${SUB}/resourcegroups/rg-apim-test/providers/microsoft.apimanagement/service/apim-fabrikam-test`;
export const RETIRED = `/subscriptions/${SUB}/resourcegroups/rg-apim-old/providers/microsoft.apimanagement/service/apim-retired`;
export const operation = (service: string, api: string, op: string) => `${service}/apis/${api}/operations/${op}`;

export const OPS = {
  getOrder: operation(CONTOSO, 'orders-api', 'get-order'),
  latestOrder: operation(CONTOSO, 'orders-api', 'latest-order'),
  createOrder: operation(CONTOSO, 'orders-api', 'create-order'),
  listOrders: operation(CONTOSO, 'orders-api', 'list-orders'),
  purgeCache: operation(CONTOSO, 'orders-admin', 'purge-cache'),
  echoAny: operation(CONTOSO, 'echo-api', 'echo-any'),
  getItem: operation(CONTOSO, 'legacy-api', 'get-item'),
  fabrikamGetOrder: operation(FABRIKAM, 'orders-api', 'get-order'),
};

export async function estateNodes(): Promise<GraphNode[]> {
  const input = await readInputFiles([APIM_FIXTURES]);
  return (await transformResourceRows(input.resources, { source: 'azure-export' })).nodes;
}

export async function estateCatalog(): Promise<EndpointCatalogEntry[]> {
  return buildEndpointCatalog(await estateNodes());
}
