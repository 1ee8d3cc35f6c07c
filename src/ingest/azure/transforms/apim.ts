import { InputError } from '../../../util/errors.js';
import type { ArmRow } from '../arm-row.js';
import { ancestorId, lastSegment, normalizeId, parentId } from '../../../model/arm-ids.js';
import {
  azureProperties,
  identities,
  resourceNode,
  type NodeRef,
  type TransformOutput,
  type TransformTable,
} from '../transform.js';
import { at, bool, obj, objects, str, strs } from '../../../util/json.js';
import { credentialFreeUrl } from '../../../traffic/redact.js';
import { policyTransform, transformNamedValue, transformPolicyFragment } from './apim-policies.js';

const SERVICE = 'microsoft.apimanagement/service';

function serviceIdOf(row: ArmRow): string {
  const id = ancestorId(row.id, 'service');
  if (!id) {
    throw new InputError({ file: row.file, index: row.index }, `${row.id} is not under an API Management service`);
  }
  return id;
}

function transformService(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const proxyHosts = objects(p['hostnameConfigurations'])
    .filter((h) => str(h['type']) === 'Proxy')
    .map((h) => str(h['hostName']))
    .filter((h): h is string => h !== undefined)
    .map((h) => h.toLowerCase());
  const gatewayUrl = str(p['gatewayUrl']);
  const gatewayHost = gatewayUrl ? new URL(gatewayUrl).hostname.toLowerCase() : null;
  const hostNames = [...new Set([...(gatewayHost ? [gatewayHost] : []), ...proxyHosts])];
  const gateway = resourceNode(row, out, 'ApiGateway', {
    gatewayUrl,
    hostNames,
    skuName: str(row.sku?.['name']),
    virtualNetworkType: str(p['virtualNetworkType']) ?? 'None',
    publicIpAddresses: strs(p['publicIPAddresses']) ?? [],
    privateIpAddresses: strs(p['privateIPAddresses']) ?? [],
    subnetId: str(at(p, 'virtualNetworkConfiguration', 'subnetResourceId'))?.toLowerCase(),
    publicNetworkAccess: str(p['publicNetworkAccess']),
    customProperties: obj(p['customProperties']) as Record<string, string> | undefined,
  });
  identities(row, out, gateway);
}

function transformApi(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  // Only the current revision is the API callers reach; other revisions are named `api;rev=N`.
  if (bool(p['isCurrent']) === false || row.name.includes(';rev=')) return;
  const serviceId = serviceIdOf(row);
  const api = out.node('Api', row.id, {
    ...azureProperties(row),
    apiSource: 'apim',
    displayName: str(p['displayName']),
    path: str(p['path']) ?? '',
    serviceUrl: credentialFreeUrl(p['serviceUrl']),
    protocols: (strs(p['protocols']) ?? ['https']).map((x) => x.toLowerCase()),
    // Absent in list output: the service default is that a subscription key is required.
    subscriptionRequired: bool(p['subscriptionRequired']) ?? true,
    apiRevision: str(p['apiRevision']),
    isCurrent: bool(p['isCurrent']) ?? true,
  });
  out.edge('CONTAINS', { id: serviceId, kind: 'ApiGateway' }, api, { subscriptionId: row.subscriptionId ?? undefined });
}

function transformOperation(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const method = str(p['method']);
  const urlTemplate = str(p['urlTemplate']);
  if (!method || !urlTemplate) {
    throw new InputError({ file: row.file, index: row.index }, `operation ${row.id} without "method" or "urlTemplate"`);
  }
  const endpoint = out.node('ApiEndpoint', row.id, {
    ...azureProperties(row),
    endpointSource: 'apim',
    method: method.toUpperCase(),
    urlTemplate,
  });
  out.edge('CONTAINS', { id: parentId(row.id), kind: 'Api' }, endpoint, {
    subscriptionId: row.subscriptionId ?? undefined,
  });
}

const scopeOf = (row: ArmRow) => ({ subscriptionId: row.subscriptionId ?? undefined });
const gatewayOf = (row: ArmRow): NodeRef => ({ id: serviceIdOf(row), kind: 'ApiGateway' });

function transformBackend(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  // Portal imports store the management URL form (https://management.azure.com/subscriptions/…): normalizeId
  // strips the host. A resourceId that is no ARM id (a Service Fabric or other URL) is not kept.
  const resourceId = str(p['resourceId']);
  const backendResourceId = resourceId ? normalizeId(resourceId) : undefined;
  const backend = out.node('ApiBackend', row.id, {
    ...azureProperties(row),
    url: credentialFreeUrl(p['url']),
    protocol: str(p['protocol']),
    backendResourceId: backendResourceId?.startsWith('/subscriptions/') ? backendResourceId : undefined,
    // `credentials` (x-functions-key headers, query keys, authorization) holds secrets or named-value references:
    // never read.
  });
  out.edge('CONTAINS', gatewayOf(row), backend, scopeOf(row));
}

