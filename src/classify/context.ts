import { nameMatches, type NameRule } from './names.js';
import type { FieldContext } from './types.js';

/** Supporting evidence for one info type: names of the field around the value, and words near the match in text. */
export interface Keywords {
  readonly names?: NameRule;
  /** Names of sibling fields that corroborate (a `cvv` next to a card number); not every type trusts siblings. */
  readonly siblings?: NameRule;
  /** Tested, case-insensitively, on the text window around a match. */
  readonly text?: RegExp;
}

/**
 * Default keyword window for built-in types inside text values. Purview uses 300 characters; API text (log lines,
 * query strings, connection strings) packs unrelated fields densely, so a tighter window keeps an "SSN" label from
 * vouching for a neighbouring passport or order number.
 */
export const DEFAULT_PROXIMITY = 60;

/** Character counts of a value, gathered in one pass so each detector's pre-check is a few comparisons. */
export interface TextStats {
  readonly digits: number;
  readonly dots: number;
  readonly colons: number;
  readonly at: boolean;
  readonly equals: boolean;
  readonly space: boolean;
  readonly underscore: boolean;
  readonly dashes: number;
  readonly letters: number;
  readonly upper: number;
  /** The longest run of consecutive digits: most identifiers need a run of a known length. */
  readonly digitRun: number;
  /**
   * The lengths of the value's maximal digit runs as a bit set: bit n for a run of exactly n digits, bit 31 for 31 or
   * more (see `runBits`). A format bounded by non-digits on both sides, such as the 3-2-4 groups of an SSN, needs a run
   * of its group's exact length.
   */
  readonly digitRuns: number;
  /** The same bit set over maximal runs of ASCII letters and digits: a 16-character fiscal code is a run of 16. */
  readonly alnumRuns: number;
  /** Most digits in one chain of digit runs joined by single spaces, dots or dashes ("4111 1111 1111 1111" is 16). */
  readonly digitChain: number;
  /** A letters-and-digits run opens with two letters and two digits, as an IBAN's country and check digits do. */
  readonly ibanStart: boolean;
  /** A letters-and-digits run of 14 or more opens with 1, 3, b or B, as Bitcoin addresses do. */
  readonly walletRun: boolean;
  /**
   * An ISO 8601 timestamp, a UUID, a hex digest or a long base64/base64url token (JWTs, keys, images): the most common
   * digit-heavy values in JSON, and never a card, SSN, phone, passport, IBAN or address. Numeric detectors skip them
   * without running a regex.
   */
  readonly opaqueNumber: boolean;
  /** A timestamp, UUID or hex digest: no type at all fits in it unless its name says so. */
  readonly identifier: boolean;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$/;
// Lower-case hex (digests, ids), any-case hex of a digest's exact length, or a UUID. Upper-case hex of other lengths,
// and anything opening like an IBAN ("de89…", "be23…"), is left alone: IBANs can be all hex characters too.
const HEX_ID =
  /^(?![a-f]{2}\d\d)(?=.*[a-f])[0-9a-f-]{16,}$|^[0-9A-Fa-f]{32}$|^[0-9A-Fa-f]{40}$|^[0-9A-Fa-f]{64}$|^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

// One table lookup per character instead of a chain of comparisons: what each ASCII character counts as.
const DIGIT = 1;
const LETTER = 2;
const UPPER = 4;
/** a-f, A-F and "-": the characters of hex ids and UUIDs besides digits. */
const HEX = 8;
/** Letters and + / = _ . -: the characters of base64, base64url and JWTs besides digits. */
const TOKEN = 16;
const CLASSES = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const lower = c | 0x20;
  const letter = lower >= 97 && lower <= 122;
  let bits = 0;
  if (c >= 48 && c <= 57) bits |= DIGIT;
  if (letter) bits |= LETTER | TOKEN | (c <= 90 ? UPPER : 0);
  if ((letter && lower <= 102) || c === 45) bits |= HEX;
  if (c === 43 || c === 47 || c === 61 || c === 95 || c === 46 || c === 45) bits |= TOKEN;
  CLASSES[c] = bits;
}

/** Run lengths as bits: 1 << n for a run of n (n ≤ 30), bit 31 for any longer run. */
export function runBits(...lengths: readonly number[]): number {
  let bits = 0;
  for (const n of lengths) bits |= 1 << Math.min(n, 31);
  return bits;
}

