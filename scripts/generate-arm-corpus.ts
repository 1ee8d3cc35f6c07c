/**
 * Writes test/fixtures/arm-corpus: response bodies in the shapes Azure returns for every family apiposture reads,
 * each template in five forms (an ARM list's first page with its nextLink, its last page, a single GET, a Resource
 * Graph result, a bare array as `jq .value` leaves it), plus the everyday oddities of real exports. Deterministic:
 * rerun it after changing a template and review the diff. `node --import tsx scripts/generate-arm-corpus.ts`
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiId, apimId, TEMPLATES, type Ctx } from './arm-corpus/templates.js';

const ROOT = fileURLToPath(new URL('../test/fixtures/arm-corpus/', import.meta.url));
const SUB = 'b7c4a1e2-5d3f-4e6a-9b8c-7d6e5f4a3b21';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ctx = (n: string, full: boolean): Ctx => ({ sub: SUB, n, full });

/** Resource Graph's columns on top of the ARM body: lower-cased type, subscription, group and tenant. */
function graphRow(row: Record<string, unknown>): Record<string, unknown> {
  const id = String(row['id']);
  const group = /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
  return { ...row, type: String(row['type']).toLowerCase(), tenantId: TENANT, subscriptionId: SUB, resourceGroup: group.toLowerCase(), managedBy: '', zones: null, extendedLocation: null };
}

const files = new Map<string, unknown>();
for (const [family, templates] of Object.entries(TEMPLATES)) {
  for (const [name, make] of Object.entries(templates)) {
    const base = `https://management.azure.com/subscriptions/${SUB}/providers/x?api-version=2023-05-01`;
    files.set(`${family}/${name}.list-page-1.json`, { value: [make(ctx('p1-a', true)), make(ctx('p1-b', false))], nextLink: `${base}&$skiptoken=${name}` });
    files.set(`${family}/${name}.list-page-2.json`, { value: [make(ctx('p2-a', false))], nextLink: null });
    files.set(`${family}/${name}.get.json`, make(ctx('get', true)));
    const graph = [make(ctx('rg-a', true)), make(ctx('rg-b', false))].map(graphRow);
    files.set(`${family}/${name}.resourcegraph.json`, { totalRecords: graph.length, count: graph.length, data: graph, facets: [], resultTruncated: 'false' });
    files.set(`${family}/${name}.array.json`, [make(ctx('arr', false))]);
  }
}

// The oddities real exports carry.
const odd = ctx('odd', true);
const publicIp = TEMPLATES['network']!['public-ip']!;
const { type: _type, ...untyped } = publicIp(ctx('odd-untyped', true));
files.set('network/public-ips.row-without-type.json', { value: [publicIp(odd), untyped] });
files.set('network/subnets.row-without-id.json', { value: [{ name: 'snet-orphan', properties: { addressPrefix: '10.99.0.0/24', provisioningState: 'Succeeded' } }] });
// A load balancer's NIC list in Microsoft's example names the NICs' IP configurations only: no id, no type.
files.set('network/load-balancer-nics.json', { value: [{ name: 'nic-lb-1', location: 'westeurope', properties: { ipConfigurations: [{ name: 'ipconfig1', properties: { privateIPAddress: '10.20.1.5' } }] } }] });
files.set('web/auth-settings-v2.versioned-type.json', { ...TEMPLATES['web']!['auth-settings-v2']!(odd), type: 'Microsoft.Web/sites/authsettingsV2' });
files.set('web/function-app.odd.json', TEMPLATES['web']!['function-app']!(odd));
files.set('web/web-app.odd.json', TEMPLATES['web']!['web-app']!(odd));
files.set('data/storage.empty-list.json', { value: [] });
files.set('apim/operation-policy.operation-absent.json', {
  value: [{ id: `${apiId(odd)}/operations/not-exported/policies/policy`, type: 'Microsoft.ApiManagement/service/apis/operations/policies', name: 'policy', properties: { format: 'rawxml', value: '<policies><inbound><base /></inbound></policies>' } }],
});
files.set('apim/service-policy.json', { id: `${apimId(ctx('get', true))}/policies/policy`, type: 'Microsoft.ApiManagement/service/policies', name: 'policy', properties: { format: 'xml', value: '<policies><inbound><cors><allowed-origins><origin>*</origin></allowed-origins></cors></inbound><backend><forward-request /></backend><outbound /><on-error /></policies>' } });
files.set('identity/subscriptions.resourcecontainers.json', {
  totalRecords: 1,
  count: 1,
  data: [{ id: `/subscriptions/${SUB}`, name: 'Contoso Production', type: 'microsoft.resources/subscriptions', tenantId: TENANT, subscriptionId: SUB, properties: { state: 'Enabled', subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' }, managementGroupAncestorsChain: [{ name: 'mg-prod', displayName: 'Production' }, { name: TENANT, displayName: 'Tenant Root Group' }] } }],
  facets: [],
  resultTruncated: 'false',
});
files.set('identity/management-groups.resourcecontainers.json', {
  totalRecords: 1,
  count: 1,
  data: [{ id: '/providers/Microsoft.Management/managementGroups/mg-prod', name: 'mg-prod', type: 'microsoft.management/managementgroups', tenantId: TENANT, properties: { displayName: 'Production', details: { parent: { id: `/providers/Microsoft.Management/managementGroups/${TENANT}` } } } }],
  facets: [],
  resultTruncated: 'false',
});
const logicRg = `/subscriptions/${SUB}/resourceGroups/rg-logic/providers/Microsoft.Logic/workflows`;
files.set('logic/workflow-runs.json', { value: [{ id: `${logicRg}/la-get/runs/08585`, name: '08585', type: 'Microsoft.Logic/workflows/runs', properties: { status: 'Succeeded', startTime: '2025-05-14T09:21:07Z' } }] });
const containerApp = TEMPLATES['compute']!['container-app']!(ctx('odd-internal', false));
const appProperties = containerApp['properties'] as Record<string, unknown>;
files.set('compute/container-app.no-ingress.json', { ...containerApp, properties: { ...appProperties, configuration: { activeRevisionsMode: 'Single', ingress: null, secrets: null } } });
const revision = TEMPLATES['apim']!['api']!(ctx('get', true));
files.set('apim/api.revision.json', { ...revision, id: `${apiId(ctx('get', true))};rev=2`, name: 'orders-get;rev=2', properties: { ...(revision['properties'] as object), apiRevision: '2', isCurrent: false } });
const vault = TEMPLATES['data']!['key-vault']!(ctx('odd-policies', true));
files.set('data/key-vault.access-policies.json', {
  ...vault,
  properties: {
    ...(vault['properties'] as object),
    enableRbacAuthorization: false,
    accessPolicies: [{ tenantId: TENANT, objectId: '25cc9f6b-1e2d-4c3b-8a4f-5e6d7c8b9a01', permissions: { keys: [], secrets: ['get', 'list'], certificates: [] } }],
  },
});

await rm(ROOT, { recursive: true, force: true });
for (const [path, body] of files) {
  await mkdir(dirname(join(ROOT, path)), { recursive: true });
  await writeFile(join(ROOT, path), `${JSON.stringify(body, null, 2)}\n`);
}
process.stdout.write(`wrote ${files.size} files under ${ROOT}\n`);
