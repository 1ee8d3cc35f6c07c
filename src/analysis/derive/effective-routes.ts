/**
 * Azure's effective routes of a NIC (show-effective-route-table) and what they do to a verdict reached through the
 * NIC's own public IP. Inbound packets arrive through the public IP whatever the routes say; the replies follow the
 * route table. The route that takes replies to internet clients is the default route (`0.0.0.0/0`), or the two
 * halves (`0.0.0.0/1` + `128.0.0.0/1`) that override it; only active routes count.
 * - next hop `None`: replies are dropped, so no connection from the internet completes — not reachable.
 * - `VirtualAppliance` / `VirtualNetworkGateway` (forced tunnelling): replies leave through the appliance or
 *   on-premises, not the public IP; connections complete only if that hop passes them, which the estate's data does
 *   not show. The computed verdict is kept (no false all-clear) and the evidence names the route.
 * - `Internet` (Azure's system default): nothing changes.
 * Without stored effective routes the computed verdict stands unchanged.
 */
import type { GraphNode } from '../../model/index.js';
import type { NicExposure } from '../reachability/index.js';

interface StoredRoute {
  readonly addressPrefix: readonly string[];
  readonly nextHopType: string;
  readonly nextHopIpAddress: readonly string[];
  readonly source: string;
  readonly state: string;
}

function storedRoutes(nic: GraphNode | undefined): StoredRoute[] | null {
  const value = nic?.properties['effectiveRoutes'];
  if (!Array.isArray(value)) return null;
  const routes: StoredRoute[] = [];
  for (const r of value) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) continue;
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
    routes.push({
      addressPrefix: list(r['addressPrefix']),
      nextHopType: text(r['nextHopType'], ''),
      nextHopIpAddress: list(r['nextHopIpAddress']),
      source: text(r['source'], 'Unknown'),
      state: text(r['state'], 'Active'),
    });
  }
  return routes;
}

/** The active route(s) replies to internet clients take: the two halves when both exist, else the default route. */
export function internetReturnRoute(routes: readonly StoredRoute[]): { route: StoredRoute; prefix: string } | null {
  const active = routes.filter((r) => r.state.toLowerCase() === 'active');
  const holding = (prefix: string) => active.find((r) => r.addressPrefix.includes(prefix));
  const low = holding('0.0.0.0/1');
  const high = holding('128.0.0.0/1');
  if (low && high) return { route: low, prefix: '0.0.0.0/1 and 128.0.0.0/1' };
  const route = holding('0.0.0.0/0');
  return route ? { route, prefix: '0.0.0.0/0' } : null;
}

function routeText(found: { route: StoredRoute; prefix: string }): string {
  const { route, prefix } = found;
  const hop = route.nextHopIpAddress.length ? ` ${route.nextHopIpAddress.join(', ')}` : '';
  return `Azure's effective route ${prefix} → ${route.nextHopType}${hop} (source ${route.source}, show-effective-route-table)`;
}

/** The NIC's exposure through its public IP, with what its effective routes decide or add. */
export function withEffectiveRoutes(nic: GraphNode | undefined, exposure: NicExposure): NicExposure {
  const routes = storedRoutes(nic);
  if (!routes || !exposure.exposed) return exposure;
  const found = internetReturnRoute(routes);
  if (!found) {
    return { ...exposure, evidence: [...exposure.evidence, "Azure's effective routes hold no default route: replies to internet clients have no route; computed verdict kept"] };
  }
  const hop = found.route.nextHopType.toLowerCase();
  if (hop === 'none') {
    return {
      ...exposure,
      exposed: false,
      scope: 'none',
      openPorts: [],
      evidence: [
        ...exposure.evidence,
        `${routeText(found)}: replies to internet clients are dropped, so no connection completes — decided by Azure's effective routes over the NSG verdict`,
      ],
    };
  }
  if (hop === 'virtualappliance' || hop === 'virtualnetworkgateway') {
    return {
      ...exposure,
      evidence: [
        ...exposure.evidence,
        `${routeText(found)}: replies leave through that hop, not the public IP (asymmetric routing); connections complete only if it passes them — computed verdict kept`,
      ],
    };
  }
  return exposure;
}
