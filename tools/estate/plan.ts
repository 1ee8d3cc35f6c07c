/**
 * How many of each thing an estate of a given size holds. Counts are per subscription (every subscription of
 * an estate has the same plan) and exact, so each output section knows its row count before it is written.
 */

export type EstateSize = 'S' | 'M' | 'L' | number;

/** Target number of rows (all files together) per named size. */
export const ESTATE_SIZES = { S: 10_000, M: 100_000, L: 1_000_000 } as const;

export interface SubscriptionPlan {
  readonly netRgs: number;
  readonly appRgs: number;
  readonly dataRgs: number;
  readonly vnets: number;
  /** NSGs that let the internet in on 443 (the DMZ ones). */
  readonly nsgWeb: number;
  /** NSGs that admit only the virtual network and a corporate range. */
  readonly nsgApp: number;
  readonly vms: number;
  /** Public IPs on VM NICs behind web NSGs: internet entry points. */
  readonly pipEntry: number;
  /** Public IPs on VM NICs behind NSGs that only allow a corporate range (not entry points). */
  readonly pipMgmt: number;
  /** Public IPs attached to nothing. */
  readonly pipFree: number;
  readonly appGateways: number;
  readonly privateEndpoints: number;
  readonly functionApps: number;
  readonly webApps: number;
  readonly serverFarms: number;
  readonly appInsights: number;
  readonly functions: number;
  readonly containerEnvs: number;
  readonly containerApps: number;
  readonly workflows: number;
  readonly clusters: number;
  readonly apimServices: number;
  readonly apis: number;
  readonly operations: number;
  readonly backends: number;
  readonly storage: number;
  readonly sqlServers: number;
  readonly sqlDatabases: number;
  readonly cosmos: number;
  readonly keyVaults: number;
  readonly uamis: number;
  readonly roleAssignments: number;
}

export interface EstatePlan {
  readonly targetRows: number;
  readonly subscriptions: number;
  readonly perSubscription: SubscriptionPlan;
}

type Countable = Exclude<keyof SubscriptionPlan, 'pipEntry' | 'pipMgmt' | 'pipFree'> | 'pips';

/**
 * Relative weight of each kind of thing, with the rows one unit adds (a VM brings its NIC and OS disk, a
 * private endpoint its NIC). The mix follows what a large enterprise export looks like: VMs, NICs and disks
 * dominate the resource rows; APIM operations and role assignments dominate the rest.
 */
const UNITS: Readonly<Record<Countable, readonly [weight: number, rowsPerUnit: number, minimum: number]>> = {
  netRgs: [0.0006, 1, 1],
  appRgs: [0.002, 1, 2],
  dataRgs: [0.001, 1, 1],
  vnets: [0.002, 1, 1],
  nsgWeb: [0.001, 1, 1],
  nsgApp: [0.007, 1, 2],
  vms: [0.09, 3, 4],
  pips: [0.022, 1, 2],
  appGateways: [0.0002, 2, 1],
  privateEndpoints: [0.008, 2, 1],
  functionApps: [0.02, 1, 2],
  webApps: [0.015, 1, 1],
  serverFarms: [0.008, 1, 1],
  appInsights: [0.01, 1, 1],
  functions: [0.07, 1, 4],
  containerEnvs: [0.001, 1, 1],
  containerApps: [0.006, 1, 1],
  workflows: [0.006, 1, 1],
  clusters: [0.0005, 1, 1],
  apimServices: [0.0004, 1, 1],
  // An API adds its policy row three times in five.
  apis: [0.02, 1.6, 2],
  operations: [0.14, 1, 4],
  backends: [0.01, 1, 1],
  storage: [0.009, 1, 1],
  sqlServers: [0.002, 1, 1],
  sqlDatabases: [0.004, 1, 1],
  cosmos: [0.002, 1, 1],
  keyVaults: [0.005, 1, 1],
  uamis: [0.008, 1, 2],
  roleAssignments: [0.1, 1, 1],
};