/** Every run length from `min` up, as bits. */
export function runBitsFrom(min: number): number {
  let bits = 0;
  for (let n = Math.min(min, 31); n <= 31; n++) bits |= 1 << n;
  return bits;
}

/** The statistics of the value a context holds, filled in place so scanning a value allocates no object for them. */
class ValueStats implements TextStats {
  digits = 0;
  dots = 0;
  colons = 0;
  at = false;
  equals = false;
  space = false;
  underscore = false;
  dashes = 0;
  letters = 0;
  upper = 0;
  digitRun = 0;
  digitRuns = 0;
  alnumRuns = 0;
  digitChain = 0;
  ibanStart = false;
  walletRun = false;
  opaqueNumber = false;
  identifier = false;

  fill(text: string): void {
    let digits = 0;
    let dots = 0;
    let colons = 0;
    let at = false;
    let equals = false;
    let space = false;
    let underscore = false;
    let dashes = 0;
    let letters = 0;
    let upper = 0;
    let run = 0;
    let digitRun = 0;
    let digitRuns = 0;
    let alnum = 0;
    let alnumRuns = 0;
    // The chain's digits so far, and whether the previous character was a digit (a separator may follow only one).
    let chain = 0;
    let digitChain = 0;
    let afterDigit = false;
    // The first four characters of the current letters-and-digits run still read letter, letter, digit, digit.
    let ibanHead = false;
    let ibanStart = false;
    // The current run opens with 1, 3, b or B.
    let walletHead = false;
    let walletRun = false;
    // Character classes for the identifier tests, so the common case needs no regex.
    let hexOnly = true;
    let tokenOnly = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const bits = c < 128 ? (CLASSES[c] ?? 0) : 0;
      if ((bits & DIGIT) !== 0) {
        digits++;
        if (++run > digitRun) digitRun = run;
        if (++chain > digitChain) digitChain = chain;
        afterDigit = true;
        if (alnum === 2 || alnum === 3) {
          if (ibanHead && alnum === 3) ibanStart = true;
        } else ibanHead = false;
        if (alnum === 0) walletHead = c === 49 || c === 51;
        alnum++;
        continue;
      }
      if (run > 0) {
        digitRuns |= 1 << (run < 31 ? run : 31);
        run = 0;
      }
      if (afterDigit && (c === 32 || c === 46 || c === 45)) afterDigit = false;
      else {
        chain = 0;
        afterDigit = false;
      }
      if ((bits & LETTER) !== 0) {
        letters++;
        if ((bits & UPPER) !== 0) upper++;
        if (alnum === 0) {
          ibanHead = true;
          walletHead = (c | 0x20) === 98;
        } else if (alnum !== 1) ibanHead = false;
        alnum++;
      } else if (alnum > 0) {
        alnumRuns |= 1 << (alnum < 31 ? alnum : 31);
        if (alnum >= 14 && walletHead) walletRun = true;
        alnum = 0;
      }
      if ((bits & HEX) === 0) hexOnly = false;
      if ((bits & TOKEN) === 0) tokenOnly = false;
      if ((bits & LETTER) !== 0) continue;
      if (c === 46) dots++;
      else if (c === 58) colons++;
      else if (c === 64) at = true;
      else if (c === 61) equals = true;
      else if (c === 32) space = true;
      else if (c === 95) underscore = true;
      else if (c === 45) dashes++;
    }
    if (run > 0) digitRuns |= 1 << (run < 31 ? run : 31);
    if (alnum > 0) alnumRuns |= 1 << (alnum < 31 ? alnum : 31);
    if (alnum >= 14 && walletHead) walletRun = true;
    const candidate = digits >= 4 && !space;
    const identifier =
      candidate &&
      ((text.length >= 16 && text.charCodeAt(4) === 45 && TIMESTAMP.test(text)) ||
        (hexOnly && text.length >= 16 && HEX_ID.test(text)));
    this.digits = digits;
    this.dots = dots;
    this.colons = colons;
    this.at = at;
    this.equals = equals;
    this.space = space;
    this.underscore = underscore;
    this.dashes = dashes;
    this.letters = letters;
    this.upper = upper;
    this.digitRun = digitRun;
    this.digitRuns = digitRuns;
    this.alnumRuns = alnumRuns;
    this.digitChain = digitChain;
    this.ibanStart = ibanStart;
    this.walletRun = walletRun;
    this.identifier = identifier;
    this.opaqueNumber = identifier || (candidate && tokenOnly && text.length >= 40);
  }
}

