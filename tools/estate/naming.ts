/**
 * Names and ARM ids of every generated entity, and the attributes other rows refer to (which subnet a NIC
 * sits in, which identity a site runs as, the principal id of an identity). Each is a pure function of
 * (context, subscription, index), so a reference always matches the row it points at.
 */
import type { EstateContext, SubnetRef } from './context.js';
import type { Rng } from './prng.js';
import { zipf } from './zipf.js';

const WORDS = [
  'orders',
  'payments',
  'billing',
  'inventory',
  'shipping',
  'customers',
  'catalog',
  'accounts',
  'search',
  'reports',
  'notify',
  'pricing',
  'loyalty',
  'claims',
  'ledger',
  'partners',
];

export function word(index: number): string {
  return WORDS[index % WORDS.length]!;
}

const pad = (n: number, width = 4) => String(n).padStart(width, '0');

/** Short, DNS-safe suffix that keeps globally unique names (sites, vaults, storage) unique across subscriptions. */
export function suffix(s: number, j: number): string {
  return `${pad(s + 1, 2)}${pad(j)}`;
}

export function subscriptionId(ctx: EstateContext, s: number): string {
  return `/subscriptions/${ctx.subscription(s).guid}`;
}

export type RgFamily = 'net' | 'app' | 'data' | 'apim' | 'identity';

export function rgName(ctx: EstateContext, family: RgFamily, j: number): string {
  switch (family) {
    case 'net':
      return `rg-net-${pad(j % ctx.sub.netRgs, 2)}`;
    case 'app':
      return `rg-app-${pad(j % ctx.sub.appRgs, 2)}`;
    case 'data':
      return `rg-data-${pad(j % ctx.sub.dataRgs, 2)}`;
    case 'apim':
      return 'rg-apim';
    case 'identity':
      return 'rg-identity';
  }
}

export function rgId(ctx: EstateContext, s: number, rg: string): string {
  return `${subscriptionId(ctx, s)}/resourceGroups/${rg}`;
}

/** `/subscriptions/…/resourceGroups/<rg>/providers/<provider>/<type>/<name>`, in the mixed case ARM prints. */
export function armId(ctx: EstateContext, s: number, rg: string, providerType: string, name: string): string {
  return `${rgId(ctx, s, rg)}/providers/${providerType}/${name}`;
}

// Network ---------------------------------------------------------------------------------------------------

export const vnetName = (s: number, v: number) => `vnet-${suffix(s, v)}`;
export const vnetId = (ctx: EstateContext, s: number, v: number) =>
  armId(ctx, s, rgName(ctx, 'net', v), 'Microsoft.Network/virtualNetworks', vnetName(s, v));

export function subnetName(slot: number): string {
  if (slot === 0) return 'snet-web';
  if (slot === 1) return 'snet-pe';
  return `snet-app-${slot - 1}`;
}

export const subnetId = (ctx: EstateContext, s: number, ref: SubnetRef) =>
  `${vnetId(ctx, s, ref.vnet)}/subnets/${subnetName(ref.slot)}`;
export const subnetPrefix = (ref: SubnetRef) => `10.${ref.vnet % 256}.${ref.slot}.0/24`;

/** NSG indices: [0, nsgWeb) admit the internet on 443, the rest only the VNet and a corporate range. */
export const nsgIsWeb = (ctx: EstateContext, n: number) => n < ctx.sub.nsgWeb;
export const nsgName = (ctx: EstateContext, s: number, n: number) =>
  nsgIsWeb(ctx, n) ? `nsg-web-${suffix(s, n)}` : `nsg-app-${suffix(s, n - ctx.sub.nsgWeb)}`;
export const nsgId = (ctx: EstateContext, s: number, n: number) =>
  armId(ctx, s, rgName(ctx, 'net', n), 'Microsoft.Network/networkSecurityGroups', nsgName(ctx, s, n));

/** A shared web NSG (heavy-tailed: a few serve most DMZ subnets and NICs). */
export const pickWebNsg = (ctx: EstateContext, rng: Rng) => zipf(rng, ctx.sub.nsgWeb, 1.2);
export const pickAppNsg = (ctx: EstateContext, rng: Rng) => ctx.sub.nsgWeb + zipf(rng, ctx.sub.nsgApp, 1.2);

/** The NSG of a subnet: the DMZ always has a web NSG, the private endpoint subnet none, app subnets mostly one. */
export function subnetNsg(ctx: EstateContext, s: number, ref: SubnetRef): number | null {
  const rng = ctx.rng('subnet-nsg', s, ref.vnet, ref.slot);
  if (ref.slot === 0) return pickWebNsg(ctx, rng);
  if (ref.slot === 1) return null;
  return rng.chance(0.8) ? pickAppNsg(ctx, rng) : null;
}

export const pipName = (s: number, p: number) => `pip-${suffix(s, p)}`;
export const pipId = (ctx: EstateContext, s: number, p: number) =>
  armId(ctx, s, rgName(ctx, 'net', p), 'Microsoft.Network/publicIPAddresses', pipName(s, p));
export const agwPipName = (s: number, a: number) => `pip-agw-${suffix(s, a)}`;
export const agwName = (s: number, a: number) => `agw-${suffix(s, a)}`;
export const agwId = (ctx: EstateContext, s: number, a: number) =>
  armId(ctx, s, rgName(ctx, 'net', a), 'Microsoft.Network/applicationGateways', agwName(s, a));
