/**
 * The two NSG levels in front of a NIC (azure-data.md §5.4, §5.9): inbound traffic passes the subnet's NSG, then the
 * NIC's NSG, and both must allow it. A level without an NSG lets everything through, except that when *neither*
 * level has one, the front door decides on its own: a Standard SKU public IP or load balancer is closed to inbound
 * traffic until an NSG allows it (secure by default), a Basic one is open.
 */
import { PUBLIC_ADDRESSES, intersect, parseIpv4Range, toCidrs, union, type AddressSet } from './address.js';
import { internetPortExposure, type InboundOptions, type NsgDecision, type NsgTarget, type PortExposure } from './nsg.js';
import { nsgName, type ArmNetworkSecurityGroup } from './nsg-rules.js';
import { ALL_PORTS, formatPortRange, portInRange, portSegments, type PortRange } from './ports.js';
import type { Protocol, Scope } from './types.js';

export interface NsgLevels {
  readonly subnetNsg: ArmNetworkSecurityGroup | null;
  readonly nicNsg: ArmNetworkSecurityGroup | null;
}

/** One level's say on a run of ports; `nsg` is null when the level has no NSG. */
interface LevelVerdict {
  readonly level: 'subnet' | 'NIC';
  readonly nsg: string | null;
  readonly decision: NsgDecision;
}

/** The combined verdict of both levels over a run of ports. */
export interface LevelsRun {
  readonly ports: PortRange;
  readonly allowed: boolean;
  readonly scope: Scope;
  readonly sources?: string[];
  readonly levels: readonly LevelVerdict[];
}

const NO_NSG: NsgDecision = { allowed: true, rule: '(no NSG)', priority: null, scope: 'any' };

/** One NSG's verdict over all ports (`internetPortExposure`, or a caller's remembered copy of its answers). */
export type PortExposureOf = (nsg: ArmNetworkSecurityGroup, options: InboundOptions) => PortExposure[];

function levelRuns(
  level: 'subnet' | 'NIC',
  nsg: ArmNetworkSecurityGroup | null,
  protocol: Protocol,
  target: NsgTarget,
  exposureOf: PortExposureOf,
) {
  if (!nsg) return [{ ports: ALL_PORTS, verdict: { level, nsg: null, decision: NO_NSG } }];
  const name = nsgName(nsg);
  return exposureOf(nsg, { ...target, protocol }).map((run) => ({
    ports: run.ports,
    verdict: { level, nsg: name, decision: run.decision },
  }));
}

function addressesOf(sources: readonly string[]): { addresses: AddressSet; tags: string[] } {
  const ranges: AddressSet[] = [];
  const tags: string[] = [];
  for (const text of sources) {
    const range = parseIpv4Range(text);
    if (range) ranges.push(intersect(range, PUBLIC_ADDRESSES));
    else tags.push(text);
  }
  return { addresses: union(...ranges), tags };
}

/**
 * Sources admitted by two restricted levels: address ranges intersect exactly; service tags cannot be resolved to
 * addresses offline, so they are kept (they may overlap the other level's sources).
 */
export function intersectSources(a: readonly string[], b: readonly string[]): string[] {
  const x = addressesOf(a);
  const y = addressesOf(b);
  return [...toCidrs(intersect(x.addresses, y.addresses)), ...new Set([...x.tags, ...y.tags])];
}

function combine(verdicts: readonly LevelVerdict[], ports: PortRange): LevelsRun {
  const [first, second] = verdicts.map((v) => v.decision) as [NsgDecision, NsgDecision];
  const base = { ports, levels: verdicts };
  if (!first.allowed || !second.allowed) return { ...base, allowed: false, scope: 'none' };
  // Two levels that each admit most of the internet are reported as `any`; their exact overlap is not computed.
  if (first.scope === 'any' && second.scope === 'any') return { ...base, allowed: true, scope: 'any' };
  const sources =
    first.scope === 'any'
      ? (second.sources ?? [])
      : second.scope === 'any'
        ? (first.sources ?? [])
        : intersectSources(first.sources ?? [], second.sources ?? []);
  if (sources.length === 0) return { ...base, allowed: false, scope: 'none' };
  return { ...base, allowed: true, scope: 'restricted', sources };
}

function sameRun(a: LevelsRun, b: LevelsRun): boolean {
  const key = (r: LevelsRun) =>
    JSON.stringify([r.allowed, r.scope, r.sources, r.levels.map((l) => [l.decision.rule, l.decision.sources])]);
  return key(a) === key(b);
}

/** Both levels' verdicts over all ports 0–65535, as runs (exact: split at every boundary of either level). */
export function evaluateLevels(
  levels: NsgLevels,
  protocol: Protocol,
  target: NsgTarget = {},
  exposureOf: PortExposureOf = internetPortExposure,
): LevelsRun[] {
  const subnet = levelRuns('subnet', levels.subnetNsg, protocol, target, exposureOf);
  const nic = levelRuns('NIC', levels.nicNsg, protocol, target, exposureOf);
  const segments = portSegments([...subnet, ...nic].map((run) => run.ports));
  const out: LevelsRun[] = [];
  for (const segment of segments) {
    const at = (runs: typeof subnet) => (runs.find((run) => portInRange(segment.start, run.ports)) ?? runs[0])?.verdict;
    const run = combine(
      [at(subnet), at(nic)].filter((v): v is LevelVerdict => v !== undefined),
      segment,
    );
    const last = out[out.length - 1];
    if (last && sameRun(last, run))
      out[out.length - 1] = { ...run, ports: { start: last.ports.start, end: segment.end } };
    else out.push(run);
  }
  return out;
}

/** The run that holds `port`. */
export function runAt(runs: readonly LevelsRun[], port: number): LevelsRun | undefined {
  return runs.find((run) => portInRange(port, run.ports));
}

function fromText(decision: NsgDecision): string {
  if (decision.scope === 'restricted') return `only from ${(decision.sources ?? []).join(', ')}`;
  return `from ${(decision.sources ?? ['the internet']).join(', ')}`;
}

/** One evidence line per level: "subnet NSG nsg-web allows Tcp 443 from Internet (rule allow-https, priority 100)". */
export function describeLevel(verdict: LevelVerdict, protocol: Protocol, ports: PortRange): string {
  const what = `${protocol} ${formatPortRange(ports)}`;
  if (verdict.nsg === null) return `no NSG on the ${verdict.level}: ${what} is not filtered at that level`;
  const { decision } = verdict;
  const rule = `(rule ${decision.rule}${decision.priority === null ? '' : `, priority ${decision.priority}`})`;
  const verb = decision.allowed ? `allows ${what} ${fromText(decision)}` : `denies ${what} from the internet`;
  return `${verdict.level} NSG ${verdict.nsg} ${verb} ${rule}`;
}

export function describeRun(run: LevelsRun, protocol: Protocol, ports: PortRange = run.ports): string[] {
  const lines = run.levels.map((level) => describeLevel(level, protocol, ports));
  if (!run.allowed && run.levels.every((l) => l.decision.allowed))
    lines.push('the subnet and NIC NSGs admit disjoint sources, so nothing passes both');
  if (run.allowed && run.levels.every((l) => l.decision.scope === 'restricted'))
    lines.push(`passes both levels only from ${(run.sources ?? []).join(', ')}`);
  return lines;
}

export const hasNoNsg = (levels: NsgLevels): boolean => levels.subnetNsg === null && levels.nicNsg === null;
