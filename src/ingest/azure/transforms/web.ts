import type { JsonValue, NodeKind } from '../../../model/index.js';
import { InputError } from '../../../util/errors.js';
import type { ArmRow } from '../arm-row.js';
import { ancestorId, lastSegment, parentId } from '../../../model/arm-ids.js';
import {
  azureProperties,
  identities,
  resourceNode,
  type NodeRef,
  type TransformOutput,
  type TransformTable,
} from '../transform.js';
import { at, bool, isObject, obj, objects, str, strs } from '../../../util/json.js';
import { credentialFreeUrl } from '../../../traffic/redact.js';

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
  const hostNames = [
    ...new Set([...(strs(p['hostNames']) ?? []), ...(strs(p['enabledHostNames']) ?? [])].map((h) => h.toLowerCase())),
  ];
  const outbound = str(p['outboundIpAddresses']);
  const site = resourceNode(row, out, kind, {
    kindText: row.kind ?? undefined,
    defaultHostName: str(p['defaultHostName'])?.toLowerCase(),
    hostNames,
    httpsOnly: bool(p['httpsOnly']) ?? false,
    minTlsVersion: str(at(p, 'siteConfig', 'minTlsVersion')),
    publicNetworkAccess: str(p['publicNetworkAccess']),
    virtualNetworkSubnetId: str(p['virtualNetworkSubnetId'])?.toLowerCase(),
    outboundIpAddresses: outbound
      ? outbound
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined,
    ...(kind === 'LogicApp' ? { logicAppPlan: 'standard', state: str(p['state']) } : {}),
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
    url: credentialFreeUrl(row.properties['invoke_url_template']),
    authLevel: (str(trigger['authLevel']) ?? 'function').toLowerCase(),
  });
  out.edge('CONTAINS', api, endpoint, { subscriptionId: row.subscriptionId ?? undefined });
}

/**
 * App Service config resources (`…/sites/<app>/config/<name>`). A config row does not say whether its site is a
 * web, function or logic app, so its facts are merged into the site node by id (`out.update`), whatever kind the
 * site's own row gave it. Only `web` and `authsettingsV2` are read: `appsettings`, `connectionstrings` and the
 * other config resources hold secrets and are never read.
 */

function siteIdOf(row: ArmRow): string {
  const siteId = parentId(row.id);
  if (!/\/providers\/microsoft\.web\/sites\/[^/]+$/.test(siteId)) {
    throw new InputError({ file: row.file, index: row.index }, `${row.id} is not a child of a site`);
  }
  return siteId;
}

const json = (v: unknown): JsonValue | undefined => (Array.isArray(v) || isObject(v) ? (v as JsonValue) : undefined);

/** `config/web` (Resource Graph `appserviceresources`, or `webApps.getConfiguration`): the site's inbound gates. */
function transformSiteConfig(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  out.update(siteIdOf(row), {
    minTlsVersion: str(p['minTlsVersion']),
    publicNetworkAccess: str(p['publicNetworkAccess']),
    ipSecurityRestrictions: json(p['ipSecurityRestrictions']),
    // The real "deny everything else" switch: the priority-2147483647 "Any" entry only mirrors it.
    ipSecurityRestrictionsDefaultAction: str(p['ipSecurityRestrictionsDefaultAction']),
    scmIpSecurityRestrictions: json(p['scmIpSecurityRestrictions']),
    scmIpSecurityRestrictionsUseMain: bool(p['scmIpSecurityRestrictionsUseMain']),
    scmIpSecurityRestrictionsDefaultAction: str(p['scmIpSecurityRestrictionsDefaultAction']),
    ftpsState: str(p['ftpsState']),
    http20Enabled: bool(p['http20Enabled']),
  });
}

/**
 * Names of the identity providers EasyAuth has on. A provider is on unless it says `enabled: false` (authsettingsV2:
 * "false if the provider should not be enabled despite the set registration"); custom OpenID Connect providers
 * are listed as `custom:<name>`.
 */
function enabledProviders(v: unknown): string[] {
  const providers = obj(v);
  if (!providers) return [];
  const on = (p: unknown) => isObject(p) && bool(p['enabled']) !== false;
  return Object.entries(providers).flatMap(([name, provider]) => {
    if (name !== 'customOpenIdConnectProviders') return on(provider) ? [name] : [];
    return Object.entries(obj(provider) ?? {})
      .filter(([, custom]) => on(custom))
      .map(([customName]) => `custom:${customName}`);
  });
}

/**
 * `config/authsettingsV2`: the EasyAuth summary analysis needs. It gates callers only when the platform module is
 * on, authentication is required and unauthenticated callers are not let through (`AllowAnonymous`), except on
 * `excludedPaths`. Registrations (client ids, secret setting names) are not kept.
 */
function transformAuthSettings(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const summary: Record<string, JsonValue | undefined> = {
    platformEnabled: bool(at(p, 'platform', 'enabled')),
    requireAuthentication: bool(at(p, 'globalValidation', 'requireAuthentication')),
    unauthenticatedClientAction: str(at(p, 'globalValidation', 'unauthenticatedClientAction')),
    excludedPaths: strs(at(p, 'globalValidation', 'excludedPaths')),
    identityProviders: enabledProviders(p['identityProviders']),
    requireHttps: bool(at(p, 'httpSettings', 'requireHttps')),
  };
  const authSettings = Object.fromEntries(Object.entries(summary).filter(([, value]) => value !== undefined));
  out.update(siteIdOf(row), { authSettings: authSettings as Record<string, JsonValue> });
}

/** ARM `Microsoft.Web/sites/config` covers every config resource of a site: the id's last segment says which. */
function transformConfig(row: ArmRow, out: TransformOutput): void {
  const name = lastSegment(row.id);
  if (name === 'web') transformSiteConfig(row, out);
  else if (name === 'authsettingsv2') transformAuthSettings(row, out);
}

/**
 * `basicPublishingCredentialsPolicies/scm` and `/ftp`: whether publishing-profile user names and passwords are
 * accepted (Web Deploy and the SCM site's Git and ZIP deploy, or FTP). Only the `allow` switch is kept.
 */
function transformBasicPublishingPolicy(row: ArmRow, out: TransformOutput): void {
  const name = lastSegment(row.id);
  const allow = bool(row.properties['allow']);
  if (name === 'scm') out.update(siteIdOf(row), { scmBasicAuthAllowed: allow });
  else if (name === 'ftp') out.update(siteIdOf(row), { ftpBasicAuthAllowed: allow });
}

export const WEB_TRANSFORMS: TransformTable = {
  [`${SITES}/basicpublishingcredentialspolicies`]: transformBasicPublishingPolicy,
  [SITES]: transformSite,
  [`${SITES}/functions`]: transformFunction,
  [`${SITES}/config`]: transformConfig,
  [`${SITES}/config/web`]: transformSiteConfig,
  [`${SITES}/config/authsettingsv2`]: transformAuthSettings,
};
