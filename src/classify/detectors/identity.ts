import { HIGH, LOW, MEDIUM } from '../confidence.js';
import type { ScanContext } from '../context.js';
import { runBits } from '../value-stats.js';
import { BIRTH, PASSPORT, SSN } from '../keywords.js';
import type { Match } from '../types.js';
import { monthFromName, plausibleBirthDate, validSsn } from '../validators.js';
import { floorOf, match, matchesOf, type Detector } from './detector.js';

// One delimiter used consistently (Presidio rejects mixed delimiters), or none at all.
const SSN_FORMATTED = /(?<![\w.-])(\d{3})([-. ])(\d{2})\2(\d{4})(?![\w-]|\.\d)/g;
const SSN_UNFORMATTED = /(?<![\w-])\d{9}(?![\w-])/g;

/**
 * Purview's U.S. SSN: formatted + keyword is high (85), unformatted + keyword medium (75); without a keyword a
 * formatted number is medium as a whole field value and low in text, and an unformatted one is nothing (nine digits
 * alone are any id). Numbers the SSA never
 * issues, and the famous sample numbers, are rejected first.
 */
export const ssn: Detector = {
  infoType: 'U.S. Social Security Number (SSN)',
  credential: false,
  // Nine digits in one chain; the formatted number opens with a run of exactly three, the unformatted one is nine.
  floor: floorOf({ digits: 9, chain: 9, notOpaque: true, digitRuns: runBits(3, 9) }),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    for (const m of matchesOf(SSN_FORMATTED, ctx.text)) {
      if (!validSsn(`${m[1]}${m[3]}${m[4]}`)) continue;
      const end = m.index + m[0].length;
      // Presidio scores a formatted number "medium" on its own; we do so only when it is the whole value of a field,
      // where nothing else competes for the shape. Inside free text it stays low without a keyword.
      const wholeField = ctx.field !== undefined && m.index === 0 && end === ctx.text.length && m[2] === '-';
      out.push(match(this.infoType, m.index, end, ctx.supported(SSN, m.index, end) ? HIGH : wholeField ? MEDIUM : LOW));
    }
    for (const m of matchesOf(SSN_UNFORMATTED, ctx.text)) {
      const end = m.index + m[0].length;
      if (validSsn(m[0]) && ctx.supported(SSN, m.index, end)) out.push(match(this.infoType, m.index, end, MEDIUM));
    }
    return out;
  },
};

// U.S. and U.K. passports are 9 digits; U.S. next-generation passports are a letter followed by 8 digits; the
// newest U.K. passports print two letters and seven digits.
const PASSPORT_NUMBER = /(?<![\w-])(?:[A-Z]\d{8}|[A-Z]{2}\d{7}|\d{9})(?![\w-])/g;

/** Purview's U.S./U.K. passport: the number alone is meaningless, so a passport keyword is required (75, 85 on the field name). */
export const passport: Detector = {
  infoType: 'U.S./U.K. Passport Number',
  credential: false,
  // Every printed form is one run of nine letters and digits.
  floor: floorOf({ digits: 7, run: 7, notOpaque: true, alnumRuns: runBits(9) }),
  mayMatch: (text, ctx) => ctx.nameIs(PASSPORT.names) || (ctx.stats.space && PASSPORT.text?.test(text) === true),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    const named = ctx.nameIs(PASSPORT.names);
    for (const m of matchesOf(PASSPORT_NUMBER, ctx.text)) {
      const end = m.index + m[0].length;
      if (/(\d)\1{6}/.test(m[0])) continue;
      if (named) out.push(match(this.infoType, m.index, end, HIGH));
      else if (ctx.textNear(PASSPORT.text, m.index, end)) out.push(match(this.infoType, m.index, end, MEDIUM));
    }
    return out;
  },
};

const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
interface DateForm {
  readonly pattern: RegExp;
  readonly parts: (m: RegExpExecArray) => [number, number, number][];
  readonly namedOnly?: boolean;
}

const DATE_FORMS: readonly DateForm[] = [
  {
    pattern: /(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])/g,
    parts: (m) => [[Number(m[1]), Number(m[3]), Number(m[4])]],
  },
  {
    // Compact ISO 8601 (19850412), only trusted under a birth-date name: in text it is any number.
    pattern: /(?<!\d)(19\d\d|20\d\d)(\d\d)(\d\d)(?!\d)/g,
    parts: (m) => [[Number(m[1]), Number(m[2]), Number(m[3])]],
    namedOnly: true,
  },
  {
    // 04/12/1985 is April 12 in the U.S. and 4 December in Europe: accept the value if either reading is a date.
    pattern: /(?<![\d.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\d.])/g,
    parts: (m) => [
      [Number(m[4]), Number(m[1]), Number(m[3])],
      [Number(m[4]), Number(m[3]), Number(m[1])],
    ],
  },
  {
    // Jan 12, 1985 / Jan 12 '85 / January 12 85
    pattern: new RegExp(`(?<![a-z])${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+'?(\\d{4}|\\d{2})(?!\\d)`, 'gi'),
    parts: (m) => [[fullYear(m[3]), monthFromName(m[1] ?? '') ?? 0, Number(m[2])]],
  },
  {
    // 12 Jan 1985 / 12-Jan-85 / 12th of January, 1985
    pattern: new RegExp(
      `(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+(?:of\\s+)?|-)${MONTH},?[\\s-]'?(\\d{4}|\\d{2})(?!\\d)`,
      'gi',
    ),
    parts: (m) => [[fullYear(m[3]), monthFromName(m[2] ?? '') ?? 0, Number(m[1])]],
  },
  {
    // 04/12/85: two-digit years are only read as birth dates where something says "birth".
    pattern: /(?<![\d.])(\d{1,2})([-/.])(\d{1,2})\2(\d{2})(?![\d.])/g,
    parts: (m) => [
      [fullYear(m[4]), Number(m[1]), Number(m[3])],
      [fullYear(m[4]), Number(m[3]), Number(m[1])],
    ],
  },
];

/** A two-digit birth year is in the past century window: 85 is 1985, 05 is 2005 (never a future year). */
function fullYear(digits: string | undefined, now: Date = new Date()): number {
  const year = Number(digits);
  if (digits === undefined || digits.length !== 2) return year;
  const century = Math.floor(now.getUTCFullYear() / 100) * 100;
  return century + year > now.getUTCFullYear() ? century - 100 + year : century + year;
}

/**
 * Date of Birth: any real date is only a birth date when something says so. Field names (`dob`, `dateOfBirth`) are
 * high; a keyword near a date in text ("born on …") is medium; a date without either is not reported.
 */
export const dateOfBirth: Detector = {
  infoType: 'Date of Birth',
  credential: false,
  plain: true,
  floor: floorOf({ digits: 3 }),
  mayMatch: (text, ctx) => ctx.nameIs(BIRTH.names) || (ctx.stats.space && BIRTH.text?.test(text) === true),
  detect(ctx: ScanContext): Match[] {
    const out: Match[] = [];
    const named = ctx.nameIs(BIRTH.names);
    for (const form of DATE_FORMS) {
      if (form.namedOnly === true && !named) continue;
      for (const m of matchesOf(form.pattern, ctx.text)) {
        if (!form.parts(m).some(([y, mo, d]) => plausibleBirthDate(y, mo, d))) continue;
        const end = m.index + m[0].length;
        if (named) out.push(match(this.infoType, m.index, end, HIGH));
        else if (ctx.textNear(BIRTH.text, m.index, end, 40)) out.push(match(this.infoType, m.index, end, MEDIUM));
      }
    }
    return out;
  },
};
