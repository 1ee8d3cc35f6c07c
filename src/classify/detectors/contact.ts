import { isIP } from 'node:net';
import type { CountryCode } from 'libphonenumber-js';
import { HIGH, MEDIUM } from '../confidence.js';
import type { ScanContext } from '../context.js';
import { ACCOUNT_NAMES, EMAIL, IP, PHONE, VERSION_NAMES } from '../keywords.js';
import type { Match } from '../types.js';
import { isValidPhoneNumber } from '../phone/index.js';
import { floorOf, match, matchesOf, type Detector } from './detector.js';
import { marksOf } from '../value-stats.js';

// Domain labels may be punycode (xn--…, IDNA) or Unicode letters, and so may the top-level domain (xn--p1ai).
const EMAIL_CANDIDATE =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(xn--[a-z0-9]{2,59}|\p{L}{2,24})(?![\w-])/gu;

// Retina assets (logo@2x.png) and similar file names share the shape; these suffixes are not top-level domains.
const FILE_SUFFIXES = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'bmp',
  'js',
  'mjs',
  'css',
  'map',
  'json',
  'txt',
  'html',
  'htm',
  'xml',
  'pdf',
]);

/** Email Address (Presidio: pattern + RFC-shaped validation); a mail keyword in the name or nearby raises it to high. */
export const email: Detector = {
  infoType: 'Email Address',
  credential: false,
  // The shortest address, a@b.cc.
  floor: floorOf({ length: 6, at: true }),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    for (const m of matchesOf(EMAIL_CANDIDATE, ctx.text)) {
      const address = m[0];
      const tld = m[1] ?? '';
      const local = address.slice(0, address.indexOf('@'));
      if (local.endsWith('.') || local.includes('..') || FILE_SUFFIXES.has(tld.toLowerCase())) continue;
      const end = m.index + address.length;
      // git@github.com:org/repo.git is an SSH remote, and user@host in a URL's authority is a login, not a mailbox.
      if (/^:[\w~]/.test(ctx.text.slice(end, end + 2)) || ctx.before(m.index, 3) === '://') continue;
      out.push(match(this.infoType, m.index, end, ctx.supported(EMAIL, m.index, end) ? HIGH : MEDIUM));
    }
    return out;
  },
};

const PHONE_NAMES = PHONE.names ?? {};
const PHONE_TEXT = PHONE.text ?? /$^/;
const PHONE_CANDIDATE = /(?<![\w+.\-/:])\+?\(?\d[\d ().-]{5,18}\d(?![\w/:]|[.-]\d)/g;
// The regions whose national formats are tried when a number has no international prefix. A number is valid if any
// region accepts it, so the order changes no verdict, only how many parses it takes: Germany's plan (open numbering,
// 4- to 13-digit numbers) accepts almost every national-format number the others do, and as a single-country calling
// code it parses without the search across the NANP countries a US reading needs, so it goes first.
const REGIONS: readonly CountryCode[] = ['DE', 'US', 'GB', 'FR', 'IN', 'CA', 'AU', 'BR', 'ES', 'IT', 'NL', 'MX'];
const TRUNK_REGIONS = REGIONS.filter((r) => r !== 'US' && r !== 'CA');

/**
 * libphonenumber's verdict, from its metadata compiled once (../phone): a parse costs microseconds, so numbers are
 * validated afresh each time rather than cached (on fresh traffic nearly every number is new).
 */
function validPhone(candidate: string, international: boolean): boolean {
  if (international) return isValidPhoneNumber(candidate);
  // A trunk "0" rules out the NANP regions.
  const regions = candidate.startsWith('0') ? TRUNK_REGIONS : REGIONS;
  for (const region of regions) if (isValidPhoneNumber(candidate, region)) return true;
  return false;
}

function digitCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) count++;
  }
  return count;
}

/**
 * Digit groupings that belong to other identifiers: ISO and numeric dates, IPv4 addresses and dotted versions (also in
 * parentheses), SSN-shaped 3-2-4 groups with any one separator, MAC addresses written with digits only.
 */
function otherShape(candidate: string): boolean {
  const core = candidate.replace(/^\(|\)$/g, '');
  return (
    /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(core) ||
    /^\d{1,3}(\.\d{1,3}){2,3}$/.test(core) ||
    /^\d{3}([-. ])\d{2}\1\d{4}$/.test(core) ||
    /^\d\d([-. ])\d\d(?:\1\d\d){4}$/.test(core)
  );
}