export const agwPipId = (ctx: EstateContext, s: number, a: number) =>
  armId(ctx, s, rgName(ctx, 'net', a), 'Microsoft.Network/publicIPAddresses', agwPipName(s, a));

// Compute ---------------------------------------------------------------------------------------------------

export const vmName = (s: number, j: number) => `vm-${word(j)}-${suffix(s, j)}`;
export const vmId = (ctx: EstateContext, s: number, j: number) =>
  armId(ctx, s, rgName(ctx, 'app', j), 'Microsoft.Compute/virtualMachines', vmName(s, j));
export const vmNicId = (ctx: EstateContext, s: number, j: number) =>
  armId(ctx, s, rgName(ctx, 'app', j), 'Microsoft.Network/networkInterfaces', `nic-${vmName(s, j)}`);

export type SiteFlavour = 'function' | 'web';

export const siteName = (flavour: SiteFlavour, s: number, j: number) =>
  `${flavour === 'function' ? 'func' : 'app'}-${word(j)}-${suffix(s, j)}`;
export const siteId = (ctx: EstateContext, flavour: SiteFlavour, s: number, j: number) =>
  armId(ctx, s, rgName(ctx, 'app', j), 'Microsoft.Web/sites', siteName(flavour, s, j));
export const siteHost = (flavour: SiteFlavour, s: number, j: number) => `${siteName(flavour, s, j)}.azurewebsites.net`;

// Identity --------------------------------------------------------------------------------------------------

export const uamiName = (s: number, u: number) => `id-${word(u)}-${suffix(s, u)}`;
export const uamiId = (ctx: EstateContext, s: number, u: number) =>
  armId(ctx, s, 'rg-identity', 'Microsoft.ManagedIdentity/userAssignedIdentities', uamiName(s, u));
export const uamiPrincipal = (ctx: EstateContext, s: number, u: number) => ctx.rng('uami-principal', s, u).guid();
export const uamiClient = (ctx: EstateContext, s: number, u: number) => ctx.rng('uami-client', s, u).guid();
/** Shared user-assigned identities: a few run very many workloads. */
export const pickUami = (ctx: EstateContext, rng: Rng) => zipf(rng, ctx.sub.uamis, 1.1);

/** Which identities a workload runs as. */
export interface IdentityChoice {
  readonly system: boolean;
  readonly user: number | null;
}

/** Identity of a site, VM, container app or workflow, from its own stream (owner names the kind). */
export function identityOf(ctx: EstateContext, owner: string, s: number, j: number): IdentityChoice {
  const rng = ctx.rng(`${owner}-identity`, s, j);
  const mode = rng.weighted([
    ['system', 0.45],
    ['user', 0.25],
    ['both', 0.1],
    ['none', 0.2],
  ] as const);
  const user = mode === 'user' || mode === 'both' ? pickUami(ctx, rng) : null;
  return { system: mode === 'system' || mode === 'both', user };
}

export const systemPrincipal = (ctx: EstateContext, owner: string, s: number, j: number) =>
  ctx.rng(`${owner}-principal`, s, j).guid();

// API Management --------------------------------------------------------------------------------------------

export const apimName = (s: number, a: number) => `apim-${word(a + 3)}-${suffix(s, a)}`;
export const apimId = (ctx: EstateContext, s: number, a: number) =>
  armId(ctx, s, 'rg-apim', 'Microsoft.ApiManagement/service', apimName(s, a));
export const apimHost = (s: number, a: number) => `${apimName(s, a)}.azure-api.net`;

/** The service of an API: a few gateways carry most APIs. */
export const apiService = (ctx: EstateContext, s: number, i: number) =>
  zipf(ctx.rng('api-service', s, i), ctx.sub.apimServices, 1.2);
export const apiName = (i: number) => `${word(i)}-api-${i}`;
export const apiId = (ctx: EstateContext, s: number, i: number) =>
  `${apimId(ctx, s, apiService(ctx, s, i))}/apis/${apiName(i)}`;

/** Backends belong to services round-robin, so a service's backends are known without a lookup. */
export const backendService = (ctx: EstateContext, b: number) => b % ctx.sub.apimServices;
export const backendName = (b: number) => `backend-${b}`;

// Data ------------------------------------------------------------------------------------------------------

export const storageName = (s: number, j: number) => `st${word(j).slice(0, 8)}${suffix(s, j)}`;
export const storageId = (ctx: EstateContext, s: number, j: number) =>
  armId(ctx, s, rgName(ctx, 'data', j), 'Microsoft.Storage/storageAccounts', storageName(s, j));
export const sqlName = (s: number, j: number) => `sql-${word(j)}-${suffix(s, j)}`;
export const sqlId = (ctx: EstateContext, s: number, j: number) =>
  armId(ctx, s, rgName(ctx, 'data', j), 'Microsoft.Sql/servers', sqlName(s, j));
export const cosmosName = (s: number, j: number) => `cosmos-${word(j)}-${suffix(s, j)}`;
export const cosmosId = (ctx: EstateContext, s: number, j: number) =>
  armId(ctx, s, rgName(ctx, 'data', j), 'Microsoft.DocumentDB/databaseAccounts', cosmosName(s, j));
export const vaultName = (s: number, j: number) => `kv-${word(j).slice(0, 8)}-${suffix(s, j)}`;
export const vaultId = (ctx: EstateContext, s: number, j: number) =>
  armId(ctx, s, rgName(ctx, 'data', j), 'Microsoft.KeyVault/vaults', vaultName(s, j));
