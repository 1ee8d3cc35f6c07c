import { HIGH, MEDIUM } from '../confidence.js';
import type { Keywords, ScanContext } from '../context.js';
import type { NameRule } from '../names.js';
import type { BuiltInInfoType, Match } from '../types.js';
import { floorOf, match, matchesOf, type Detector } from './detector.js';
import { matchesAtRuns } from './run-matches.js';
import type { RunShape } from './run-shapes.js';
import { IDENTIFIER_SPECS } from './identifier-specs.js';

export { IDENTIFIER_SPECS } from './identifier-specs.js';

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
  /**
   * Run lengths (`runBits`) of which every printed form holds at least one maximal digit run, or one maximal run of
   * letters and digits: the first group of a grouped form, or the whole of a compact one.
   */
  readonly digitRuns?: number;
  readonly alnumRuns?: number;
  /** Fewest digits the printed forms hold in one chain of groups joined by single spaces, dots or dashes. */
  readonly minChain?: number;
  /** The value is a Bitcoin address: a run of 14 or more letters and digits opening with 1, 3, b or B. */
  readonly walletRun?: boolean;
  /** Every match of the pattern is one whole run of this shape: it is then only tried at such runs (matchesAtRuns). */
  readonly wholeRun?: RunShape;
}

/** The types matched only where a keyword says so: no check digit makes any of their values medium alone. */
const KEYWORD_ONLY = IDENTIFIER_SPECS.filter((s) => s.alone === 'keyword' && s.checksum === undefined);

/** Every keyword of the keyword-only types in one pattern: one test per value decides whether any of them may apply. */
const ANY_KEYWORD = new RegExp(
  KEYWORD_ONLY.filter((s) => s.keywords.text !== undefined)
    .map((s) => s.keywords.text?.source)
    .join('|'),
  'i',
);

/** Every field-name rule of the keyword-only types: one cached lookup per name rules all of them out at once. */
const ANY_NAME: NameRule = {
  tokens: KEYWORD_ONLY.flatMap((s) => s.keywords.names?.tokens ?? []),
  joined: KEYWORD_ONLY.flatMap((s) => s.keywords.names?.joined ?? []),
};

/**
 * Upper case without the separators people print between groups. Most matches are digits alone, or already upper case
 * without separators: those are returned as they are, without building two new strings.
 */
function compactOf(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 32 || c === 46 || c === 47 || c === 45 || c >= 97) return raw.replace(/[ ./-]/g, '').toUpperCase();
  }
  return raw;
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
    floor: floorOf({
      length: spec.minLength,
      digits: spec.minDigits,
      run: spec.minRun,
      letters: spec.minLetters ?? 0,
      upper: spec.minUpper ?? 0,
      notOpaque: spec.inTokens !== true,
      digitRuns: spec.digitRuns ?? 0,
      alnumRuns: spec.alnumRuns ?? 0,
      chain: spec.minChain ?? 0,
      walletRun: spec.walletRun ?? false,
    }),
    // Formats reported only with a keyword are not even matched without one.
    mayMatch:
      spec.alone !== 'keyword' || spec.checksum !== undefined
        ? undefined
        : (value, ctx) =>
            (ctx.nameOnce(ANY_NAME) && ctx.nameIs(names)) ||
            (ctx.stats.space && ctx.once(ANY_KEYWORD) && text?.test(value) === true),
    detect(ctx: ScanContext): Match[] {
      const out: Match[] = [];
      const found =
        spec.wholeRun === undefined
          ? matchesOf(spec.pattern, ctx.text)
          : matchesAtRuns(spec.pattern, ctx.text, [spec.wholeRun]);
      for (const m of found) {
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
