import type { NodeKind } from '../../../model/index.js';
import { InputError } from '../../../util/errors.js';
import type { ArmRow } from '../arm-row.js';
import { ancestorId } from '../ids.js';
import { azureProperties, identities, resourceNode, type NodeRef, type TransformOutput, type TransformTable } from '../transform.js';
import { at, bool, objects, str, strs } from '../values.js';

const SITES = 'microsoft.web/sites';

/** App Service `kind` decides what a site is: `functionapp…` is a Function App, `…workflowapp` a Logic App (Standard). */
export function siteKind(kind: string | null): NodeKind {
  const k = kind ?? '';
  if (k.includes('workflowapp')) return 'LogicApp';
  if (k.includes('functionapp')) return 'FunctionApp';
  return 'WebApp';
}

/** The HTTP API collection of a Function App: the parent of its HTTP-triggered functions. */
export function functionApiId(siteId: string): string {
  return `${siteId}/apis/http`;
}

function transformSite(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const kind = siteKind(row.kind);
  const hostNames = [...new Set([...(strs(p['hostNames']) ?? []), ...(strs(p['enabledHostNames']) ?? [])].map((h) => h.toLowerCase()))];
  const outbound = str(p['outboundIpAddresses']);
  const site = resourceNode(row, out, kind, {
    kindText: row.kind ?? undefined,
    defaultHostName: str(p['defaultHostName'])?.toLowerCase() ?? undefined,
    hostNames,
    httpsOnly: bool(p['httpsOnly']) ?? false,
    minTlsVersion: str(at(p, 'siteConfig', 'minTlsVersion')) ?? undefined,
    publicNetworkAccess: str(p['publicNetworkAccess']) ?? undefined,
    virtualNetworkSubnetId: str(p['virtualNetworkSubnetId'])?.toLowerCase() ?? undefined,
    outboundIpAddresses: outbound ? outbound.split(',').map((x) => x.trim()).filter(Boolean) : undefined,
    ...(kind === 'LogicApp' ? { logicAppPlan: 'standard', state: str(p['state']) ?? undefined } : {}),
  });
  identities(row, out, site);
}

/** `Microsoft.Web/sites/functions`: only HTTP-triggered functions are API endpoints. */
function transformFunction(row: ArmRow, out: TransformOutput): void {
  const siteId = ancestorId(row.id, 'sites');
  if (!siteId) throw new InputError({ file: row.file, index: row.index }, `${row.id} is not under a site`);
  const bindings = objects(at(row.properties, 'config', 'bindings'));
  const trigger = bindings.find((b) => (str(b['type']) ?? '').toLowerCase() === 'httptrigger');
  if (!trigger) return;
  const functionName = row.name.includes('/') ? row.name.slice(row.name.lastIndexOf('/') + 1) : row.name;
  const methods = (strs(trigger['methods']) ?? []).map((m) => m.toUpperCase());
  const route = str(trigger['route']) ?? functionName;
  const app: NodeRef = { id: siteId, kind: 'FunctionApp' };
  const api = out.node('Api', functionApiId(siteId), {
    ...azureProperties(row),
    azureType: `${SITES}/functions`,
    name: `${siteId.slice(siteId.lastIndexOf('/') + 1)} HTTP API`,
    apiSource: 'functionapp',
    path: 'api',
  });
  out.edge('CONTAINS', app, api, { subscriptionId: row.subscriptionId ?? undefined });
  const endpoint = out.node('ApiEndpoint', row.id, {
    ...azureProperties(row),
    name: functionName,
    endpointSource: 'functionapp',
    method: methods.length === 0 ? '*' : methods.join(','),
    urlTemplate: `/${route.replace(/^\/+/, '')}`,
    url: str(row.properties['invoke_url_template']) ?? undefined,
    authLevel: (str(trigger['authLevel']) ?? 'function').toLowerCase(),
  });
  out.edge('CONTAINS', api, endpoint, { subscriptionId: row.subscriptionId ?? undefined });
}

export const WEB_TRANSFORMS: TransformTable = {
  [SITES]: transformSite,
  [`${SITES}/functions`]: transformFunction,
};
