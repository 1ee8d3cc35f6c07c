import { InputError } from '../../../util/errors.js';
import type { ArmRow } from '../arm-row.js';
import { ancestorId, lastSegment } from '../../../model/arm-ids.js';
import { resourceNode, type NodeRef, type TransformOutput, type TransformTable } from '../transform.js';
import { at, obj, objects, str, strs } from '../../../util/json.js';
import { compact, refId, unique } from './refs.js';

const CLASSIC = 'microsoft.network/frontdoors';
const PROFILES = 'microsoft.cdn/profiles';

/**
 * Front Door classic is one resource with everything inside. Standard/Premium is a `microsoft.cdn/profiles`
 * resource whose endpoints, custom domains, origins and routes arrive as child rows (Resource Graph holds the
 * profile and endpoints; origins and routes come from ARM list calls), each appended to the profile's node.
 */

const enabled = (v: Record<string, unknown>, path: string[]): boolean =>
  str(at(v, ...path))?.toLowerCase() !== 'disabled';
const nameOf = (v: unknown): string | undefined => {
  const id = refId(v);
  return id ? lastSegment(id) : undefined;
};

function transformClassic(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const frontends = objects(p['frontendEndpoints']);
  // A disabled backend receives no traffic, so it is not an origin of the Front Door.
  const backends = objects(p['backendPools'])
    .flatMap((pool) => objects(at(pool, 'properties', 'backends')))
    .filter((b) => enabled(b, ['enabledState']));
  const routes = objects(p['routingRules']).map((r) => {
    const rp = obj(r['properties']) ?? {};
    return compact({
      name: str(r['name']),
      patternsToMatch: strs(rp['patternsToMatch']),
      acceptedProtocols: strs(rp['acceptedProtocols']),
      forwardingProtocol: str(at(rp, 'routeConfiguration', 'forwardingProtocol')),
      backendPool: nameOf(at(rp, 'routeConfiguration', 'backendPool')),
      enabledState: str(rp['enabledState']),
    });
  });
  resourceNode(row, out, 'FrontDoor', {
    frontDoorTier: 'classic',
    hostNames: unique(frontends.map((f) => str(at(f, 'properties', 'hostName'))?.toLowerCase())),
    originHostNames: unique(backends.map((b) => str(b['address'])?.toLowerCase())),
    routes,
    wafPolicyIds: unique(frontends.map((f) => refId(at(f, 'properties', 'webApplicationFirewallPolicyLink')))),
  });
}

/** Only Azure Front Door SKUs make a profile a Front Door; other `microsoft.cdn/profiles` are classic CDN. */
function transformProfile(row: ArmRow, out: TransformOutput): void {
  const sku = str(row.sku?.['name']);
  if (!sku || !/^(Standard|Premium)_AzureFrontDoor/i.test(sku)) return;
  resourceNode(row, out, 'FrontDoor', {
    skuName: sku,
    frontDoorTier: sku.toLowerCase().startsWith('premium') ? 'premium' : 'standard',
  });
}

/**
 * The profile a child row belongs to. Only scope columns are set here (the profile row sets the rest), so the
 * profile keeps its subscription for cleanup even when it is known only through its children.
 */
function profileOf(row: ArmRow, out: TransformOutput): NodeRef {
  const id = ancestorId(row.id, 'profiles');
  if (!id) throw new InputError({ file: row.file, index: row.index }, `${row.id} is not under a Front Door profile`);
  return out.node('FrontDoor', id, {
    subscriptionId: row.subscriptionId ?? undefined,
    resourceGroup: row.resourceGroup ?? undefined,
    azureType: PROFILES,
  });
}

function requiredHostName(row: ArmRow): string {
  const host = str(row.properties['hostName']);
  if (!host) throw new InputError({ file: row.file, index: row.index }, `${row.type} ${row.id} without "hostName"`);
  return host.toLowerCase();
}

/** Endpoints (`*.azurefd.net`) and custom domains are the host names callers use. */
function transformHost(row: ArmRow, out: TransformOutput): void {
  out.append(profileOf(row, out), 'hostNames', requiredHostName(row));
}

function transformOriginGroup(row: ArmRow, out: TransformOutput): void {
  out.append(profileOf(row, out), 'originGroupNames', lastSegment(row.id));
}

function transformOrigin(row: ArmRow, out: TransformOutput): void {
  const profile = profileOf(row, out);
  const host = requiredHostName(row);
  // A disabled origin receives no traffic.
  if (enabled(row.properties, ['enabledState'])) out.append(profile, 'originHostNames', host);
}

function transformRoute(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const endpointId = ancestorId(row.id, 'afdendpoints');
  out.append(
    profileOf(row, out),
    'routes',
    compact({
      endpoint: endpointId ? lastSegment(endpointId) : undefined,
      name: lastSegment(row.id),
      patternsToMatch: strs(p['patternsToMatch']),
      supportedProtocols: strs(p['supportedProtocols']),
      httpsRedirect: str(p['httpsRedirect']),
      forwardingProtocol: str(p['forwardingProtocol']),
      originGroup: nameOf(p['originGroup']),
      originPath: str(p['originPath']),
      enabledState: str(p['enabledState']),
    }),
  );
}

/**
 * A Standard/Premium security policy associates one WAF policy with endpoints and custom domains
 * (`parameters.type: WebApplicationFirewall`, `wafPolicy.id`, `associations[].domains[].id`). Kept on the profile
 * with the names of what it covers, and its WAF policy added to the profile's `wafPolicyIds`.
 */
function transformSecurityPolicy(row: ArmRow, out: TransformOutput): void {
  const parameters = obj(row.properties['parameters']) ?? {};
  if ((str(parameters['type']) ?? 'WebApplicationFirewall').toLowerCase() !== 'webapplicationfirewall') return;
  const wafPolicyId = refId(parameters['wafPolicy']);
  if (!wafPolicyId) throw new InputError({ file: row.file, index: row.index }, `security policy ${row.id} without "parameters.wafPolicy.id"`);
  const associations = objects(parameters['associations']);
  const profile = profileOf(row, out);
  out.append(profile, 'wafPolicyIds', wafPolicyId);
  out.append(
    profile,
    'securityPolicies',
    compact({
      name: lastSegment(row.id),
      wafPolicyId,
      domains: unique(associations.flatMap((a) => objects(a['domains']).map((d) => nameOf(d)?.toLowerCase()))),
      patternsToMatch: unique(associations.flatMap((a) => strs(a['patternsToMatch']) ?? [])),
    }),
  );
}

export const FRONT_DOOR_TRANSFORMS: TransformTable = {
  [`${PROFILES}/securitypolicies`]: transformSecurityPolicy,
  [CLASSIC]: transformClassic,
  [PROFILES]: transformProfile,
  [`${PROFILES}/afdendpoints`]: transformHost,
  [`${PROFILES}/customdomains`]: transformHost,
  [`${PROFILES}/origingroups`]: transformOriginGroup,
  [`${PROFILES}/origingroups/origins`]: transformOrigin,
  [`${PROFILES}/afdendpoints/routes`]: transformRoute,
};
