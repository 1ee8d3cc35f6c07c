import { LOW, MEDIUM, HIGH } from '../confidence.js';
import type { ScanContext } from '../context.js';
import { CARD, ID_BEFORE, NON_PAYMENT_CARD } from '../keywords.js';
import { IBAN_LENGTHS } from '../iban-countries.js';
import type { Match } from '../types.js';
import { luhn, validIban } from '../validators.js';
import { cardGrouping, hasIssuerFormat, isTestCardNumber } from './cards.js';
import { floorOf, match, matchesOf, type Detector } from './detector.js';

/**
 * A checksum-valid number inside free text, not introduced as an order, invoice or other id: people paste card numbers
 * into messages without saying "card". A whole field value has its name as evidence instead, so there a bare number
 * stays low (order and tracking numbers pass Luhn one time in ten).
 */
export function inProse(ctx: ScanContext, start: number, end: number): boolean {
  if (start === 0 && end === ctx.text.length) return false;
  return !ID_BEFORE.test(ctx.before(start, 24));
}

// A digit run that is a URL path segment (…/workflows/T…/620856…/…) is an id in a route, not a card.
const CARD_CANDIDATE = /(?<![\w./-])\d(?:[ .-]?\d){11,18}(?!\w|[.-]\d|\/)/g;

/**
 * Purview's Credit Card Number: Luhn + issuer format is low (65) on its own; printed card grouping, or sitting in prose
 * without an id word before it, raises it to medium; a card keyword in the field name, a sibling such as `cvv`/`expMonth`, or nearby text makes it high (85).
 */
export const creditCard: Detector = {
  infoType: 'Credit Card Number',
  credential: false,
  // Twelve to nineteen digits with at most one separator between any two.
  floor: floorOf({ digits: 12, chain: 12, notOpaque: true }),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    if (ctx.nameIs(NON_PAYMENT_CARD)) return out;
    for (const m of matchesOf(CARD_CANDIDATE, ctx.text)) {
      const grouping = cardGrouping(m[0]);
      if (grouping === 'other') continue;
      const digits = m[0].replace(/[ .-]/g, '');
      if (!hasIssuerFormat(digits) || !luhn(digits) || isTestCardNumber(digits)) continue;
      const end = m.index + m[0].length;
      const score = ctx.supported(CARD, m.index, end)
        ? HIGH
        : grouping === 'card' || inProse(ctx, m.index, end)
          ? MEDIUM
          : LOW;
      out.push(match(this.infoType, m.index, end, score));
    }
    return out;
  },
};

const IBAN_START = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?=[ -]?[A-Za-z0-9])/g;

function alnum(ch: string): boolean {
  const c = ch.charCodeAt(0) | 0x20;
  return (c >= 97 && c <= 122) || (ch >= '0' && ch <= '9');
}

/**
 * Reads an IBAN of the country's length from `start`, allowing single spaces or dashes between characters (print
 * formats; one kind per IBAN). People type IBANs in lower case too; a mixed-case run is a random token, not an IBAN.
 */
function readIban(text: string, start: number): { compact: string; end: number } | undefined {
  const length = IBAN_LENGTHS[text.slice(start, start + 2).toUpperCase()];
  if (length === undefined) return undefined;
  let compact = '';
  let separator: string | undefined;
  let i = start;
  while (i < text.length && compact.length < length) {
    const ch = text.charAt(i);
    if (alnum(ch)) compact += ch;
    else if ((ch === ' ' || ch === '-') && (separator ?? ch) === ch && alnum(text.charAt(i + 1))) separator = ch;
    else break;
    i++;
  }
  if (compact.length !== length || (i < text.length && alnum(text.charAt(i)))) return undefined;
  if (compact !== compact.toUpperCase() && compact !== compact.toLowerCase()) return undefined;
  return { compact: compact.toUpperCase(), end: i };
}

/** Purview's IBAN: country + check digits + BBAN of the country's length, mod-97 valid; the checksum alone is high. */
export const iban: Detector = {
  infoType: 'International Banking Account Number (IBAN)',
  credential: false,
  floor: floorOf({ length: 15, digits: 4, notOpaque: true, ibanStart: true }),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    // A group inside an IBAN already read can open another ("… AAAA BE68 5390 …"): it is part of that number.
    let readUpTo = 0;
    for (const m of matchesOf(IBAN_START, ctx.text)) {
      if (m.index < readUpTo) continue;
      const read = readIban(ctx.text, m.index);
      if (read === undefined || !validIban(read.compact)) continue;
      // An account part filled with zeros is filler. Zero runs inside the BBAN are normal (Kuwait, Jordan and
      // Seychelles pad their account numbers), so only a zero-filled end counts.
      if (/0{10}$/.test(read.compact)) continue;
      out.push(match(this.infoType, m.index, read.end, HIGH));
      readUpTo = read.end;
    }
    return out;
  },
};