/**
 * One value being scanned, with what surrounds it. The scanner keeps one context and resets it for each value
 * (`reset`), so a value costs no context, statistics or verdict-cache object; detectors must not keep it past `detect`.
 */
export class ScanContext {
  private readonly values = new ValueStats();
  private statsReady = false;
  /** Verdicts asked for more than once per value (shared prefilters): a few slots, emptied by `reset`. */
  private readonly memoKeys: (RegExp | NameRule)[] = [];
  private readonly memoVerdicts: boolean[] = [];
  private memoCount = 0;

  constructor(
    private current: string,
    private currentField: FieldContext | undefined,
    private currentProximity: number = DEFAULT_PROXIMITY,
  ) {}

  /** Points the context at another value; what was computed for the previous one is dropped. */
  reset(text: string, field: FieldContext | undefined, proximity: number = DEFAULT_PROXIMITY): this {
    this.current = text;
    this.currentField = field;
    this.currentProximity = proximity;
    this.statsReady = false;
    this.memoCount = 0;
    return this;
  }

  get text(): string {
    return this.current;
  }

  get field(): FieldContext | undefined {
    return this.currentField;
  }

  get proximity(): number {
    return this.currentProximity;
  }

  get stats(): TextStats {
    if (!this.statsReady) {
      this.values.fill(this.current);
      this.statsReady = true;
    }
    return this.values;
  }

  /** A pattern's verdict on the whole value, tested once however many detectors ask (shared keyword prefilters). */
  once(pattern: RegExp): boolean {
    const known = this.recalled(pattern);
    return known ?? this.remember(pattern, pattern.test(this.current));
  }

  /** `nameIs`, asked once per value however many detectors share the rule (a prefilter over a family of types). */
  nameOnce(rule: NameRule): boolean {
    const known = this.recalled(rule);
    return known ?? this.remember(rule, this.nameIs(rule));
  }

  private recalled(key: RegExp | NameRule): boolean | undefined {
    for (let i = 0; i < this.memoCount; i++) if (this.memoKeys[i] === key) return this.memoVerdicts[i];
    return undefined;
  }

  private remember(key: RegExp | NameRule, verdict: boolean): boolean {
    this.memoKeys[this.memoCount] = key;
    this.memoVerdicts[this.memoCount++] = verdict;
    return verdict;
  }

  /** The value's own name, the nearest enclosing object's name, or a discriminator value beside it matches the rule. */
  nameIs(rule: NameRule | undefined): boolean {
    if (rule === undefined || this.field === undefined) return false;
    if (nameMatches(this.field.name, rule)) return true;
    const parent = this.field.parents[this.field.parents.length - 1];
    if (parent !== undefined && nameMatches(parent, rule)) return true;
    return this.field.discriminators?.some((value) => nameMatches(value, rule)) ?? false;
  }

  /** Only the value's own name matches (parents do not count). */
  ownNameIs(rule: NameRule): boolean {
    return this.field !== undefined && nameMatches(this.field.name, rule);
  }

  siblingIs(rule: NameRule | undefined): boolean {
    if (rule === undefined || this.field === undefined) return false;
    return this.field.siblings.some((sibling) => nameMatches(sibling, rule));
  }

  /** A keyword within `proximity` characters of the match [start, end). */
  textNear(pattern: RegExp | undefined, start: number, end: number, proximity = this.proximity): boolean {
    if (pattern === undefined) return false;
    const window = this.text.slice(Math.max(0, start - proximity), Math.min(this.text.length, end + proximity));
    return pattern.test(window);
  }

  /** Any supporting evidence for the match: the names around the value, its siblings, or words near it. */
  supported(keywords: Keywords, start: number, end: number, proximity?: number): boolean {
    return (
      this.nameIs(keywords.names) ||
      this.siblingIs(keywords.siblings) ||
      this.textNear(keywords.text, start, end, proximity)
    );
  }

  /** The text just before a match, for negative context such as "version 1.2.3.4". */
  before(start: number, length: number): string {
    return this.text.slice(Math.max(0, start - length), start);
  }
}
