/**
 * What one pass over a value's characters tells the detectors before any of them runs: counts of character classes,
 * run lengths, digit chains and the shapes of the most common opaque values.
 */

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
  /** Which of the structural characters (`marksOf`) the value holds, one bit each. */
  readonly marks: number;
}

/**
 * The characters whose mere presence a format needs: a JWT has dots, an IPv6 address colons, a MAC address colons,
 * dashes or dots, a connection string "=". One bit each, so a detector's floor can ask for any of them in one AND.
 */
const MARK_CHARS = '.:@=-+/_ ;,#%&';
const MARKS = new Uint16Array(128);
for (let i = 0; i < MARK_CHARS.length; i++) MARKS[MARK_CHARS.charCodeAt(i)] = 1 << i;

/** The mark bits of the given structural characters (each one of `.:@=-+/_ ;,#%&`). */
export function marksOf(chars: string): number {
  let bits = 0;
  for (let i = 0; i < chars.length; i++) {
    const bit = MARKS[chars.charCodeAt(i)] ?? 0;
    if (bit === 0) throw new Error(`"${chars.charAt(i)}" is not a structural character the value statistics mark`);
    bits |= bit;
  }
  return bits;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$/;
// Lower-case hex (digests, ids), any-case hex of a digest's exact length, or a UUID. Upper-case hex of other lengths,
// and anything opening like an IBAN ("de89…", "be23…"), is left alone: IBANs can be all hex characters too.
const HEX_ID =
  /^(?![a-f]{2}\d\d)(?=.*[a-f])[0-9a-f-]{16,}$|^[0-9A-Fa-f]{32}$|^[0-9A-Fa-f]{40}$|^[0-9A-Fa-f]{64}$|^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/**
 * HEX_ID's cheap necessary condition: its open-length form needs a letter a-f, the others have exact lengths (digests
 * of 32, 40 and 64 characters, UUIDs of 36). A long run of digits alone, a frequent value, skips the regex, whose
 * lookahead reads the whole value.
 */
function mayBeHexId(length: number, letters: number): boolean {
  return letters > 0 || length === 32 || length === 36 || length === 40 || length === 64;
}

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

/**
 * Every character is a digit or of the class: asked after the counting pass, and only of the few values whose counts
 * leave an identifier possible, so the pass itself tracks no class per character. Most values fail at their first
 * character outside the class.
 */
function only(text: string, cls: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || ((CLASSES[c] as number) & (DIGIT | cls)) === 0) return false;
  }
  return true;
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
export class ValueStats implements TextStats {
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
  marks = 0;

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
    let marks = 0;
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
      if ((bits & LETTER) !== 0) {
        // Letters after a letter (most of most values) only count, lengthen the run and end an IBAN-shaped opening:
        // no digit run, chain or separator can change until the run of letters ends.
        for (let next = i + 1; next < text.length; next++) {
          const n = text.charCodeAt(next);
          const nextBits = n < 128 ? (CLASSES[n] ?? 0) : 0;
          if ((nextBits & LETTER) === 0) break;
          i = next;
          letters++;
          if ((nextBits & UPPER) !== 0) upper++;
          if (alnum !== 1) ibanHead = false;
          alnum++;
        }
        continue;
      }
      if (c < 128) marks |= MARKS[c] as number;
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
        (text.length >= 16 && mayBeHexId(text.length, letters) && only(text, HEX) && HEX_ID.test(text)));
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
    this.marks = marks;
    this.opaqueNumber = identifier || (candidate && text.length >= 40 && only(text, TOKEN));
  }
}
