import { HIGH, MEDIUM } from '../confidence.js';
import type { Keywords, ScanContext } from '../context.js';
import { validBase58Address, validBech32Address } from '../crypto-address.js';
import * as K from '../keywords-national.js';
import * as V from '../national-checksums.js';
import type { BuiltInInfoType, Match } from '../types.js';
import { match, matchesOf, type Detector } from './detector.js';

/**
 * The confidence model of identifiers with a published format, in one table. Each row is Purview's shape: a primary
 * pattern, a validator (check digit, ranges, reserved values) that must pass, supporting keywords in the field name or
 * nearby text that make the match high (85), and what the validated pattern is worth without them:
 *  - `medium`: the format and check together are specific enough to be reported on their own (a check letter over a
 *    structured number, a 32-bit checksum);
 *  - `keyword`: no check, or a short all-digit one (Luhn, mod 10, mod 11) that one random number in ten or eleven
 *    passes: as in Purview's definitions of these types, only reported with a keyword. Values without one are not
 *    even matched, which keeps the many digit runs of API traffic cheap.
 */
export type Alone = 'medium' | 'keyword';

/** Which default label a type falls under (see labels.ts): identity numbers are restricted, account numbers personal. */
export type IdentifierLabel = 'restricted' | 'personal';

export interface IdentifierSpec {
  readonly infoType: BuiltInInfoType;
  readonly label: IdentifierLabel;
  /** The format has a published check digit or checksum: the type is held to the checksum targets. */
  readonly checked: boolean;
  readonly pattern: RegExp;
  readonly valid: (compact: string) => boolean;
  readonly keywords: Keywords;
  readonly alone: Alone;
  /** Stronger evidence some valid values carry (a check digit on older numbers): then they count as `medium`. */
  readonly checksum?: (compact: string) => boolean;
  /** The value the validator reads; by default upper case without the separators people print between groups. */
  readonly compact?: (raw: string) => string;
  /** Fewest digits a value must hold to be worth the regex. */
  readonly minDigits: number;
  /** Fewest letters (upper case where the format is upper case) the printed forms always have. */
  readonly minLetters?: number;
  readonly minUpper?: number;
  /** The shortest printed form, in characters. */
  readonly minLength: number;
  /** The longest digit run the printed forms always have (an NRIC has seven in a row, a spaced NIR one). */
  readonly minRun: number;
  /** Values that are long runs of base58/base64 letters can hold this type (wallet addresses). */
  readonly inTokens?: boolean;
}

const D = '(?<![\\w-])';
const E = '(?![\\w-])';

