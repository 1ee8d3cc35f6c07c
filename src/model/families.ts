import type { Family, NodeKind } from './kinds.js';
import { NODE_DECLARATIONS } from './nodes.js';

/**
 * Kind sets named once, from the declarations (BloodHound declares its kind sets once; code elsewhere asks for
 * them rather than listing kinds again). Every set keeps the declarations' order, so loops over it visit kinds in
 * the same order wherever they run.
 */

/** The kinds of the given families, in declaration order. */
export function kindsOfFamily(...families: readonly Family[]): readonly NodeKind[] {
  return NODE_DECLARATIONS.filter((d) => families.includes(d.family)).map((d) => d.kind);
}

/** Data stores and Key Vaults: the targets of attack paths (DESIGN §4) and the ends of HAS_PERMISSION_TO. */
export const DATA_STORE_KINDS: readonly NodeKind[] = kindsOfFamily('DataStore');

export const COMPUTE_KINDS: readonly NodeKind[] = kindsOfFamily('Compute');

/**
 * Data stores a caller connects to on their own endpoint, behind their own public-access switch and service firewall
 * (they declare `publicNetworkAccess`). A SQL database is not one: callers reach it through its logical server's
 * endpoint and firewall.
 */
export const FIREWALLED_DATA_STORE_KINDS: readonly NodeKind[] = NODE_DECLARATIONS.filter(
  (d) => d.family === 'DataStore' && Object.hasOwn(d.properties, 'publicNetworkAccess'),
).map((d) => d.kind);

/**
 * App Service sites: web apps, function apps and Logic Apps, which share the site configuration (host names,
 * `httpsOnly`, TLS floor, access restrictions, the SCM site). A Consumption Logic App is a workflow, not a site,
 * but keeps the kind: code that needs the difference reads `logicAppPlan`.
 */
export const APP_SERVICE_KINDS = ['WebApp', 'FunctionApp', 'LogicApp'] as const satisfies readonly NodeKind[];

const DATA_STORES: ReadonlySet<NodeKind> = new Set(DATA_STORE_KINDS);

export function isDataStoreKind(kind: NodeKind): boolean {
  return DATA_STORES.has(kind);
}