/** An account number around the span: IBAN-shaped text ("DE89 3704 …", "GB29-NWBK-…") or an account-named field. */
function accountAround(ctx: ScanContext, start: number): boolean {
  if (/[A-Za-z]{2}\d{2}[ -]?(?:[A-Za-z0-9]{4}[ -]?)*$/.test(ctx.before(start, 40))) return true;
  return ctx.nameIs(ACCOUNT_NAMES) && !ctx.ownNameIs(PHONE_NAMES);
}

/**
 * Phone Number through libphonenumber (Presidio's approach). Digit groups are everywhere in API data (account, tax
 * and organisation numbers, addresses), so a valid number is reported at medium only with an international prefix
 * (+CC), and at high with a phone keyword in the field name or nearby text, in any of the languages listed in
 * PHONE. A national-format number with neither is not reported; nor is any span shaped like another type.
 */
export const phone: Detector = {
  infoType: 'Phone Number',
  credential: false,
  // Without a "+", a phone-like name or a phone word somewhere in the value, no candidate could be reported: most
  // digit-bearing values (amounts, ids, dates) stop here, before any regex.
  floor: floorOf({ digits: 7, notOpaque: true }),
  mayMatch: (text, ctx) => text.includes('+') || ctx.nameIs(PHONE_NAMES) || (ctx.stats.space && ctx.once(PHONE_TEXT)),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    for (const m of matchesOf(PHONE_CANDIDATE, ctx.text)) {
      const candidate = m[0];
      const digits = digitCount(candidate);
      if (digits < 7 || digits > 15 || otherShape(candidate)) continue;
      const end = m.index + candidate.length;
      const international = candidate.startsWith('+');
      const supported = ctx.supported(PHONE, m.index, end);
      if (!international && !supported) continue;
      if (accountAround(ctx, m.index) || !validPhone(candidate, international)) continue;
      out.push(match(this.infoType, m.index, end, supported ? HIGH : MEDIUM));
    }
    return out;
  },
};

const IPV4_CANDIDATE = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d|[-+][A-Za-z])/g;
// An address may end a sentence or a clause: a following '.', ',' or ')' is punctuation, not part of it.
const IPV6_CANDIDATE =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:]|\.[\w])/g;
const VERSION_BEFORE = /(?:version|\bver|\bv|build|release|revision|\brev|firmware|sdk|[A-Za-z]\/)[\s:=#"'-]*$/i;
// "upgrade from 3.2.10.177 to 11.4.8.25": a version word earlier in the same clause also makes a dotted quad a version.
const VERSION_CLAUSE =
  /\b(?:version|upgrad\w*|downgrad\w*|releas\w*|build|revision|firmware|patch\w*|rollback|rolled back)\b[^.;,\n]{0,40}$/i;

/**
 * IP Address (Purview: IPv4 with a keyword is high, IPv6 is strong on its own). Validated with node:net. Dotted
 * quads named or introduced as versions, and netmasks, are left alone.
 */
export const ipAddress: Detector = {
  infoType: 'IP Address',
  credential: false,
  // IPv4 needs dots, IPv6 colons.
  floor: floorOf({ length: 3, notOpaque: true, marks: marksOf('.:') }),
  mayMatch: (_text, ctx) => (ctx.stats.dots >= 3 && ctx.stats.digits >= 4) || ctx.stats.colons >= 2,
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    const versionField = ctx.ownNameIs(VERSION_NAMES);
    if (versionField) return out;
    if (ctx.stats.dots >= 3 && ctx.stats.digits >= 4) {
      for (const m of matchesOf(IPV4_CANDIDATE, ctx.text)) {
        // Loopback, "any" and netmasks identify no host: 127.0.0.1 in a dev connection string is not personal data.
        if (isIP(m[0]) !== 4 || m[0] === '0.0.0.0' || m[0].startsWith('255.') || m[0].startsWith('127.')) continue;
        if (
          VERSION_BEFORE.test(ctx.before(m.index, 24)) ||
          VERSION_CLAUSE.test(ctx.before(m.index, 60).replace(/\d+(?:\.\d+){3}/g, 'v'))
        )
          continue;
        const end = m.index + m[0].length;
        out.push(match(this.infoType, m.index, end, ctx.supported(IP, m.index, end) ? HIGH : MEDIUM));
      }
    }
    if (ctx.stats.colons >= 2) {
      for (const m of matchesOf(IPV6_CANDIDATE, ctx.text)) {
        if (m[0].length < 3 || m[0] === '::1' || isIP(m[0]) !== 6) continue;
        const end = m.index + m[0].length;
        out.push(match(this.infoType, m.index, end, ctx.supported(IP, m.index, end) ? HIGH : MEDIUM));
      }
    }
    return out;
  },
};
