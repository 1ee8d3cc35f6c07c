/**
 * IPv4 address sets as sorted, disjoint, inclusive intervals of 32-bit numbers. Reachability asks "which internet
 * sources get through?", so firewalls are evaluated over address *sets* rather than by sampling addresses: a rule
 * list that allows `0.0.0.0/1` and `128.0.0.0/1` covers the whole internet exactly as `0.0.0.0/0` does.
 */

import { intersectIntervals, mergeIntervals, type Interval } from './intervals.js';

/** Inclusive ranges of IPv4 addresses as unsigned 32-bit numbers. */

export type AddressSet = readonly Interval[];

const MAX = 2 ** 32 - 1;

export const ALL_ADDRESSES: AddressSet = [{ start: 0, end: MAX }];
export const NO_ADDRESSES: AddressSet = [];

/** Parses a dotted IPv4 address; null for anything else (IPv6, service tags, garbage). */
export function parseIpv4(text: string): number | null {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** `a.b.c.d`, `a.b.c.d/n` or `a.b.c.d-e.f.g.h` as an address set; null when the text is not IPv4. */
export function parseIpv4Range(text: string): AddressSet | null {
  const t = text.trim();
  const dash = t.indexOf('-');
  if (dash > 0) {
    const start = parseIpv4(t.slice(0, dash));
    const end = parseIpv4(t.slice(dash + 1));
    if (start === null || end === null || end < start) return null;
    return [{ start, end }];
  }
  const slash = t.indexOf('/');
  if (slash < 0) {
    const ip = parseIpv4(t);
    return ip === null ? null : [{ start: ip, end: ip }];
  }
  const base = parseIpv4(t.slice(0, slash));
  const lengthText = t.slice(slash + 1);
  if (base === null || !/^\d{1,2}$/.test(lengthText)) return null;
  const length = Number(lengthText);
  if (length > 32) return null;
  // Azure accepts a CIDR whose host bits are set (`10.0.0.5/24`) and treats it as the network it belongs to.
  const size = 2 ** (32 - length);
  const start = Math.floor(base / size) * size;
  return [{ start, end: start + size - 1 }];
}

export function union(...sets: AddressSet[]): AddressSet {
  return mergeIntervals(sets.flat());
}

export function intersect(a: AddressSet, b: AddressSet): AddressSet {
  return intersectIntervals(a, b);
}

export function subtract(a: AddressSet, b: AddressSet): AddressSet {
  return intersect(a, complement(b));
}

export function complement(a: AddressSet): AddressSet {
  const out: Interval[] = [];
  let next = 0;
  for (const { start, end } of a) {
    if (start > next) out.push({ start: next, end: start - 1 });
    next = end + 1;
  }
  if (next <= MAX) out.push({ start: next, end: MAX });
  return out;
}

export const isEmpty = (a: AddressSet): boolean => a.length === 0;

export function size(a: AddressSet): number {
  return a.reduce((sum, { start, end }) => sum + end - start + 1, 0);
}

export function equals(a: AddressSet, b: AddressSet): boolean {
  return a.length === b.length && a.every((x, k) => x.start === b[k]?.start && x.end === b[k]?.end);
}

/**
 * Addresses an internet client cannot have: "this network", RFC 1918 private space, shared CGNAT space, loopback,
 * link-local, multicast and reserved. A rule naming only these never admits internet traffic. The documentation
 * ranges (TEST-NET-1/2/3) are deliberately kept public: fixtures use them for made-up public addresses.
 */
const NON_INTERNET: AddressSet = union(
  ...[
    '0.0.0.0/8',
    '10.0.0.0/8',
    '100.64.0.0/10',
    '127.0.0.0/8',
    '169.254.0.0/16',
    '172.16.0.0/12',
    '192.168.0.0/16',
    '224.0.0.0/3',
  ].map((cidr) => parseIpv4Range(cidr) ?? []),
);

/** Every address an internet client can come from. */
export const PUBLIC_ADDRESSES: AddressSet = complement(NON_INTERNET);

/**
 * Does a set of allowed sources amount to "the internet at large"? True when it holds a majority of all public
 * addresses: `0.0.0.0/0`, the `0.0.0.0/1` + `128.0.0.0/1` pair, `*` with a few denied carve-outs. A specific range
 * (a /8 or narrower) is far below that and stays `restricted`. Being a property of the set alone (not of rule
 * order), the verdict can only narrow when rules deny more or allow less.
 */
export function coversInternetAtLarge(a: AddressSet): boolean {
  return size(intersect(a, PUBLIC_ADDRESSES)) * 2 > size(PUBLIC_ADDRESSES);
}

/** The smallest list of CIDR blocks covering a set, for evidence text (`203.0.113.0/24`, single hosts without `/32`). */
export function toCidrs(a: AddressSet): string[] {
  const out: string[] = [];
  for (const { start, end } of a) {
    let current = start;
    while (current <= end) {
      let blockSize = current === 0 ? 2 ** 32 : 2 ** Math.min(32, trailingZeroBits(current));
      while (current + blockSize - 1 > end) blockSize /= 2;
      const length = 32 - Math.log2(blockSize);
      out.push(length === 32 ? formatIpv4(current) : `${formatIpv4(current)}/${length}`);
      current += blockSize;
    }
  }
  return out;
}

function trailingZeroBits(value: number): number {
  let bits = 0;
  let v = value;
  while (bits < 32 && v % 2 === 0) {
    v /= 2;
    bits += 1;
  }
  return bits;
}