function transformProduct(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const product = out.node('ApiProduct', row.id, {
    ...azureProperties(row),
    displayName: str(p['displayName']),
    // Omitted, it is true (ProductContract): a product is "protected" unless it says otherwise.
    subscriptionRequired: bool(p['subscriptionRequired']) ?? true,
    approvalRequired: bool(p['approvalRequired']),
    state: str(p['state']),
  });
  out.edge('CONTAINS', gatewayOf(row), product, scopeOf(row));
}

function linkProductApi(row: ArmRow, out: TransformOutput, productId: string, apiId: string): void {
  const api: NodeRef = { id: apiId, kind: 'Api' };
  out.edge('INCLUDES', { id: productId, kind: 'ApiProduct' }, api, scopeOf(row));
  out.append(api, 'productIds', productId);
}

/**
 * `…/products/<p>/apis/<a>`: ARM lists the product's APIs with the API contract under the product path; the API's
 * own id is `…/apis/<a>` beside `products` (in the service or in the workspace).
 */
function transformProductApi(row: ArmRow, out: TransformOutput): void {
  const productId = parentId(row.id);
  linkProductApi(row, out, productId, `${parentId(productId)}/apis/${lastSegment(row.id)}`);
}

/** `…/products/<p>/apiLinks/<l>` (workspace-era contract): the link names the API by `properties.apiId`. */
function transformProductApiLink(row: ArmRow, out: TransformOutput): void {
  const apiId = str(row.properties['apiId']);
  if (!apiId) {
    throw new InputError({ file: row.file, index: row.index }, `product API link ${row.id} without "properties.apiId"`);
  }
  linkProductApi(row, out, parentId(row.id), normalizeId(apiId));
}

/** Subscription scopes and owners come relative (`/apis`, `/apis/<a>`, `/products/<p>`, `/users/<u>`) or as full ids. */
function fullId(container: string, reference: string): string {
  const id = normalizeId(reference);
  return id.startsWith('/subscriptions/') ? id : `${container}/${id.replace(/^\/+/, '')}`;
}

function transformApimSubscription(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const scope = str(p['scope']);
  if (!scope) {
    throw new InputError(
      { file: row.file, index: row.index },
      `API Management subscription ${row.id} without "properties.scope"`,
    );
  }
  const ownerId = str(p['ownerId']);
  const subscription = out.node('ApiSubscription', row.id, {
    ...azureProperties(row),
    // Relative to the subscription's container: the service, or the workspace for a workspace subscription.
    scope: fullId(parentId(row.id), scope),
    state: str(p['state']),
    ownerId: ownerId ? fullId(serviceIdOf(row), ownerId) : undefined,
    // primaryKey / secondaryKey are never read, even when an export of listSecrets put them in the row.
  });
  out.edge('CONTAINS', gatewayOf(row), subscription, scopeOf(row));
}

/** Child types that exist both in the service and in its workspaces (`…/service/<s>/workspaces/<w>/…`). */
function withWorkspaces(table: TransformTable): TransformTable {
  const entries = Object.entries(table).flatMap(([child, transform]) => [
    [`${SERVICE}/${child}`, transform],
    [`${SERVICE}/workspaces/${child}`, transform],
  ]);
  return Object.fromEntries(entries) as TransformTable;
}

/** `…/service/<s>/workspaces/<w>`: the workspace its policy, fragments and named values hang from. */
function transformWorkspace(row: ArmRow, out: TransformOutput): void {
  const workspace = out.node('ApiWorkspace', row.id, {
    ...azureProperties(row),
    displayName: str(row.properties['displayName']),
  });
  out.edge('CONTAINS', gatewayOf(row), workspace, scopeOf(row));
}

const workspaceOf = (row: ArmRow): NodeRef => ({ id: ancestorId(row.id, 'workspaces') ?? parentId(row.id), kind: 'ApiWorkspace' });

export const APIM_TRANSFORMS: TransformTable = {
  [SERVICE]: transformService,
  [`${SERVICE}/policies`]: policyTransform('ApiGateway'),
  [`${SERVICE}/policyfragments`]: (row, out) => transformPolicyFragment(row, out, gatewayOf(row)),
  [`${SERVICE}/namedvalues`]: (row, out) => transformNamedValue(row, out, gatewayOf(row)),
  // Workspace fragments and named values belong to the workspace: its policies resolve them first.
  [`${SERVICE}/workspaces`]: transformWorkspace,
  [`${SERVICE}/workspaces/policies`]: policyTransform('ApiWorkspace'),
  [`${SERVICE}/workspaces/policyfragments`]: (row, out) => transformPolicyFragment(row, out, workspaceOf(row)),
  [`${SERVICE}/workspaces/namedvalues`]: (row, out) => transformNamedValue(row, out, workspaceOf(row)),
  ...withWorkspaces({
    apis: transformApi,
    'apis/operations': transformOperation,
    'apis/policies': policyTransform('Api'),
    'apis/operations/policies': policyTransform('ApiEndpoint'),
    products: transformProduct,
    'products/policies': policyTransform('ApiProduct'),
    'products/apis': transformProductApi,
    'products/apilinks': transformProductApiLink,
    backends: transformBackend,
    subscriptions: transformApimSubscription,
  }),
};