export const IDENTIFIER_SPECS: readonly IdentifierSpec[] = [
  {
    infoType: 'U.S. Individual Taxpayer Identification Number (ITIN)',
    label: 'restricted',
    checked: false,
    pattern: new RegExp(`${D}9\\d{2}([- ]?)\\d{2}\\1\\d{4}${E}`, 'g'),
    valid: V.validItin,
    keywords: K.ITIN_KW,
    alone: 'keyword',
    minDigits: 9,
    minLength: 9,
    minRun: 3,
  },
  {
    infoType: 'ABA Routing Number',
    label: 'personal',
    checked: true,
    pattern: new RegExp(`${D}\\d{4}-?\\d{4}-?\\d${E}`, 'g'),
    valid: V.validAbaRouting,
    keywords: K.ABA_KW,
    alone: 'keyword',
    minDigits: 9,
    minLength: 9,
    minRun: 4,
  },
  {
    infoType: 'U.K. National Insurance Number (NINO)',
    label: 'restricted',
    checked: false,
    pattern: /(?<![A-Za-z0-9])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g,
    valid: V.validNino,
    keywords: K.NINO_KW,
    alone: 'medium',
    minDigits: 6,
    minUpper: 3,
    minLength: 9,
    minRun: 2,
  },
  {
    infoType: 'U.K. National Health Service Number',
    label: 'restricted',
    checked: true,
    pattern: new RegExp(`${D}\\d{3}([ -]?)\\d{3}\\1\\d{4}${E}`, 'g'),
    valid: V.validNhs,
    keywords: K.NHS_KW,
    alone: 'keyword',
    minDigits: 10,
    minLength: 10,
    minRun: 3,
  },
  {
    infoType: 'Canada Social Insurance Number',
    label: 'restricted',
    checked: true,
    pattern: new RegExp(`${D}\\d{3}([ -]?)\\d{3}\\1\\d{3}${E}`, 'g'),
    valid: V.validCanadaSin,
    keywords: K.SIN_KW,
    alone: 'keyword',
    minDigits: 9,
    minLength: 9,
    minRun: 3,
  },
  {
    infoType: 'Australia Tax File Number',
    label: 'restricted',
    checked: true,
    pattern: new RegExp(`${D}\\d{3}([ -]?)\\d{3}\\1\\d{3}${E}`, 'g'),
    valid: V.validTfn,
    keywords: K.TFN_KW,
    alone: 'keyword',
    minDigits: 9,
    minLength: 9,
    minRun: 3,
  },
  {
    infoType: 'Australia Business Number',
    label: 'personal',
    checked: true,
    pattern: new RegExp(`${D}\\d{2}( ?)\\d{3}\\1\\d{3}\\1\\d{3}${E}`, 'g'),
    valid: V.validAbn,
    keywords: K.ABN_KW,
    alone: 'keyword',
    minDigits: 11,
    minLength: 11,
    minRun: 2,
  },
  {
    infoType: 'Australia Medical Account Number',
    label: 'restricted',
    checked: true,
    pattern: new RegExp(`${D}[2-6]\\d{3}( ?)\\d{5}\\1\\d(?:[ /-]?\\d)?${E}`, 'g'),
    valid: V.validMedicare,
    keywords: K.MEDICARE_KW,
    alone: 'keyword',
    minDigits: 10,
    minLength: 10,
    minRun: 4,
  },
  {
    infoType: 'India Permanent Account Number (PAN)',
    label: 'restricted',
    checked: false,
    // The fourth letter is the holder's category (P person, C company, H family, F firm …).
    pattern: /(?<![A-Za-z0-9])[A-Z]{3}[ABCFGHLJPTK][A-Z]\d{4}[A-Z](?![A-Za-z0-9])/g,
    valid: () => true,
    keywords: K.INDIA_PAN_KW,
    alone: 'medium',
    minDigits: 4,
    minUpper: 6,
    minLength: 10,
    minRun: 4,
  },
  {
    infoType: 'India Unique Identification (Aadhaar) Number',
    label: 'restricted',
    checked: true,
    pattern: new RegExp(`${D}[2-9]\\d{3}([ -]?)\\d{4}\\1\\d{4}${E}`, 'g'),
    valid: V.validAadhaar,
    keywords: K.AADHAAR_KW,
    alone: 'keyword',
    minDigits: 12,
    minLength: 12,
    minRun: 4,
  },
  {
    infoType: 'Spain DNI',
    label: 'restricted',
    checked: true,
    pattern: new RegExp(`${D}\\d{8}-?[A-Za-z]${E}`, 'g'),
    valid: V.validSpainDni,
    keywords: K.DNI_KW,
    alone: 'medium',
    minDigits: 8,
    minLetters: 1,
    minLength: 9,
    minRun: 8,
  },
  {
    infoType: 'Spain NIE',
    label: 'restricted',
    checked: true,
    pattern: new RegExp(`${D}[XYZxyz]-?\\d{7}-?[A-Za-z]${E}`, 'g'),
    valid: V.validSpainNie,
    keywords: K.NIE_KW,
    alone: 'medium',
    minDigits: 7,
    minLetters: 2,
    minLength: 9,
    minRun: 7,
  },
  {
    infoType: 'Italy Fiscal Code',
    label: 'restricted',
    checked: true,
    pattern:
      /(?<![A-Za-z0-9])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![A-Za-z0-9])/g,
    valid: V.validCodiceFiscale,
    keywords: K.CODICE_FISCALE_KW,
    alone: 'medium',
    minDigits: 2,
    minLetters: 9,
    minLength: 16,
    minRun: 2,
  },
  {
    infoType: 'France Social Security Number (INSEE)',
    label: 'restricted',
    checked: true,
    pattern: new RegExp(`${D}[1278] ?\\d{2} ?\\d{2} ?(?:\\d{2}|2[ABab]) ?\\d{3} ?\\d{3} ?\\d{2}${E}`, 'g'),
    valid: V.validFranceNir,
    keywords: K.NIR_KW,
    alone: 'medium',
    minDigits: 13,
    minLength: 15,
    minRun: 1,
  },
  {
    infoType: 'German Tax Identification Number',
    label: 'restricted',
    checked: true,
    pattern: new RegExp(`${D}[1-9]\\d( ?)\\d{3}\\1\\d{3}\\1\\d{3}${E}`, 'g'),
    valid: V.validGermanTaxId,
    keywords: K.GERMAN_TAX_KW,
    alone: 'keyword',
    minDigits: 11,
    minLength: 11,
    minRun: 2,
  },
  {
    infoType: 'Poland National ID (PESEL)',
    label: 'restricted',
    checked: true,
    pattern: new RegExp(`${D}\\d{11}${E}`, 'g'),
    valid: V.validPesel,
    keywords: K.PESEL_KW,
    alone: 'keyword',
    minDigits: 11,
    minLength: 11,
    minRun: 11,
  },
  {
    infoType: 'Singapore National Registration Identity Card (NRIC) Number',
    label: 'restricted',
    checked: true,
    pattern: /(?<![A-Za-z0-9])[STFGstfg]\d{7}[A-Za-z](?![A-Za-z0-9])/g,
    valid: V.validNric,
    keywords: K.NRIC_KW,
    alone: 'medium',
    minDigits: 7,
    minLetters: 2,
    minLength: 9,
    minRun: 7,
  },
  {
    infoType: 'South Korea Resident Registration Number',
    label: 'restricted',
    checked: false,
    pattern: new RegExp(`${D}\\d{6}-?[1-8]\\d{6}${E}`, 'g'),
    valid: V.rrnShape,
    checksum: V.validRrnChecksum,
    keywords: K.RRN_KW,
    alone: 'keyword',
    minDigits: 13,
    minLength: 13,
    minRun: 6,
  },
  {
    infoType: 'Crypto Wallet Address',
    label: 'personal',
    checked: true,
    pattern:
      /(?<![A-Za-z0-9])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,71}|BC1[02-9AC-HJ-NP-Z]{11,71})(?![A-Za-z0-9])/g,
    valid: (a) => (/^bc1/i.test(a) ? validBech32Address(a) : validBase58Address(a)),
    // Base58 is case-sensitive: the address is checked as written.
    compact: (raw) => raw,
    keywords: K.WALLET_KW,
    alone: 'medium',
    minDigits: 1,
    minLength: 26,
    minRun: 0,
    inTokens: true,
  },
];

