/**
 * Internet exposure of a NIC through its own public IP (azure-data.md §5.9 steps 1–2): no public IP, no direct
 * path; otherwise the subnet NSG and the NIC NSG must both allow the port, and with no NSG at either level the
 * public IP's SKU decides (Standard: closed by default; Basic: open).
 */
import { evaluateLevels, describeRun, hasNoNsg, type LevelsRun, type NsgLevels } from './nsg-levels.js';
import type { NsgTarget } from './nsg.js';
import { formatPortRange } from './ports.js';
import { widerScope, type Protocol, type Scope } from './types.js';

/** What matters of a `microsoft.network/publicipaddresses` resource: `sku.name` and `properties.ipAddress`. */
export interface PublicIpInfo {
  /** `Basic` or `Standard`; null when unknown, which is treated as Basic (the open case) so exposure is not hidden. */
  readonly sku: string | null;
  /** Absent for a Dynamic address that is not allocated yet. */
  readonly address: string | null;
  readonly name?: string;
}

export interface NicExposureInput extends NsgLevels {
  readonly publicIp: PublicIpInfo | null;
  /** The NIC's private IP and ASGs, so NSG destination fields can be checked rather than assumed. */
  readonly target?: NsgTarget;
}

/** A run of ports open from the internet, with the steps that prove it. */
export interface OpenPortRange {
  readonly protocol: Protocol;
  /** `"443"` or `"8000-8080"`. */
  readonly ports: string;
  readonly scope: Exclude<Scope, 'none'>;
  readonly sources?: string[];
  readonly evidence: string[];
}

export interface NicExposure {
  readonly exposed: boolean;
  /** The widest scope over all open ports. */
  readonly scope: Scope;
  readonly openPorts: OpenPortRange[];
  readonly evidence: string[];
}

export interface NicExposureOptions {
  /** Default `['Tcp', 'Udp']`. */
  readonly protocols?: readonly Protocol[];
  /**
   * Evaluates the two NSG levels (default `evaluateLevels`). A caller judging many NICs behind few NSGs passes one
   * that remembers its answers: the result depends only on its arguments.
   */
  readonly evaluate?: typeof evaluateLevels;
}

/** Standard SKU is closed to inbound traffic unless an NSG allows it; only a known `Standard` gets that benefit. */
export const isStandardSku = (sku: string | null): boolean => (sku ?? '').toLowerCase() === 'standard';

export function describePublicIp(ip: PublicIpInfo): string {
  const label = ip.address ?? (ip.name ? `${ip.name} (no address allocated)` : '(no address allocated)');
  return `public IP ${label} (${ip.sku ?? 'unknown SKU, treated as Basic'})`;
}

/** Turns allowed runs into open port ranges with evidence; `lead` are the steps before the NSGs. */
export function openRanges(runs: readonly LevelsRun[], protocol: Protocol, lead: readonly string[]): OpenPortRange[] {
  return runs
    .filter((run) => run.allowed && run.scope !== 'none')
    .map((run) => ({
      protocol,
      ports: formatPortRange(run.ports),
      scope: run.scope === 'any' ? 'any' : 'restricted',
      ...(run.sources ? { sources: run.sources } : {}),
      evidence: [...lead, ...describeRun(run, protocol)],
    }));
}

function allOpen(protocols: readonly Protocol[], lead: string[]): OpenPortRange[] {
  return protocols.map((protocol) => ({ protocol, ports: '0-65535', scope: 'any', evidence: lead }));
}

function summarize(openPorts: OpenPortRange[], evidence: string[]): NicExposure {
  const scope = openPorts.reduce<Scope>((acc, open) => widerScope(acc, open.scope), 'none');
  return { exposed: openPorts.length > 0, scope, openPorts, evidence };
}

/** Which ports of a NIC the internet reaches through the NIC's own public IP, with evidence. */
export function nicInternetExposure(input: NicExposureInput, options: NicExposureOptions = {}): NicExposure {
  const protocols = options.protocols ?? ['Tcp', 'Udp'];
  if (!input.publicIp) return summarize([], ['no public IP on the NIC: not reachable directly from the internet']);
  const lead = [describePublicIp(input.publicIp)];
  if (hasNoNsg(input)) {
    if (isStandardSku(input.publicIp.sku)) {
      return summarize(
        [],
        [
          ...lead,
          'no NSG on the subnet or the NIC: a Standard SKU public IP is closed to inbound traffic until an NSG allows it',
        ],
      );
    }
    const open = [...lead, 'no NSG on the subnet or the NIC: a Basic SKU public IP lets all inbound traffic through'];
    return summarize(allOpen(protocols, open), open);
  }
  const evaluate = options.evaluate ?? evaluateLevels;
  const openPorts = protocols.flatMap((protocol) => openRanges(evaluate(input, protocol, input.target ?? {}), protocol, lead));
  const verdict =
    openPorts.length === 0
      ? 'no port is allowed from the internet by both the subnet NSG and the NIC NSG'
      : `open from the internet: ${openPorts.map((o) => `${o.protocol} ${o.ports}${o.scope === 'restricted' ? ' (restricted)' : ''}`).join(', ')}`;
  return summarize(openPorts, [...lead, verdict]);
}
