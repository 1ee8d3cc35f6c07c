import { describe, expect, it } from 'vitest';
import { resolveType, TYPE_ALIASES, typeFromId } from '../../src/ingest/azure/resource-type.js';
import type { InputRow } from '../../src/util/input/rows.js';
import { transformResourceRows } from '../../src/ingest/pipeline.js';
import { InputError } from '../../src/util/errors.js';

const SUB = '6a1f3c2e-0b4d-4e8a-9c7f-2d5e8b1a4c90';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-web`;
const rows = (file: string, values: Record<string, unknown>[]): InputRow[] => values.map((value, index) => ({ file, index, value }));

describe('typeFromId', () => {
  it.each([
    [`${RG}/providers/Microsoft.Web/sites/app`, 'microsoft.web/sites'],
    [`${RG}/providers/Microsoft.Web/sites/app/config/authsettingsV2`, 'microsoft.web/sites/config'],
    [`${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet`, 'microsoft.network/virtualnetworks/subnets'],
    [`${RG}/providers/Microsoft.ApiManagement/service/apim/apis/orders/operations/get`, 'microsoft.apimanagement/service/apis/operations'],
    // An extension resource: the last provider names it.
    [`${RG}/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/roleAssignments/ra1`, 'microsoft.authorization/roleassignments'],
    [`/providers/Microsoft.Management/managementGroups/mg-root`, 'microsoft.management/managementgroups'],
    [`/subscriptions/${SUB}`, 'microsoft.resources/subscriptions'],
    [RG, 'microsoft.resources/subscriptions/resourcegroups'],
  ])('%s is a %s', (id, type) => {
    expect(typeFromId(id.toLowerCase())).toBe(type);
  });

  it.each(['', 'not-an-id', `${RG}/providers/Microsoft.Web`, `${RG}/providers/Microsoft.Web/sites`, '/tenants/x'])('%j names no type', (id) => {
    expect(typeFromId(id.toLowerCase())).toBeNull();
  });
});

describe('resolveType', () => {
  const ids: Record<string, string> = {
    'microsoft.network/frontdoor': `${RG}/providers/Microsoft.Network/frontDoors/fd-classic`,
    'microsoft.web/sites/authsettingsv2': `${RG}/providers/Microsoft.Web/sites/app/config/authsettingsV2`,
    'microsoft.web/sites/config/authsettingsv2': `${RG}/providers/Microsoft.Web/sites/app/config/authsettingsV2`,
    'microsoft.web/sites/slots/authsettingsv2': `${RG}/providers/Microsoft.Web/sites/app/slots/staging/config/authsettingsV2`,
    'microsoft.network/subnets': `${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet`,
    'microsoft.resources/resourcegroups': RG,
  };

  it('has a test id for every alias in the table', () => {
    expect(Object.keys(ids).sort()).toEqual(Object.keys(TYPE_ALIASES).sort());
  });

  it.each(Object.entries(TYPE_ALIASES))('reads alias %s as %s', (alias, canonical) => {
    expect(resolveType(alias, ids[alias]!.toLowerCase())).toEqual({ type: canonical, source: 'alias' });
    // Azure's own capitalisation of the alias is the same alias.
    expect(resolveType(alias.toUpperCase(), ids[alias]!.toLowerCase())).toEqual({ type: canonical, source: 'alias' });
  });

  it('takes the type from the id when the row has none', () => {
    expect(resolveType(null, `${RG}/providers/microsoft.network/applicationgateways/agw`.toLowerCase())).toEqual({ type: 'microsoft.network/applicationgateways', source: 'id' });
    expect(resolveType(null, 'no-id-shape')).toBeNull();
  });

  it('normalises case and singular/plural segments, and keeps a type that names something else', () => {
    const id = `${RG}/providers/Microsoft.Network/networkInterfaces/nic`.toLowerCase();
    expect(resolveType('Microsoft.Network/networkInterfaces', id)).toEqual({ type: 'microsoft.network/networkinterfaces', source: 'given' });
    expect(resolveType('Microsoft.Network/networkInterface', id)).toEqual({ type: 'microsoft.network/networkinterfaces', source: 'alias' });
    expect(resolveType('Microsoft.Compute/disks', id)).toEqual({ type: 'microsoft.compute/disks', source: 'given' });
  });
});

describe('rows typed from their id, and rows that cannot be placed', () => {
  it('reads a Front Door row that says frontDoor, an EasyAuth v2 row named by its version, and a standalone subnet', async () => {
    const result = await transformResourceRows(
      rows('mixed.json', [
        { id: `${RG}/providers/Microsoft.Web/sites/app`, type: 'Microsoft.Web/sites', kind: 'app', location: 'westeurope', properties: { httpsOnly: true } },
        {
          id: `${RG}/providers/Microsoft.Web/sites/app/config/authsettingsV2`,
          name: 'authsettingsV2',
          type: 'Microsoft.Web/sites/authsettingsV2',
          properties: {
            platform: { enabled: true },
            globalValidation: { requireAuthentication: true, unauthenticatedClientAction: 'Return401' },
            identityProviders: { azureActiveDirectory: { enabled: true, registration: { clientId: 'c' } }, facebook: { enabled: false } },
          },
        },
        { id: `${RG}/providers/Microsoft.Network/frontdoors/fd-classic`, name: 'fd-classic', type: 'Microsoft.Network/frontDoor', location: 'Global', properties: {} },
        { id: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-app`, name: 'snet-app', properties: { addressPrefix: '10.1.2.0/24' } },
      ]),
      { source: 'azure-export' },
    );
    expect(result.unknownTypes).toEqual({});
    expect(result.typedFromId).toBe(3);
    const byId = new Map(result.nodes.map((n) => [n.id, n]));
    const site = byId.get(`${RG}/providers/microsoft.web/sites/app`.toLowerCase());
    expect(site?.properties['authSettings']).toEqual({
      platformEnabled: true,
      requireAuthentication: true,
      unauthenticatedClientAction: 'Return401',
      identityProviders: ['azureActiveDirectory'],
    });
    expect(byId.get(`${RG}/providers/microsoft.network/frontdoors/fd-classic`.toLowerCase())?.kind).toBe('FrontDoor');
    const subnet = byId.get(`${RG}/providers/microsoft.network/virtualnetworks/vnet/subnets/snet-app`.toLowerCase());
    expect(subnet).toMatchObject({ kind: 'Subnet', properties: { name: 'snet-app', addressPrefix: '10.1.2.0/24' } });
  });

  it('skips a row without id by default, naming file, row and reason, and keeps stale data of the subscriptions it could be', async () => {
    const site = (name: string, sub = SUB) => ({ id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Web/sites/${name}`, type: 'Microsoft.Web/sites', properties: {} });
    const other = '0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a';
    const result = await transformResourceRows(
      [
        ...rows('a.json', [site('one'), { name: 'gw-row', type: 'Microsoft.Network/applicationGateways', properties: {} }]),
        ...rows('b.json', [site('two', other)]),
      ],
      { source: 'azure-export' },
    );
    expect(result.skippedRows).toEqual([{ file: 'a.json', index: 1, reason: 'resource row "gw-row" without "id": it cannot be placed' }]);
    expect(result.subscriptions).toEqual([other, SUB].sort());
    // Only a.json's subscription could own the row: b.json's subscription is still cleaned.
    expect(result.keepStale).toEqual([SUB]);
    const inOwnFile = await transformResourceRows(rows('c.json', [{ subscriptionId: other.toUpperCase(), type: 'Microsoft.Web/sites' }, site('three')]), { source: 'azure-export' });
    expect(inOwnFile.keepStale).toEqual([other]);
    const alone = await transformResourceRows([...rows('d.json', [{ type: 'Microsoft.Web/sites' }]), ...rows('e.json', [site('four'), site('five', other)])], { source: 'azure-export' });
    expect(alone.keepStale).toEqual([other, SUB].sort());
  });

  it('fails a strict run on the first row that cannot be placed', async () => {
    const run = transformResourceRows(rows('a.json', [{ name: 'x', type: 'Microsoft.Web/sites' }]), { source: 'azure-export', strict: true });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow('a.json (row 0): resource row "x" without "id": it cannot be placed');
  });

  it('still fails on a row that can be placed but is malformed', async () => {
    const run = transformResourceRows(rows('a.json', [{ id: `${RG}/providers/Microsoft.Web/sites/app`, type: 'Microsoft.Web/sites', properties: [] }]), { source: 'azure-export' });
    await expect(run).rejects.toThrow(/a\.json \(row 0\): resource .* "properties" is not an object/);
  });
});