/** Every keyword of the keyword-only types in one pattern: one test per value decides whether any of them may apply. */
const ANY_KEYWORD = new RegExp(
  IDENTIFIER_SPECS.filter((s) => s.alone === 'keyword' && s.keywords.text !== undefined)
    .map((s) => s.keywords.text?.source)
    .join('|'),
  'i',
);

/** Upper case without the separators people print between groups. */
function compactOf(raw: string): string {
  return raw.replace(/[ ./-]/g, '').toUpperCase();
}

function scoreOf(spec: IdentifierSpec, compact: string, keyword: boolean): number | undefined {
  if (keyword) return HIGH;
  if (spec.checksum?.(compact) === true) return MEDIUM;
  switch (spec.alone) {
    case 'medium':
      return MEDIUM;
    case 'keyword':
      return undefined;
  }
}

export function identifierDetector(spec: IdentifierSpec): Detector {
  const names = spec.keywords.names;
  const text = spec.keywords.text;
  return {
    infoType: spec.infoType,
    credential: false,
    mayMatch: (value, ctx) =>
      value.length >= spec.minLength &&
      ctx.stats.letters >= (spec.minLetters ?? 0) &&
      ctx.stats.upper >= (spec.minUpper ?? 0) &&
      ctx.stats.digits >= spec.minDigits &&
      ctx.stats.digitRun >= spec.minRun &&
      (spec.inTokens === true || !ctx.stats.opaqueNumber) &&
      (spec.alone !== 'keyword' ||
        spec.checksum !== undefined ||
        ctx.nameIs(names) ||
        (ctx.stats.space && ctx.once(ANY_KEYWORD) && text?.test(value) === true)),
    detect(ctx: ScanContext): Match[] {
      const out: Match[] = [];
      for (const m of matchesOf(spec.pattern, ctx.text)) {
        const compact = (spec.compact ?? compactOf)(m[0]);
        if (!spec.valid(compact)) continue;
        const end = m.index + m[0].length;
        const score = scoreOf(spec, compact, ctx.supported(spec.keywords, m.index, end));
        if (score !== undefined) out.push(match(spec.infoType, m.index, end, score));
      }
      return out;
    },
  };
}

export const IDENTIFIER_DETECTORS: readonly Detector[] = IDENTIFIER_SPECS.map(identifierDetector);
