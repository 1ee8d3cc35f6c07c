/** Building blocks shared by the PaaS service-firewall rules (azure-data.md §5.9, "PaaS backends"). */
import {
  PUBLIC_ADDRESSES,
  coversInternetAtLarge,
  intersect,
  isEmpty,
  parseIpv4Range,
  union,
  type AddressSet,
} from './address.js';
import type { Scope, ServiceExposure } from './types.js';
import { objects, str } from '../../util/json.js';

export type Properties = Readonly<Record<string, unknown>>;

export function verdict(scope: Scope, evidence: string[], sources?: readonly string[]): ServiceExposure {
  return {
    exposed: scope !== 'none',
    scope,
    evidence,
    ...(scope === 'restricted' && sources ? { sources: [...sources] } : {}),
  };
}

/** `publicNetworkAccess`, compared case-insensitively; null when absent (every service then defaults to Enabled). */
export function publicNetworkAccess(props: Properties): string | null {
  return str(props['publicNetworkAccess'])?.toLowerCase() ?? null;
}

/** The common first gate: `publicNetworkAccess: Disabled` closes the public endpoint whatever the firewall says. */
export function disabledGate(props: Properties, service: string): ServiceExposure | null {
  const access = publicNetworkAccess(props);
  if (access === 'disabled')
    return verdict('none', [
      `publicNetworkAccess is Disabled: the ${service} has no public endpoint (private endpoints only)`,
    ]);
  return null;
}

/**
 * `publicNetworkAccess: SecuredByPerimeter` hands the decision to a network security perimeter, whose access rules
 * are not part of the resource: reported as restricted to the perimeter rather than guessed either way.
 */
export function perimeterGate(props: Properties, service: string): ServiceExposure | null {
  if (publicNetworkAccess(props) !== 'securedbyperimeter') return null;
  return verdict(
    'restricted',
    [
      `publicNetworkAccess is SecuredByPerimeter: a network security perimeter's inbound rules decide who reaches the ${service} (not evaluated)`,
    ],
    ['network security perimeter'],
  );
}

/** One entry of an allow-list firewall (IP rules, authorized ranges): its text and its addresses (null: unparseable). */
export interface AllowEntry {
  readonly text: string;
  readonly addresses: AddressSet | null;
}

export function allowEntry(text: string): AllowEntry {
  return { text, addresses: parseIpv4Range(text) };
}

/**
 * An allow-list firewall (everything not listed is denied): the internet at large gets in when the listed ranges
 * together hold most public addresses (`0.0.0.0/0`, `0.0.0.0`–`255.255.255.255`, `0.0.0.0/1` + `128.0.0.0/1`: see
 * `coversInternetAtLarge`); specific public ranges make it restricted; entries that are private or "this network"
 * (`0.0.0.0`) admit no internet client.
 */
export function allowListVerdict(entries: readonly AllowEntry[], evidence: string[], what: string): ServiceExposure {
  const admitted = entries.filter((e) => e.addresses === null || !isEmpty(intersect(e.addresses, PUBLIC_ADDRESSES)));
  const ignored = entries.filter((e) => !admitted.includes(e));
  if (ignored.length > 0)
    evidence.push(`${ignored.map((e) => e.text).join(', ')}: not internet addresses, admit no internet client`);
  if (coversInternetAtLarge(union(...admitted.map((e) => e.addresses ?? [])))) {
    evidence.push(
      `${what} ${admitted.map((e) => e.text).join(', ')} cover most of the internet: open to the internet at large`,
    );
    return verdict('any', evidence);
  }
  if (admitted.length === 0) {
    evidence.push(`no ${what} admit an internet address: the public endpoint refuses every internet client`);
    return verdict('none', evidence);
  }
  evidence.push(`${what} admit only ${admitted.map((e) => e.text).join(', ')}`);
  return verdict(
    'restricted',
    evidence,
    admitted.map((e) => e.text),
  );
}

/** Private endpoints do not close the public endpoint by themselves (§5.5); they are noted, never trusted. */
export function privateEndpointNote(props: Properties, exposedScope: Scope): string[] {
  const count = objects(props['privateEndpointConnections']).length;
  if (count === 0) return [];
  return exposedScope === 'none'
    ? [`${count} private endpoint connection(s): reachable privately only`]
    : [`${count} private endpoint connection(s), which do not close the public endpoint`];
}

export function withNotes(result: ServiceExposure, notes: readonly string[]): ServiceExposure {
  return { ...result, evidence: [...result.evidence, ...notes] };
}

/**
 * An "allow Azure services" switch (SQL's `0.0.0.0` rule, Cosmos DB's `0.0.0.0` entry) admits every Azure customer,
 * other tenants' subscriptions included (Microsoft's own wording): reachable through a shared service, with only
 * authentication left. It widens `none` to `restricted`, adds itself to the sources, and leaves `any` as it is.
 */
export function withAzureServicesSwitch(result: ServiceExposure, name: string, what: string): ServiceExposure {
  const line = `${what} admits every Azure customer, including other tenants' subscriptions: only authentication stands between them and the data plane; instead: turn the switch off and admit the callers' own addresses, a private endpoint or a virtual network rule`;
  if (result.scope === 'any') return withNotes(result, [line]);
  return {
    exposed: true,
    scope: 'restricted',
    evidence: [...result.evidence, line],
    sources: [...(result.sources ?? []), name],
    sharedSwitches: [...(result.sharedSwitches ?? []), name],
    ...(result.ports ? { ports: result.ports } : {}),
  };
}
