/**
 * Inbound NSG evaluation of traffic from the internet (azure-data.md §5.3, §5.9): rules sorted by priority
 * ascending, the first rule that matches the traffic decides; plural fields and port ranges expanded; the default
 * rules (AllowVnetInBound 65000, AllowAzureLoadBalancerInBound 65001, DenyAllInBound 65500) close the list.
 *
 * Choices made where the configuration alone cannot tell (each errs toward reporting exposure, never hiding it):
 * - Source ports are chosen by the client, so an attacker can use any: an Allow limited to some source ports still
 *   admits the internet, and a Deny limited to some source ports does not stop it.
 * - A rule whose destination (address prefix or application security group) cannot be checked against the NIC
 *   (its private IP or ASGs were not given, or the prefix is a service tag) is assumed to match when it allows and
 *   not to match when it denies.
 * - A specific public source range opens the port to that range only: scope `restricted`, with the ranges. Scope
 *   `any` needs the admitted sources to hold most of the internet (`*`, `Internet`, `0.0.0.0/0`, `Any`, the
 *   `0.0.0.0/1` + `128.0.0.0/1` pair, a wildcard after a few denied ranges): see `first-match.ts`.
 */
import { evaluateFirstMatch, type OrderedRule } from './first-match.js';
import { parseIpv4, parseIpv4Range } from './address.js';
import { readNsgRules, type ArmNetworkSecurityGroup, type NsgRule } from './nsg-rules.js';
import {
  ALL_PORTS,
  formatPortRange,
  intersectPortRanges,
  parsePortRange,
  portInRange,
  portSegments,
  type PortRange,
} from './ports.js';
import { mergeIntervals } from './intervals.js';
import type { Protocol, Scope } from './types.js';

/** The verdict for one port: is it open from the internet, to whom, and which rule said so. */
export interface NsgDecision {
  readonly allowed: boolean;
  readonly rule: string;
  readonly priority: number | null;
  readonly scope: Scope;
  /** `any`: the admitting source text (`Internet`, `*`); `restricted`: the admitted ranges or tags. */
  readonly sources?: string[];
}

/** What is known of the destination NIC; lets destination prefixes and ASGs be checked instead of assumed. */
export interface NsgTarget {
  /** The NIC's private IP (NSGs see the private address after the public IP's NAT). */
  readonly privateIpAddress?: string;
  /** ARM ids of the application security groups the NIC ipconfig belongs to. */
  readonly applicationSecurityGroupIds?: readonly string[];
}

export interface InboundOptions extends NsgTarget {
  /** Default `Tcp`. */
  readonly protocol?: Protocol;
}

type Match = 'yes' | 'no' | 'unknown';

function protocolMatches(rule: NsgRule, protocol: Protocol): boolean {
  return rule.protocol === '*' || rule.protocol === 'any' || rule.protocol === protocol.toLowerCase();
}

const ANY_DESTINATION = new Set(['*', 'any', 'virtualnetwork', '0.0.0.0/0']);

function destinationMatches(rule: NsgRule, target: NsgTarget): Match {
  if (rule.destinationAsgs.length > 0) {
    if (!target.applicationSecurityGroupIds) return 'unknown';
    const mine = new Set(target.applicationSecurityGroupIds.map((id) => id.toLowerCase()));
    return rule.destinationAsgs.some((id) => mine.has(id)) ? 'yes' : 'no';
  }
  if (rule.destinationPrefixes.some((p) => ANY_DESTINATION.has(p.trim().toLowerCase()))) return 'yes';
  const ip = target.privateIpAddress === undefined ? null : parseIpv4(target.privateIpAddress);
  if (ip === null) return 'unknown';
  let result: Match = 'no';
  for (const prefix of rule.destinationPrefixes) {
    const range = parseIpv4Range(prefix);
    if (range === null) result = 'unknown';
    else if (range.some((r) => ip >= r.start && ip <= r.end)) return 'yes';
  }
  return result;
}

