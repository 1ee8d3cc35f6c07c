import { isIP } from 'node:net';

/**
 * Whether a logged caller address is on the internet. `CallerIpAddress` is the immediate caller: behind an
 * Application Gateway or Front Door it is the proxy, so "internal" proves only that the last hop was private.
 */
export type CallerScope = 'external' | 'internal' | 'unknown';

function ipv4Internal(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return (
    a === 10 || // RFC 1918
    (a === 172 && b >= 16 && b <= 31) || // RFC 1918
    (a === 192 && b === 168) || // RFC 1918
    a === 127 || // loopback
    (a === 169 && b === 254) || // link-local
    (a === 100 && b >= 64 && b <= 127) || // RFC 6598 shared address space (carrier NAT), not routed on the internet
    a === 0
  );
}

function ipv6Internal(ip: string): boolean {
  const lower = ip.toLowerCase();
  if (lower === '::1' || lower === '::') return true; // loopback, unspecified
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return ipv4Internal(mapped[1]!);
  if (lower.startsWith('::')) return false;
  const first = parseInt(lower.split(':')[0]!, 16);
  return (
    (first & 0xfe00) === 0xfc00 || // RFC 4193 unique local, fc00::/7
    (first & 0xffc0) === 0xfe80 // link-local, fe80::/10
  );
}

/** An address with a port or brackets (`203.0.113.7:50123`, `[2001:db8::1]:443`) is read without them. */
function bareAddress(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(value);
  return (withPort ? withPort[1]! : value).replace(/%.*$/, '');
}

export function callerScope(value: string | undefined): CallerScope {
  if (!value) return 'unknown';
  const ip = bareAddress(value.trim());
  switch (isIP(ip)) {
    case 4:
      return ipv4Internal(ip) ? 'internal' : 'external';
    case 6:
      return ipv6Internal(ip) ? 'internal' : 'external';
    default:
      return 'unknown';
  }
}
