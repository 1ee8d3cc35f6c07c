import { InputError } from '../../../util/errors.js';
import type { ArmRow } from '../arm-row.js';
import { ancestorId, parentId } from '../ids.js';
import { azureProperties, identities, resourceNode, type TransformOutput, type TransformTable } from '../transform.js';
import { at, bool, obj, objects, str, strs } from '../values.js';

const SERVICE = 'microsoft.apimanagement/service';

function serviceIdOf(row: ArmRow): string {
  const id = ancestorId(row.id, 'service');
  if (!id) throw new InputError({ file: row.file, index: row.index }, `${row.id} is not under an API Management service`);
  return id;
}

function transformService(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const proxyHosts = objects(p['hostnameConfigurations'])
    .filter((h) => str(h['type']) === 'Proxy')
    .map((h) => str(h['hostName']))
    .filter((h): h is string => h !== null)
    .map((h) => h.toLowerCase());
  const gatewayUrl = str(p['gatewayUrl']);
  const gatewayHost = gatewayUrl ? new URL(gatewayUrl).hostname.toLowerCase() : null;
  const hostNames = [...new Set([...(gatewayHost ? [gatewayHost] : []), ...proxyHosts])];
  const gateway = resourceNode(row, out, 'ApiGateway', {
    gatewayUrl: gatewayUrl ?? undefined,
    hostNames,
    skuName: str(row.sku?.['name']) ?? undefined,
    virtualNetworkType: str(p['virtualNetworkType']) ?? 'None',
    publicIpAddresses: strs(p['publicIPAddresses']) ?? [],
    privateIpAddresses: strs(p['privateIPAddresses']) ?? [],
    subnetId: str(at(p, 'virtualNetworkConfiguration', 'subnetResourceId'))?.toLowerCase() ?? undefined,
    publicNetworkAccess: str(p['publicNetworkAccess']) ?? undefined,
    customProperties: obj(p['customProperties']) as Record<string, string> | null ?? undefined,
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
    displayName: str(p['displayName']) ?? undefined,
    path: str(p['path']) ?? '',
    serviceUrl: str(p['serviceUrl']) ?? undefined,
    protocols: (strs(p['protocols']) ?? ['https']).map((x) => x.toLowerCase()),
    // Absent in list output: the service default is that a subscription key is required.
    subscriptionRequired: bool(p['subscriptionRequired']) ?? true,
    apiRevision: str(p['apiRevision']) ?? undefined,
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
  out.edge('CONTAINS', { id: parentId(row.id), kind: 'Api' }, endpoint, { subscriptionId: row.subscriptionId ?? undefined });
}

export const APIM_TRANSFORMS: TransformTable = {
  [SERVICE]: transformService,
  [`${SERVICE}/apis`]: transformApi,
  [`${SERVICE}/workspaces/apis`]: transformApi,
  [`${SERVICE}/apis/operations`]: transformOperation,
  [`${SERVICE}/workspaces/apis/operations`]: transformOperation,
};