/** Does the rule take part in deciding internet traffic to `port`? Unknowns resolve toward exposure (see above). */
function ruleApplies(rule: NsgRule, port: number, protocol: Protocol, target: NsgTarget): boolean {
  if (!rule.inbound || !protocolMatches(rule, protocol)) return false;
  // ICMP has no ports: an ICMP rule's port fields are `*` and are not compared.
  if (protocol !== 'Icmp' && !rule.destinationPorts.some((range) => portInRange(port, range))) return false;
  if (!rule.allow && !rule.anySourcePort) return false;
  const destination = destinationMatches(rule, target);
  return destination === 'yes' || (destination === 'unknown' && rule.allow);
}

function toOrdered(rule: NsgRule): OrderedRule {
  return { name: rule.name, priority: rule.priority, allow: rule.allow, terms: rule.sources };
}

function decide(rules: readonly NsgRule[], port: number, protocol: Protocol, target: NsgTarget): NsgDecision {
  const applicable = rules.filter((rule) => ruleApplies(rule, port, protocol, target)).map(toOrdered);
  // Defaults always end the list; this fallback only matters for an input whose own default rules omit DenyAllInBound.
  const result = evaluateFirstMatch(applicable, { name: 'DenyAllInBound', priority: 65500, allow: false });
  return {
    allowed: result.allowed,
    rule: result.rule,
    priority: result.priority,
    scope: result.scope,
    ...(result.sources ? { sources: result.sources } : {}),
  };
}

/** Is `port` open from the internet through this NSG? */
export function evaluateInbound(nsg: ArmNetworkSecurityGroup, port: number, options: InboundOptions = {}): NsgDecision {
  return decide(readNsgRules(nsg), port, options.protocol ?? 'Tcp', options);
}

/** A run of ports that the NSG treats alike. */
export interface PortExposure {
  readonly ports: PortRange;
  readonly decision: NsgDecision;
}

function sameDecision(a: NsgDecision, b: NsgDecision): boolean {
  return (
    a.allowed === b.allowed &&
    a.rule === b.rule &&
    a.scope === b.scope &&
    (a.sources ?? []).join('\n') === (b.sources ?? []).join('\n')
  );
}

/**
 * The NSG's verdict over all ports 0–65535, as consecutive runs. Exact without testing every port: the rules can
 * only change their verdict at a boundary of some rule's port range, so one port per segment decides the segment.
 */
export function internetPortExposure(nsg: ArmNetworkSecurityGroup, options: InboundOptions = {}): PortExposure[] {
  const protocol = options.protocol ?? 'Tcp';
  const rules = readNsgRules(nsg);
  if (protocol === 'Icmp') return [{ ports: ALL_PORTS, decision: decide(rules, 0, protocol, options) }];
  const segments = portSegments(
    rules.filter((r) => r.inbound && protocolMatches(r, protocol)).flatMap((r) => r.destinationPorts),
  );
  const out: PortExposure[] = [];
  for (const segment of segments) {
    const decision = decide(rules, segment.start, protocol, options);
    const last = out[out.length - 1];
    if (last && sameDecision(last.decision, decision))
      out[out.length - 1] = { ports: { start: last.ports.start, end: segment.end }, decision };
    else out.push({ ports: segment, decision });
  }
  return out;
}

export interface OpenPortsOptions extends InboundOptions {
  /** Also list ports open only to specific public ranges or service tags (default: only ports open to the internet at large). */
  readonly includeRestricted?: boolean;
}

/**
 * The ports open from the internet, as sorted ranges (`"443"`, `"8000-8080"`), optionally limited to
 * `candidatePorts` (numbers or range texts).
 */
export function internetOpenPorts(
  nsg: ArmNetworkSecurityGroup,
  candidatePorts?: readonly (number | string)[],
  options: OpenPortsOptions = {},
): string[] {
  const wanted = (scope: Scope): boolean =>
    scope === 'any' || (scope === 'restricted' && options.includeRestricted === true);
  const open = mergeIntervals(
    internetPortExposure(nsg, options)
      .filter((run) => run.decision.allowed && wanted(run.decision.scope))
      .map((run) => run.ports),
  );
  const limited =
    candidatePorts === undefined
      ? open
      : intersectPortRanges(
          open,
          candidatePorts.map(parsePortRange).filter((range): range is PortRange => range !== null),
        );
  return limited.map(formatPortRange);
}
