import { describe, expect, it } from 'vitest';
import { GraphView } from '../../../src/analysis/graph-view.js';
import { deriveRoutes } from '../../../src/analysis/derive/routes.js';
import { transformResourceRows } from '../../../src/ingest/pipeline.js';

const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-prod/providers`;
const SVC = `${RG}/Microsoft.ApiManagement/service/apim-prod`;

const policy = (inbound: string) =>
  `<policies><inbound><base />${inbound}</inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>`;

function rows() {
  const values = [
    {
      id: SVC,
      type: 'microsoft.apimanagement/service',
      name: 'apim-prod',
      properties: { gatewayUrl: 'https://apim-prod.azure-api.net', virtualNetworkType: 'None' },
    },
    {
      id: `${SVC}/apis/orders`,
      type: 'Microsoft.ApiManagement/service/apis',
      name: 'orders',
      properties: { path: 'orders', serviceUrl: 'https://legacy.contoso.example/api' },
    },
    {
      id: `${SVC}/apis/orders/operations/get`,
      type: 'Microsoft.ApiManagement/service/apis/operations',
      name: 'get',
      properties: { method: 'GET', urlTemplate: '/o/{id}' },
    },
    {
      id: `${SVC}/apis/orders/operations/post`,
      type: 'Microsoft.ApiManagement/service/apis/operations',
      name: 'post',
      properties: { method: 'POST', urlTemplate: '/o' },
    },
    {
      id: `${SVC}/apis/orders/operations/post/policies/policy`,
      type: 'Microsoft.ApiManagement/service/apis/operations/policies',
      name: 'policy',
      properties: { format: 'rawxml', value: policy('<set-backend-service backend-id="fn" />') },
    },
    {
      id: `${SVC}/backends/fn`,
      type: 'Microsoft.ApiManagement/service/backends',
      name: 'fn',
      properties: {
        url: 'https://fn-orders.azurewebsites.net/api',
        protocol: 'http',
        resourceId: `https://management.azure.com${RG}/Microsoft.Web/sites/fn-orders`,
      },
    },
    {
      id: `${SVC}/apis/inventory`,
      type: 'Microsoft.ApiManagement/service/apis',
      name: 'inventory',
      properties: { path: 'inv', serviceUrl: 'http://20.1.2.3/inventory' },
    },
    {
      id: `${SVC}/apis/inventory/operations/list`,
      type: 'Microsoft.ApiManagement/service/apis/operations',
      name: 'list',
      properties: { method: 'GET', urlTemplate: '/items' },
    },
    {
      id: `${RG}/Microsoft.Web/sites/fn-orders`,
      type: 'microsoft.web/sites',
      kind: 'functionapp',
      name: 'fn-orders',
      properties: { defaultHostName: 'fn-orders.azurewebsites.net' },
    },
    {
      id: `${RG}/Microsoft.Web/sites/fn-orders/functions/hello`,
      type: 'Microsoft.Web/sites/functions',
      name: 'fn-orders/hello',
      properties: {
        config: { bindings: [{ type: 'httpTrigger', direction: 'in', authLevel: 'anonymous', methods: ['get'] }] },
      },
    },
    {
      id: `${RG}/Microsoft.Network/publicIPAddresses/pip-vm`,
      type: 'microsoft.network/publicipaddresses',
      name: 'pip-vm',
      sku: { name: 'Standard' },
      properties: {
        ipAddress: '20.1.2.3',
        ipConfiguration: { id: `${RG}/Microsoft.Network/networkInterfaces/nic-vm/ipConfigurations/ipconfig1` },
      },
    },
    {
      id: `${RG}/Microsoft.Network/networkInterfaces/nic-vm`,
      type: 'microsoft.network/networkinterfaces',
      name: 'nic-vm',
      properties: {
        virtualMachine: { id: `${RG}/Microsoft.Compute/virtualMachines/vm-legacy` },
        ipConfigurations: [{ name: 'ipconfig1', properties: { privateIPAddress: '10.0.0.4' } }],
      },
    },
    {
      id: `${RG}/Microsoft.Compute/virtualMachines/vm-legacy`,
      type: 'microsoft.compute/virtualmachines',
      name: 'vm-legacy',
      properties: { hardwareProfile: { vmSize: 'Standard_B2s' } },
    },
  ];
  return values.map((value, index) => ({ file: 'inline.json', index, value: value as Record<string, unknown> }));
}

describe('ROUTES_TO', () => {
  it('follows set-backend-service, serviceUrl and public IPs to the backend, and names outside hosts', async () => {
    const { nodes, edges } = await transformResourceRows(rows(), { source: 'azure-export' });
    const result = deriveRoutes(GraphView.of(nodes, edges));
    const routes = result.edges.map((e) => [e.from.split('/').pop(), e.to.split('/').pop(), e.toKind]);
    // In endpoint id order: deterministic on every run.
    expect(routes).toEqual([
      ['list', 'vm-legacy', 'VirtualMachine'],
      ['get', 'host:legacy.contoso.example', 'ExternalHost'],
      ['post', 'fn-orders', 'FunctionApp'],
      ['hello', 'fn-orders', 'FunctionApp'],
    ]);
    const byFrom = new Map(result.edges.map((e) => [e.from.split('/').pop(), e.properties['resolvedBy']]));
    expect(byFrom.get('post')).toMatch(/set-backend-service backend-id="fn" \(operation policy\) → backend resourceId/);
    expect(byFrom.get('list')).toMatch(/serviceUrl.*public IP pip-vm attached to VirtualMachine vm-legacy/);
    expect(result.externalHosts.map((n) => n.id)).toEqual(['host:legacy.contoso.example']);
    expect(result.problems).toEqual([]);
  });
});

describe('ROUTES_TO with a host claimed twice', () => {
  it('resolves within the endpoint’s own subscription first', async () => {
    const site = (sub: string) => ({
      id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Web/sites/fn-shared`,
      type: 'microsoft.web/sites',
      kind: 'functionapp',
      name: 'fn-shared',
      properties: { defaultHostName: 'fn-shared.azurewebsites.net' },
    });
    const svc = `/subscriptions/bbbbbbbb-0000-0000-0000-000000000002/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim-b`;
    const values = [
      site('aaaaaaaa-0000-0000-0000-000000000001'),
      site('bbbbbbbb-0000-0000-0000-000000000002'),
      {
        id: svc,
        type: 'microsoft.apimanagement/service',
        name: 'apim-b',
        properties: { gatewayUrl: 'https://apim-b.azure-api.net' },
      },
      {
        id: `${svc}/apis/a`,
        type: 'Microsoft.ApiManagement/service/apis',
        name: 'a',
        properties: { path: 'a', serviceUrl: 'https://fn-shared.azurewebsites.net/api' },
      },
      {
        id: `${svc}/apis/a/operations/op`,
        type: 'Microsoft.ApiManagement/service/apis/operations',
        name: 'op',
        properties: { method: 'GET', urlTemplate: '/x' },
      },
    ];
    const { nodes, edges } = await transformResourceRows(
      values.map((value, index) => ({ file: 'inline.json', index, value: value as Record<string, unknown> })),
      { source: 'azure-export' },
    );
    const route = deriveRoutes(GraphView.of(nodes, edges)).edges.find((e) => e.from.endsWith('/operations/op'));
    expect(route?.to).toBe(
      '/subscriptions/bbbbbbbb-0000-0000-0000-000000000002/resourcegroups/rg/providers/microsoft.web/sites/fn-shared',
    );
  });
});
