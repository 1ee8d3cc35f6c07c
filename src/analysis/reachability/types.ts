/**
 * Shared result shapes of the reachability rules.
 *
 * `scope` says how much of the internet gets in: `any` (the internet at large), `restricted` (only named public
 * ranges or service tags), `none`. Something is `exposed` when any internet source gets in (`any` or `restricted`);
 * callers that only care about the open internet check `scope === 'any'`.
 */
export type Scope = 'any' | 'restricted' | 'none';

/** Transport protocols NSG rules and load-balancer rules name. */
export type Protocol = 'Tcp' | 'Udp' | 'Icmp';

/** The verdict of a PaaS service firewall. */
export interface ServiceExposure {
  readonly exposed: boolean;
  readonly scope: Scope;
  /** Human-readable steps that prove the verdict, in the order they were applied. */
  readonly evidence: string[];
  /** For `restricted`: the admitted sources (CIDRs, `start-end` ranges, service tags). */
  readonly sources?: string[];
  /** Where the service publishes ports of its own (container groups): `"80"`, `"443"`. */
  readonly ports?: string[];
  /** "Allow Azure services" switches that let every Azure customer through (`AllowAllWindowsAzureIps`, Cosmos `0.0.0.0`). */
  readonly sharedSwitches?: string[];
}

/** The most open of two scopes. */
export function widerScope(a: Scope, b: Scope): Scope {
  if (a === 'any' || b === 'any') return 'any';
  if (a === 'restricted' || b === 'restricted') return 'restricted';
  return 'none';
}
