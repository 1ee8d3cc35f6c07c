import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeView } from '../../src/analysis/analyze.js';
import { GraphView } from '../../src/analysis/graph-view.js';
import { readLiveConfig } from '../../src/cli/commands/ingest-azure.js';
import { ingestAzureLive, type LiveSettings } from '../../src/ingest/azure/live/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { ConfigError } from '../../src/util/errors.js';
import { fakeArmSettings, startFakeArmServer, type FakeArmEstate, type FakeArmServer } from '../support/fake-arm-server.js';
import { loadEstate } from '../support/live-estate.js';
import { newRun } from '../support/graph-fixture.js';

// Live enrichment through @azure/arm-network against the local fake ARM: the effective security rules of
// internet-facing NICs are a long-running POST (202, then polled), and Azure's answer decides the NIC's verdict.

const SCENARIO = new URL('../fixtures/scenarios/', import.meta.url);
const SUB = '5ce00004-0000-4000-8000-000000000004';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-vm/providers`;
const NIC = `${RG}/Microsoft.Network/networkInterfaces/nic-vm-inventory`;
const NIC_B = `${RG}/Microsoft.Network/networkInterfaces/nic-jump`;
const VM = `/subscriptions/${SUB}/resourcegroups/rg-vm/providers/microsoft.compute/virtualmachines/vm-inventory`;
const effectivePath = (nic: string) => `${nic}/effectiveNetworkSecurityGroups`.toLowerCase();

const ALLOW_HTTPS = { name: 'securityRules/allow-https-internet', protocol: 'Tcp', sourcePortRange: '0-65535', destinationPortRange: '443-443', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '0.0.0.0/0', access: 'Allow', priority: 100, direction: 'Inbound' };

/** An effective-NSG answer for one NIC: the exported NSG's association with the rules Azure applies. */
const effectiveAnswer = (nic: unknown, rules: readonly Record<string, unknown>[]) => ({
  value: [{ networkSecurityGroup: { id: `${RG}/Microsoft.Network/networkSecurityGroups/nsg-vm-inventory` }, association: { networkInterface: { id: nic } }, effectiveSecurityRules: rules }],
});

async function rows(file: string): Promise<Record<string, unknown>[]> {
  return (JSON.parse(await readFile(new URL(file, SCENARIO), 'utf8')) as { data?: Record<string, unknown>[] }).data ??
    (JSON.parse(await readFile(new URL(file, SCENARIO), 'utf8')) as Record<string, unknown>[]);
}

/** Scenario 04's network, VM and storage (the VM is open on 443 by its exported NSG), plus a second public NIC. */
async function estate(): Promise<FakeArmEstate> {
  const resources = (await rows('04-gateway-bypass-vm/azure/resources.json')).filter(
    (r) => r['type'] !== 'microsoft.apimanagement/service',
  );
  const nic = resources.find((r) => r['type'] === 'microsoft.network/networkinterfaces')!;
  const jump = JSON.parse(JSON.stringify(nic).replaceAll('nic-vm-inventory', 'nic-jump')) as Record<string, unknown>;
  delete (jump['properties'] as Record<string, unknown>)['virtualMachine'];
  const effective = effectiveAnswer(NIC, [
    { name: 'AdminRule_baseline_deny-https', protocol: 'Tcp', sourcePortRange: '0-65535', destinationPortRange: '443-443', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '0.0.0.0/0', access: 'Deny', priority: 10, direction: 'Inbound' },
    ALLOW_HTTPS,
  ]);
  return {
    tables: {
      resources: [...resources, jump],
      resourcecontainers: await rows('04-gateway-bypass-vm/azure/resourcecontainers.json'),
      authorizationresources: await rows('04-gateway-bypass-vm/azure/authorizationresources.json'),
    },
    arm: {},
    operations: { [effectivePath(NIC)]: { result: effective, polls: 2 }, [effectivePath(NIC_B)]: { result: { value: [] } } },
  };
}

const servers: FakeArmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(): Promise<FakeArmServer> {
  const server = await startFakeArmServer(await estate());
  servers.push(server);
  return server;
}

const settingsFor = (server: FakeArmServer, extra: Partial<LiveSettings> = {}): LiveSettings => ({
  ...fakeArmSettings(server, [SUB], 2),
  networkEnrichment: { enabled: true, maxEffectiveNics: 200, pollIntervalInMs: 10 },
  ...extra,
});

const posts = (server: FakeArmServer) => server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/effectivenetworksecuritygroups'));

describe('live network enrichment (@azure/arm-network)', { timeout: 120_000 }, () => {
  it("reads effective rules through the 202 + polling protocol, and Azure's answer decides the verdict", async () => {
    const server = await serve();
    const store = await MemoryStore.open();
    const result = await ingestAzureLive(store, settingsFor(server), { run: newRun() });
    expect(result.fetched.failures).toEqual([]);
    expect(posts(server).map((r) => r.path).sort()).toEqual([effectivePath(NIC_B), effectivePath(NIC)].sort());
    // Two 202 polls, then the 200 with the answer.
    const polls = server.requests.filter((r) => r.method === 'GET' && r.path.includes('/operationresults/'));
    expect(polls.map((r) => r.status)).toEqual(expect.arrayContaining([202, 202, 200]));
    const view = await GraphView.load(store);
    expect(view.get(NIC.toLowerCase())?.properties['effectiveSecurityRules']).toMatchObject({ rules: [{ name: 'AdminRule_baseline_deny-https' }, {}] });
    // The exported NSG opens 443; Azure's network-manager admin rule closes it: no CAN_REACH to the VM.
    const reach = analyzeView(view).edges.filter((e) => e.kind === 'CAN_REACH').map((e) => e.to);
    expect(reach).not.toContain(VM);
  });

  it('a throttled call is retried; a NIC that fails is reported with its id while the others are read', async () => {
    const server = await serve();
    server.addFault({ match: (r) => r.method === 'POST' && r.path === effectivePath(NIC), status: 429, headers: { 'retry-after': '0' }, times: 1 });
    server.addFault({ match: (r) => r.method === 'POST' && r.path === effectivePath(NIC_B), status: 403, code: 'AuthorizationFailed', times: Infinity });
    const store = await MemoryStore.open();
    const result = await ingestAzureLive(store, settingsFor(server), { run: newRun() });
    expect(result.fetched.failures).toEqual([
      expect.objectContaining({ subscriptionId: SUB, operation: 'network.networkInterfaces.listEffectiveNetworkSecurityGroups', resourceId: NIC_B, status: 403 }),
    ]);
    expect(posts(server).filter((r) => r.path === effectivePath(NIC)).map((r) => r.status)).toEqual([429, 202]);
    // The failed NIC keeps the computed verdict; nothing of the estate is lost.
    const view = await GraphView.load(store);
    expect(view.get(NIC_B.toLowerCase())?.properties['effectiveSecurityRules']).toBeUndefined();
    expect(view.get(NIC.toLowerCase())?.properties['effectiveSecurityRules']).toBeDefined();
    expect(view.get(VM)).toBeDefined();
  });

  it('is bounded by --max-effective-nics (the rest named in a warning) and skipped by --no-network-enrichment', async () => {
    const server = await serve();
    const warnings: string[] = [];
    await ingestAzureLive(
      await MemoryStore.open(),
      settingsFor(server, { networkEnrichment: { enabled: true, maxEffectiveNics: 1, pollIntervalInMs: 10 }, onWarning: (w) => warnings.push(w) }),
      { run: newRun() },
    );
    expect(posts(server)).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/effective security rules read for 1 of 2 internet-facing NICs/);
    const quiet = await serve();
    await ingestAzureLive(await MemoryStore.open(), settingsFor(quiet, { networkEnrichment: { enabled: false, maxEffectiveNics: 200 } }), { run: newRun() });
    expect(posts(quiet)).toHaveLength(0);
  });

  it("reads the cloud's service tags once (serviceTags.list), keeps base and estate-region tags as ServiceTag nodes", async () => {
    const base = await estate();
    const tagsPath = `/subscriptions/${SUB}/providers/Microsoft.Network/locations/westeurope/serviceTags`;
    const tag = (name: string, region: string, addressPrefixes: string[]) => ({ name, id: name, properties: { addressPrefixes, region, changeNumber: '4', systemService: '' } });
    const server = await startFakeArmServer({
      ...base,
      arm: {
        ...base.arm,
        [tagsPath]: {
          name: 'Public',
          id: tagsPath,
          type: 'Microsoft.Network/serviceTags',
          changeNumber: '92',
          cloud: 'Public',
          values: [tag('AzureCloud', '', ['20.0.0.0/11']), tag('AzureCloud.westeurope', 'westeurope', ['20.38.128.0/18']), tag('AzureCloud.eastus', 'eastus', ['20.42.0.0/16'])],
        },
      },
    });
    servers.push(server);
    const store = await MemoryStore.open();
    const result = await ingestAzureLive(store, settingsFor(server), { run: newRun() });
    expect(result.fetched.failures).toEqual([]);
    expect(server.requests.filter((r) => r.path === tagsPath.toLowerCase()).map((r) => r.method)).toEqual(['GET']);
    expect(await store.getNode('servicetag:azurecloud.westeurope')).toMatchObject({ kind: 'ServiceTag', properties: expect.objectContaining({ region: 'westeurope', addressPrefixes: ['20.38.128.0/18'], changeNumber: '92' }) });
    expect(await store.getNode('servicetag:azurecloud')).not.toBeNull();
    // Not a region of the estate: left out.
    expect(await store.getNode('servicetag:azurecloud.eastus')).toBeNull();
  });

  it('a failed service-tag call is reported with its source; the estate is stored and raw ranges stay raw', async () => {
    const server = await serve();
    server.addFault({ match: (r) => r.method === 'GET' && r.path.endsWith('/servicetags'), status: 403, code: 'AuthorizationFailed', times: Infinity });
    const store = await MemoryStore.open();
    const result = await ingestAzureLive(store, settingsFor(server), { run: newRun() });
    expect(result.fetched.failures).toEqual([expect.objectContaining({ subscriptionId: SUB, operation: 'network.serviceTags.list', status: 403 })]);
    const view = await GraphView.load(store);
    expect(view.get(VM)).toBeDefined();
    expect(view.ofKind('ServiceTag')).toEqual([]);
  });

  it('reads effective routes (202 + polling) onto the NIC; a default route to None closes the VM, to an appliance it is named', async () => {
    const base = await estate();
    const openHttps = effectiveAnswer(NIC, [ALLOW_HTTPS]);
    const routesPath = `${NIC}/effectiveRouteTable`.toLowerCase();
    const run = async (hop: { nextHopType: string; nextHopIpAddress: string[] }) => {
      const server = await startFakeArmServer({
        ...base,
        operations: {
          ...base.operations,
          [effectivePath(NIC)]: { result: openHttps },
          [routesPath]: {
            result: { value: [{ addressPrefix: ['10.0.0.0/16'], nextHopType: 'VnetLocal', nextHopIpAddress: [], source: 'Default', state: 'Active' }, { addressPrefix: ['0.0.0.0/0'], source: 'User', state: 'Active', ...hop }] },
            polls: 1,
          },
        },
      });
      servers.push(server);
      const store = await MemoryStore.open();
      const result = await ingestAzureLive(store, settingsFor(server), { run: newRun() });
      expect(result.fetched.failures).toEqual([]);
      expect(server.requests.filter((r) => r.path === routesPath).map((r) => [r.method, r.status])).toEqual([['POST', 202]]);
      const view = await GraphView.load(store);
      return { view, reach: analyzeView(view).edges.find((e) => e.kind === 'CAN_REACH' && e.to === VM) };
    };
    const dropped = await run({ nextHopType: 'None', nextHopIpAddress: [] });
    expect(dropped.view.get(NIC.toLowerCase())?.properties['effectiveRoutes']).toEqual([
      expect.objectContaining({ addressPrefix: ['10.0.0.0/16'], nextHopType: 'VnetLocal', source: 'Default' }),
      expect.objectContaining({ addressPrefix: ['0.0.0.0/0'], nextHopType: 'None', source: 'User' }),
    ]);
    expect(dropped.reach).toBeUndefined();
    const appliance = await run({ nextHopType: 'VirtualAppliance', nextHopIpAddress: ['10.0.9.4'] });
    const steps = (appliance.reach?.properties['evidence'] as { steps: string[] }).steps;
    expect(steps.join('\n')).toMatch(/effective route 0\.0\.0\.0\/0 → VirtualAppliance 10\.0\.9\.4 \(source User.*asymmetric routing/);
  });

  it("reads a Front Door Standard/Premium profile's security policies (@azure/arm-cdn) onto the profile", async () => {
    const contoso = await loadEstate();
    const sub = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
    const profile = `/subscriptions/${sub}/resourceGroups/rg-net-prod/providers/Microsoft.Cdn/profiles/afd-contoso`;
    const waf = `/subscriptions/${sub}/resourceGroups/rg-net-prod/providers/Microsoft.Network/frontDoorWebApplicationFirewallPolicies/wafContoso`;
    const server = await startFakeArmServer({
      ...contoso,
      arm: {
        ...contoso.arm,
        [`${profile}/securityPolicies`]: {
          value: [{ id: `${profile}/securityPolicies/sp-all`, name: 'sp-all', type: 'Microsoft.Cdn/profiles/securityPolicies', properties: { parameters: { type: 'WebApplicationFirewall', wafPolicy: { id: waf }, associations: [{ domains: [{ id: `${profile}/afdEndpoints/afd-contoso-ep` }], patternsToMatch: ['/*'] }] } } }],
        },
      },
    });
    servers.push(server);
    const store = await MemoryStore.open();
    const result = await ingestAzureLive(store, { ...fakeArmSettings(server, [sub], 2), networkEnrichment: { enabled: false, maxEffectiveNics: 0 } }, { run: newRun() });
    expect(result.fetched.failures).toEqual([]);
    expect((await store.getNode(profile.toLowerCase()))?.properties).toMatchObject({
      wafPolicyIds: [waf.toLowerCase()],
      securityPolicies: [{ name: 'sp-all', wafPolicyId: waf.toLowerCase(), domains: ['afd-contoso-ep'], patternsToMatch: ['/*'] }],
    });
  });

  it('a flexible scale set\'s instance NIC is read like a VM\'s; a uniform scale set is named once, its NSG rules kept', async () => {
    const base = await estate();
    const resources = base.tables['resources']!;
    const nic = resources.find((r) => r['type'] === 'microsoft.network/networkinterfaces' && String(r['id']).endsWith('nic-vm-inventory'))!;
    // Flexible orchestration: each instance is a VM with a standalone NIC, addressable by resource group and name.
    const flexNic = JSON.parse(JSON.stringify(nic).replaceAll('nic-vm-inventory', 'nic-web-flex_0a1b2c3d')) as Record<string, unknown>;
    (flexNic['properties'] as Record<string, unknown>)['virtualMachine'] = { id: `${RG}/Microsoft.Compute/virtualMachines/vmss-web-flex_0a1b2c3d` };
    const subnet = { id: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-app/subnets/snet-vm` };
    const scaleSet = (name: string, orchestrationMode?: string) => ({
      id: `${RG}/Microsoft.Compute/virtualMachineScaleSets/${name}`,
      name,
      type: 'microsoft.compute/virtualmachinescalesets',
      location: 'westeurope',
      sku: { name: 'Standard_B2s', capacity: 3 },
      properties: {
        ...(orchestrationMode ? { orchestrationMode } : {}),
        virtualMachineProfile: {
          networkProfile: {
            networkInterfaceConfigurations: [
              { name: 'nic', properties: { ipConfigurations: [{ name: 'ip', properties: { subnet, publicIPAddressConfiguration: { name: 'pip' } } }] } },
            ],
          },
        },
      },
    });
    const flexPath = effectivePath(String(flexNic['id']));
    const server = await startFakeArmServer({
      ...base,
      tables: { ...base.tables, resources: [...resources, flexNic, scaleSet('vmss-web-flex', 'Flexible'), scaleSet('vmss-batch'), scaleSet('vmss-api', 'Uniform')] },
      operations: {
        ...base.operations,
        [flexPath]: {
          result: effectiveAnswer(flexNic['id'], []),
          polls: 1,
        },
      },
    });
    servers.push(server);
    const warnings: string[] = [];
    const store = await MemoryStore.open();
    const result = await ingestAzureLive(store, settingsFor(server, { onWarning: (w) => warnings.push(w) }), { run: newRun() });
    expect(result.fetched.failures).toEqual([]);
    expect(posts(server).map((r) => r.path)).toContain(flexPath);
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === `${String(flexNic['id'])}/effectiveRouteTable`.toLowerCase())).toHaveLength(1);
    // No effective operation exists for uniform instance NICs: nothing is asked under a scale set.
    expect(server.requests.filter((r) => r.path.includes('/virtualmachinescalesets/'))).toEqual([]);
    const uniform = warnings.filter((w) => w.includes('not offered for uniform scale-set instances'));
    expect(uniform).toEqual([
      `${RG}/Microsoft.Compute/virtualMachineScaleSets/vmss-api: effective rules and routes are not offered for uniform scale-set instances; NSG rules evaluated from the export`,
      `${RG}/Microsoft.Compute/virtualMachineScaleSets/vmss-batch: effective rules and routes are not offered for uniform scale-set instances; NSG rules evaluated from the export`,
    ]);
    const view = await GraphView.load(store);
    expect(view.get(String(flexNic['id']).toLowerCase())?.properties['effectiveSecurityRules']).toBeDefined();
    expect(view.get(`${RG}/Microsoft.Compute/virtualMachineScaleSets/vmss-api`.toLowerCase())?.kind).toBe('VirtualMachineScaleSet');
  });

  it('reads the flags once: on by default, 200 NICs, a bad bound refused', () => {
    expect(readLiveConfig({}).networkEnrichment).toEqual({ enabled: true, maxEffectiveNics: 200 });
    expect(readLiveConfig({ networkEnrichment: false, maxEffectiveNics: '5' }).networkEnrichment).toEqual({ enabled: false, maxEffectiveNics: 5 });
    expect(() => readLiveConfig({ maxEffectiveNics: 'many' })).toThrow(ConfigError);
  });
});
