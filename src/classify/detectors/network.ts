import { HIGH, MEDIUM } from '../confidence.js';
import type { ScanContext } from '../context.js';
import { MAC_KW } from '../keywords-national.js';
import type { Match } from '../types.js';
import { decodeUriSafe, isPlaceholder } from '../validators.js';
import { floorOf, match, matchesOf, type Detector } from './detector.js';
import { marksOf } from '../value-stats.js';
import { matchesAtRuns } from './run-matches.js';
import { asciiClass, runShape, type RunShape } from './run-shapes.js';

// IEEE 802 MAC-48 in its printed forms: six hex pairs joined by one kind of separator, or Cisco's three dotted quads.
export const MAC_CANDIDATE =
  /(?<![0-9A-Fa-f:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])|(?<![0-9A-Fa-f.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![0-9A-Fa-f.])/g;
/** What each form of MAC_CANDIDATE always is: a whole run of 17 hex digits and : or -, or of 14 hex digits and dots. */
export const MAC_RUNS: readonly RunShape[] = [
  runShape(asciiClass(/[0-9A-Fa-f:-]/), 17),
  runShape(asciiClass(/[0-9A-Fa-f.]/), 14),
];

/**
 * MAC Address (Presidio's MAC_ADDRESS): the printed shape is specific enough to be medium alone, high with a keyword.
 * The all-zero and broadcast addresses identify no device.
 */
export const macAddress: Detector = {
  infoType: 'MAC Address',
  credential: false,
  // Both printed forms join their groups with ":", "-" or ".".
  floor: floorOf({ length: 14, marks: marksOf(':-.') }),
  mayMatch: (_text, ctx) =>
    !ctx.stats.identifier &&
    // Cisco's dotted form shares its dots with host names and versions: only read it where a name says MAC.
    (ctx.stats.colons >= 5 || ctx.stats.dashes >= 5 || (ctx.stats.dots >= 2 && ctx.nameIs(MAC_KW.names))),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    for (const m of matchesAtRuns(MAC_CANDIDATE, ctx.text, MAC_RUNS)) {
      const hex = m[0].replace(/[:.-]/g, '').toLowerCase();
      if (/^0+$|^f+$/.test(hex)) continue;
      const end = m.index + m[0].length;
      out.push(match(this.infoType, m.index, end, ctx.supported(MAC_KW, m.index, end) ? HIGH : MEDIUM));
    }
    return out;
  },
};

const URL_CREDENTIAL = /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s:@/?#"']*:([^\s@/?#"']{3,})@[A-Za-z0-9.-]+/gi;

/**
 * URL with Embedded Credentials (detect-secrets' BasicAuthDetector): `scheme://user:password@host`, as connection
 * URLs for databases, caches and brokers carry them. Template variables and placeholders in the password are not.
 */
export const urlCredentials: Detector = {
  infoType: 'URL with Embedded Credentials',
  credential: true,
  floor: floorOf({ length: 12, at: true, marks: marksOf(':') }),
  mayMatch: (text) => text.includes('://'),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    for (const m of matchesOf(URL_CREDENTIAL, ctx.text)) {
      const password = decodeUriSafe(m[1] ?? '');
      if (isPlaceholder(password) || /^\$\{.*\}$|^\$\w+$|^\{\{.*\}\}$/.test(password)) continue;
      out.push(match(this.infoType, m.index, m.index + m[0].length, HIGH));
    }
    return out;
  },
};
