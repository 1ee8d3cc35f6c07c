import type { InputRow } from '../../../util/input/rows.js';
import { fetchApimChildren } from './apim-children.js';
import { ChildFetch, parentOf, type ParentResource } from './child-fetch.js';
import type { AzureClients } from './clients.js';
import { fetchFrontDoorChildren, isFrontDoorProfile } from './front-door-children.js';
import type { Limiter } from './limiter.js';
import type { LiveRows } from './live-rows.js';
import type { LiveFamily } from './settings.js';
import { fetchSqlChildren, isSqlFamilyType, type SqlFamilyServer } from './sql-children.js';
import { fetchWebChildren } from './web-children.js';

const typeOf = (row: InputRow) => (typeof row.value['type'] === 'string' ? row.value['type'].toLowerCase() : '');
const idOf = (row: InputRow) => (typeof row.value['id'] === 'string' ? row.value['id'].toLowerCase() : '');

/** The parents of each family among the Resource Graph rows, with what their fetch needs from other rows. */
interface Plan {
  readonly apim: ParentResource[];
  readonly web: ParentResource[];
  /** SQL servers and PostgreSQL / MySQL flexible servers: their firewall rules. */
  readonly sql: SqlFamilyServer[];
  readonly frontdoor: ParentResource[];
  /** Sites whose `config/web` came from `appserviceresources`. */
  readonly configFromResourceGraph: Set<string>;
  /** Lower-cased profile id → names of its AFD endpoints. */
  readonly endpoints: Map<string, string[]>;
}

export function planChildren(rows: readonly InputRow[]): Plan {
  const plan: Plan = {
    apim: [],
    web: [],
    sql: [],
    frontdoor: [],
    configFromResourceGraph: new Set(),
    endpoints: new Map(),
  };
  for (const row of rows) {
    const type = typeOf(row);
    if (type === 'microsoft.web/sites/config/web') {
      plan.configFromResourceGraph.add(idOf(row).replace(/\/config\/web$/, ''));
      continue;
    }
    if (type === 'microsoft.cdn/profiles/afdendpoints') {
      const profileId = idOf(row).replace(/\/afdendpoints\/[^/]+$/, '');
      const name = String(row.value['id']).split('/').pop() ?? '';
      plan.endpoints.set(profileId, [...(plan.endpoints.get(profileId) ?? []), name]);
      continue;
    }
    const parent = parentOf(row);
    if (!parent) continue;
    if (type === 'microsoft.apimanagement/service') plan.apim.push(parent);
    else if (type === 'microsoft.web/sites') plan.web.push(parent);
    else if (isSqlFamilyType(type)) plan.sql.push({ type, parent });
    else if (type === 'microsoft.cdn/profiles' && isFrontDoorProfile(parent)) plan.frontdoor.push(parent);
  }
  return plan;
}

async function runFamily<P>(
  family: LiveFamily,
  parents: readonly P[],
  fetch: ChildFetch,
  out: LiveRows,
  fetchOne: (parent: P) => Promise<void>,
): Promise<void> {
  out.progress(family, { total: parents.length });
  await Promise.all(
    parents.map(async (parent) => {
      await fetchOne(parent);
      out.progress(family, { done: 1 });
    }),
  );
  out.progress(family, { finished: true });
}

/**
 * Reads, through ARM, the children Resource Graph does not hold, for the parents among its rows: API Management
 * services, sites, SQL, PostgreSQL and MySQL servers and Front Door Standard/Premium profiles. Every call shares one bounded pool.
 */
export async function fetchArmChildren(
  rows: readonly InputRow[],
  clients: AzureClients,
  limit: Limiter,
  out: LiveRows,
): Promise<void> {
  const plan = planChildren(rows);
  const fetcher = (family: LiveFamily) => new ChildFetch(clients, limit, out, family);
  const apim = fetcher('apim');
  const web = fetcher('web');
  const sql = fetcher('sql');
  const frontdoor = fetcher('frontdoor');
  await Promise.all([
    runFamily('apim', plan.apim, apim, out, (service) => fetchApimChildren(service, apim)),
    runFamily('web', plan.web, web, out, (site) => fetchWebChildren(site, web, plan)),
    runFamily('sql', plan.sql, sql, out, (server) => fetchSqlChildren(server, sql)),
    runFamily('frontdoor', plan.frontdoor, frontdoor, out, (profile) =>
      fetchFrontDoorChildren(profile, frontdoor, plan.endpoints.get(profile.id.toLowerCase()) ?? []),
    ),
  ]);
}
