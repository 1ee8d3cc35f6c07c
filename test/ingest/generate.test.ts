import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  estateRows,
  generateEstate,
  writeEstate,
  type AzureRow,
  type Estate,
  type SectionName,
} from '../../tools/estate/index.js';
import { ingestFiles } from '../../src/ingest/index.js';
import type { GraphNode, NodeKind } from '../../src/model/index.js';
import { MemoryStore, type Page } from '../../src/store/index.js';

type Rows = Map<SectionName, AzureRow[]>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (v: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const lower = (v: unknown): string | undefined => text(v)?.toLowerCase();
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function collect(estate: Estate): Rows {
  const rows: Rows = new Map();
  for (const { section, row } of estateRows(estate)) {
    const bucket = rows.get(section) ?? [];
    bucket.push(row);
    rows.set(section, bucket);
  }
  return rows;
}

function digest(estate: Estate): string {
  const hash = createHash('sha256');
  for (const { section, row } of estateRows(estate)) hash.update(`${section}\n${JSON.stringify(row)}\n`);
  return hash.digest('hex');
}

const resources = (rows: Rows) => rows.get('resources') ?? [];
const ofType = (rows: Rows, type: string) => resources(rows).filter((r) => r['type'] === type);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** How many subnets and NICs name each NSG (NSGs nobody names count as zero). */
function nsgFanOut(rows: Rows): number[] {
  const uses = new Map<string, number>(
    ofType(rows, 'microsoft.network/networksecuritygroups').map((r) => [lower(r['id'])!, 0]),
  );
  const use = (id: string | undefined) => id && uses.set(id, (uses.get(id) ?? 0) + 1);
  for (const nic of ofType(rows, 'microsoft.network/networkinterfaces'))
    use(lower(get(nic, 'properties', 'networkSecurityGroup', 'id')));
  for (const vnet of ofType(rows, 'microsoft.network/virtualnetworks')) {
    for (const subnet of list(get(vnet, 'properties', 'subnets')))
      use(lower(get(subnet, 'properties', 'networkSecurityGroup', 'id')));
  }
  return [...uses.values()];
}

/** How many workloads run as each user-assigned identity. */
function identityFanOut(rows: Rows): number[] {
  const uses = new Map<string, number>(
    ofType(rows, 'microsoft.managedidentity/userassignedidentities').map((r) => [lower(r['id'])!, 0]),
  );
  for (const row of resources(rows)) {
    for (const id of Object.keys(get(row, 'identity', 'userAssignedIdentities') ?? {}))
      uses.set(id.toLowerCase(), (uses.get(id.toLowerCase()) ?? 0) + 1);
  }
  return [...uses.values()];
}

/** An NSG admits the internet on 443 when one of its inbound Allow rules covers 443 from an internet source. */
function allowsInternetHttps(nsg: AzureRow | undefined): boolean {
  return list(get(nsg, 'properties', 'securityRules')).some((rule) => {
    const p = get(rule, 'properties');
    const ports = [text(get(p, 'destinationPortRange')), ...list(get(p, 'destinationPortRanges')).map(text)];
    const internet = ['*', 'Internet', '0.0.0.0/0'].includes(text(get(p, 'sourceAddressPrefix')) ?? '');
    return (
      get(p, 'direction') === 'Inbound' &&
      get(p, 'access') === 'Allow' &&
      internet &&
      ports.some((x) => x === '443' || x === '*')
    );
  });
}

/**
 * Internet entry points, read from the rows alone: public IPs on NICs whose NSGs (NIC and subnet, where present)
 * admit 443 from the internet, public IPs fronting an application gateway, public APIM gateways and anonymous
 * HTTP-triggered functions.
 */
function entryPoints(rows: Rows): number {
  const byId = new Map(resources(rows).map((r) => [lower(r['id'])!, r]));
  const subnets = new Map<string, unknown>();
  for (const vnet of ofType(rows, 'microsoft.network/virtualnetworks'))
    for (const s of list(get(vnet, 'properties', 'subnets'))) subnets.set(lower(get(s, 'id'))!, s);
  const nsgOk = (id: string | undefined) => id === undefined || allowsInternetHttps(byId.get(id));
  let count = 0;
  for (const pip of ofType(rows, 'microsoft.network/publicipaddresses')) {
    const config = lower(get(pip, 'properties', 'ipConfiguration', 'id'));
    if (!config) continue;
    if (config.includes('/applicationgateways/')) {
      count += 1;
      continue;
    }
    const nic = byId.get(config.slice(0, config.indexOf('/ipconfigurations/')));
    const ip = list(get(nic, 'properties', 'ipConfigurations'))[0];
    const nicNsg = lower(get(nic, 'properties', 'networkSecurityGroup', 'id'));
    const subnetNsg = lower(
      get(subnets.get(lower(get(ip, 'properties', 'subnet', 'id'))!), 'properties', 'networkSecurityGroup', 'id'),
    );
    // A Standard public IP stays closed unless some NSG lets traffic in.
    if ((nicNsg || subnetNsg) && nsgOk(nicNsg) && nsgOk(subnetNsg)) count += 1;
  }
  for (const apim of ofType(rows, 'microsoft.apimanagement/service')) {
    if (
      get(apim, 'properties', 'virtualNetworkType') !== 'Internal' &&
      get(apim, 'properties', 'publicNetworkAccess') !== 'Disabled'
    )
      count += 1;
  }
  for (const fn of rows.get('web-functions') ?? []) {
    const bindings = list(get(fn, 'properties', 'config', 'bindings'));
    if (bindings.some((b) => get(b, 'type') === 'httpTrigger' && get(b, 'authLevel') === 'anonymous')) count += 1;
  }
  return count;
}

const DATA_TYPES = [
  'microsoft.storage/storageaccounts',
  'microsoft.sql/servers',
  'microsoft.documentdb/databaseaccounts',
  'microsoft.keyvault/vaults',
];

/** Data stores that some managed identity holds a role on, at the store, its resource group or its subscription. */
function reachableTargets(rows: Rows): { targets: number; reachable: number } {
  const principals = new Set<string>();
  for (const row of resources(rows)) {
    const system = lower(get(row, 'identity', 'principalId'));
    if (system) principals.add(system);
    for (const user of Object.values(get(row, 'identity', 'userAssignedIdentities') ?? {}))
      principals.add(lower(get(user, 'principalId'))!);
    if (row['type'] === 'microsoft.managedidentity/userassignedidentities')
      principals.add(lower(get(row, 'properties', 'principalId'))!);
  }
  const scopes = new Set<string>();
  for (const a of rows.get('authorizationresources') ?? []) {
    if (
      a['type'] === 'microsoft.authorization/roleassignments' &&
      principals.has(lower(get(a, 'properties', 'principalId'))!)
    )
      scopes.add(lower(get(a, 'properties', 'scope'))!);
  }
  const targets = resources(rows).filter((r) => DATA_TYPES.includes(text(r['type'])!));
  const reachable = targets.filter((t) => {
    const id = lower(t['id'])!;
    const rg = id.slice(0, id.indexOf('/providers/'));
    return scopes.has(id) || scopes.has(rg) || scopes.has(rg.slice(0, rg.indexOf('/resourcegroups/')));
  });
  return { targets: targets.length, reachable: reachable.length };
}

/** Nodes of a kind whose property equals a value, counted page by page. */
async function countWhere(store: MemoryStore, kind: NodeKind, property: string, value: string): Promise<number> {
  let count = 0;
  let after: string | null = null;
  for (;;) {
    const page: Page<GraphNode> = await store.listNodes({
      kind,
      where: [{ property, op: 'eq', value }],
      first: 10_000,
      after,
    });
    count += page.items.length;
    if (!page.hasNextPage) return count;
    after = page.endCursor;
  }
}

describe('generateEstate', () => {
  const estate = generateEstate({ size: 'S', seed: 7 });
  const rows = collect(estate);
  const total = [...rows.values()].reduce((sum, r) => sum + r.length, 0);

  it('gives identical rows for the same seed and different rows for another seed', () => {
    expect(digest(generateEstate({ size: 'S', seed: 7 }))).toBe(digest(estate));
    expect(digest(generateEstate({ size: 'S', seed: 8 }))).not.toBe(digest(estate));
    expect(generateEstate({ size: 'S', seed: 8 }).subscriptionIds).not.toEqual(estate.subscriptionIds);
  });

  it('yields exactly the planned rows, within 10 % of the S target', () => {
    expect(total).toBe(estate.totalRows);
    for (const section of estate.sections) expect(rows.get(section.name)?.length ?? 0).toBe(section.count);
    expect(Math.abs(total - 10_000) / 10_000).toBeLessThanOrEqual(0.1);
  });

  it('writes Azure casing: lower-case types in Resource Graph rows, mixed case in ARM lists, unique ids', () => {
    for (const row of resources(rows)) expect(row['type']).toBe(lower(row['type']));
    expect(rows.get('apim-operations')?.[0]?.['type']).toBe('Microsoft.ApiManagement/service/apis/operations');
    expect(rows.get('web-functions')?.[0]?.['type']).toBe('Microsoft.Web/sites/functions');
    const ids = [...rows.values()].flat().map((r) => lower(r['id']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shares NSGs and identities heavy-tailed: the most-used serves far more than the median', () => {
    const nsgs = nsgFanOut(rows);
    expect(Math.max(...nsgs)).toBeGreaterThanOrEqual(10 * Math.max(1, median(nsgs)));
    const identities = identityFanOut(rows);
    expect(Math.max(...identities)).toBeGreaterThanOrEqual(10 * Math.max(1, median(identities)));
  });

  it('has 1–5 % internet entry points and 1–5 % data targets, every target reachable through an identity', () => {
    const entries = entryPoints(rows) / total;
    expect(entries).toBeGreaterThanOrEqual(0.01);
    expect(entries).toBeLessThanOrEqual(0.05);
    const { targets, reachable } = reachableTargets(rows);
    expect(targets / total).toBeGreaterThanOrEqual(0.01);
    expect(targets / total).toBeLessThanOrEqual(0.05);
    expect(reachable).toBe(targets);
  });
});

describe('writeEstate', () => {
  let dirs: string[] = [];
  beforeAll(async () => {
    dirs = [await mkdtemp(join(tmpdir(), 'estate-a-')), await mkdtemp(join(tmpdir(), 'estate-b-'))];
  });
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes byte-identical files for the same seed, at most rowsPerFile rows each', async () => {
    const [a, b] = dirs as [string, string];
    const first = await writeEstate(a, { size: 'S', seed: 3, rowsPerFile: 2_000 });
    await writeEstate(b, { size: 'S', seed: 3, rowsPerFile: 2_000 });
    const names = (await readdir(a)).sort();
    expect(names).toEqual((await readdir(b)).sort());
    expect(first.files.length).toBeGreaterThan(first.sections.length);
    for (const name of names) expect((await readFile(join(a, name))).equals(await readFile(join(b, name)))).toBe(true);
    const page = JSON.parse(await readFile(join(a, 'resources-0001.json'), 'utf8')) as {
      totalRecords: number;
      count: number;
      data: unknown[];
    };
    expect(page.count).toBe(2_000);
    expect(page.data).toHaveLength(2_000);
    expect(page.totalRecords).toBe(first.sections.find((s) => s.name === 'resources')?.rows);
    const list = JSON.parse(await readFile(join(a, 'apim-apis-0001.json'), 'utf8')) as { value: unknown[] };
    expect(list.value.length).toBeGreaterThan(0);
  });

  it('ingests the S estate into the memory store: APIM, functions, sites and identities all land', async () => {
    const dir = dirs[0]!;
    const written = await writeEstate(dir, { size: 'S', seed: 11 });
    const rows = new Map<SectionName, AzureRow[]>();
    for (const { section, row } of estateRows(written.estate)) rows.set(section, [...(rows.get(section) ?? []), row]);
    const store = await MemoryStore.open();
    const summary = await ingestFiles(store, [dir], {
      source: 'azure-export',
      run: { runId: 'generated', startedAt: '2025-01-01T00:00:00.000Z' },
    });
    expect(summary.resourceRows).toBe(written.rows);
    expect(summary.skippedEdges).toBe(0);
    const kinds = await store.countNodesByKind();
    const functions = rows.get('web-functions') ?? [];
    const httpFunctions = functions.filter((f) =>
      list(get(f, 'properties', 'config', 'bindings')).some((b) => get(b, 'type') === 'httpTrigger'),
    );
    const functionApps = new Set(httpFunctions.map((f) => lower(get(f, 'properties', 'function_app_id'))));
    const sites = ofType(rows, 'microsoft.web/sites');
    expect(kinds.ApiGateway).toBe(ofType(rows, 'microsoft.apimanagement/service').length);
    expect(await countWhere(store, 'Api', 'apiSource', 'apim')).toBe(rows.get('apim-apis')?.length);
    expect(await countWhere(store, 'Api', 'apiSource', 'functionapp')).toBe(functionApps.size);
    expect(await countWhere(store, 'ApiEndpoint', 'endpointSource', 'apim')).toBe(rows.get('apim-operations')?.length);
    expect(await countWhere(store, 'ApiEndpoint', 'endpointSource', 'functionapp')).toBe(httpFunctions.length);
    expect((kinds.FunctionApp ?? 0) + (kinds.WebApp ?? 0)).toBe(sites.length);
    expect(kinds.FunctionApp).toBe(sites.filter((s) => text(s['kind'])?.startsWith('functionapp')).length);
    expect(kinds.ManagedIdentity ?? 0).toBeGreaterThanOrEqual(
      ofType(rows, 'microsoft.managedidentity/userassignedidentities').length,
    );
    const gateway = lower(ofType(rows, 'microsoft.apimanagement/service')[0]?.['id'])!;
    const contained = await store.neighbours(gateway, { direction: 'out', edgeKinds: ['CONTAINS'] });
    expect(contained.some((n) => n.node.kind === 'Api')).toBe(true);
  });
});