export function targetRowsOf(size: EstateSize): number {
  const rows = typeof size === 'number' ? size : ESTATE_SIZES[size];
  if (!Number.isInteger(rows) || rows < 1_000)
    throw new RangeError(`estate size must be S, M, L or an integer ≥ 1000, got ${String(size)}`);
  return rows;
}

/** Default subscription count: grows with the square root of the estate (S → 2, M → 6, L → 20). */
export function defaultSubscriptions(targetRows: number): number {
  return Math.min(100, Math.max(1, Math.round(Math.sqrt(targetRows) / 50)));
}

/** Role assignments every subscription needs: two per data resource group, three at subscription scope, one per data store. */
function minimumRoleAssignments(plan: Omit<SubscriptionPlan, 'roleAssignments'>): number {
  return plan.dataRgs * 2 + 3 + plan.storage + plan.sqlServers + plan.cosmos + plan.keyVaults;
}

export function planEstate(size: EstateSize, subscriptions?: number): EstatePlan {
  const targetRows = targetRowsOf(size);
  const subs = subscriptions ?? defaultSubscriptions(targetRows);
  if (!Number.isInteger(subs) || subs < 1)
    throw new RangeError(`subscriptions must be a positive integer, got ${subs}`);
  const totalWeight = Object.values(UNITS).reduce((sum, [weight, rows]) => sum + weight * rows, 0);
  const count = (key: Countable): number => {
    const [weight, , minimum] = UNITS[key];
    return Math.max(minimum, Math.round((targetRows * weight) / totalWeight / subs));
  };
  const vms = count('vms');
  const pips = count('pips');
  // Three in five public IPs sit on web-facing VMs, one in five on management VMs, the rest are unattached.
  const pipEntry = Math.min(vms, Math.max(1, Math.round(pips * 0.6)));
  const pipMgmt = Math.min(vms - pipEntry, Math.round(pips * 0.2));
  const base = {
    netRgs: count('netRgs'),
    appRgs: count('appRgs'),
    dataRgs: count('dataRgs'),
    vnets: count('vnets'),
    nsgWeb: count('nsgWeb'),
    nsgApp: count('nsgApp'),
    vms,
    pipEntry,
    pipMgmt,
    pipFree: Math.max(0, pips - pipEntry - pipMgmt),
    appGateways: count('appGateways'),
    privateEndpoints: count('privateEndpoints'),
    functionApps: count('functionApps'),
    webApps: count('webApps'),
    serverFarms: count('serverFarms'),
    appInsights: count('appInsights'),
    functions: count('functions'),
    containerEnvs: count('containerEnvs'),
    containerApps: count('containerApps'),
    workflows: count('workflows'),
    clusters: count('clusters'),
    apimServices: count('apimServices'),
    apis: count('apis'),
    operations: count('operations'),
    backends: count('backends'),
    storage: count('storage'),
    sqlServers: count('sqlServers'),
    sqlDatabases: count('sqlDatabases'),
    cosmos: count('cosmos'),
    keyVaults: count('keyVaults'),
    uamis: count('uamis'),
  };
  const perSubscription = {
    ...base,
    roleAssignments: Math.max(count('roleAssignments'), minimumRoleAssignments(base)),
  };
  return { targetRows, subscriptions: subs, perSubscription };
}

/** APIs that carry an API-scope policy: three in five, by index, so the count is known in advance. */
export function apiHasPolicy(apiIndex: number): boolean {
  return apiIndex % 5 < 3;
}

export function apiPolicyCount(apis: number): number {
  return Math.floor(apis / 5) * 3 + Math.min(apis % 5, 3);
}

/** Resource groups of one subscription: network, app and data ones, plus one for APIM and one for shared identities. */
export function resourceGroupCount(plan: SubscriptionPlan): number {
  return plan.netRgs + plan.appRgs + plan.dataRgs + 2;
}
