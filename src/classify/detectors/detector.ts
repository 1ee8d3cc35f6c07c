import type { ScanContext } from '../context.js';
import type { TextStats } from '../value-stats.js';
import type { Match } from '../types.js';

/**
 * One info type's recogniser, in Purview's shape: a primary pattern, validators that must pass, and supporting
 * evidence that raises the confidence. The scanner reads a value's statistics against `floor` first, then calls
 * `mayMatch`, then `detect`: most values stop at the floor, a few comparisons.
 */
export interface Detector {
  readonly infoType: string;
  /** Credential types hide the Generic Secret fallback on the same value (a JWT is not also a "generic" secret). */
  readonly credential: boolean;
  /**
   * Can match a short value with few digits and no `@`, `:` or `.` structure ("Summer2024!", "Bearer xyz")? Only such
   * detectors (passwords and other name-driven types, custom types) run on the short plain values most fields hold.
   */
  readonly plain?: boolean;
  /**
   * What any value the detector can match has, as plain numbers the scanner compares before anything else: most values
   * fail them, and a comparison is much cheaper than one more call through a table of forty different functions.
   * Every condition must follow from the detector's patterns (test/classify/floors.test.ts holds them to it).
   */
  readonly floor?: DetectorFloor;
  /** A further cheap test (names, keywords, literals), only called on values that meet the floor. */
  readonly mayMatch?: ((text: string, ctx: ScanContext) => boolean) | undefined;
  readonly detect: (ctx: ScanContext) => Match[];
}

/** Necessary conditions on a value's statistics (see TextStats); zero means no condition. */
export interface DetectorFloor {
  /** Fewest characters, digits, longest digit run, letters and upper-case letters. */
  readonly length: number;
  readonly digits: number;
  readonly run: number;
  readonly letters: number;
  readonly upper: number;
  /** Timestamps, UUIDs, digests and long tokens cannot hold the type. */
  readonly notOpaque: boolean;
  /** Run lengths (`runBits`) of which the value must hold at least one maximal digit run. */
  readonly digitRuns: number;
  /** Run lengths of which the value must hold at least one maximal run of letters and digits. */
  readonly alnumRuns: number;
  /** Fewest digits in one chain of digit groups joined by single spaces, dots or dashes. */
  readonly chain: number;
  /** A letters-and-digits run must open with two letters and two digits. */
  readonly ibanStart: boolean;
  /** The value must hold an "@". */
  readonly at: boolean;
  /** A letters-and-digits run of 14 or more must open with 1, 3, b or B. */
  readonly walletRun: boolean;
  /**
   * Structural characters (`marksOf(".:")`) of which the value must hold at least one: every match of the detector's
   * patterns has one, whatever the field is called. Zero means no condition, as everywhere in a floor.
   */
  readonly marks: number;
}

export function floorOf(floor: Partial<DetectorFloor>): DetectorFloor {
  return {
    length: 0,
    digits: 0,
    run: 0,
    letters: 0,
    upper: 0,
    notOpaque: false,
    digitRuns: 0,
    alnumRuns: 0,
    chain: 0,
    ibanStart: false,
    at: false,
    walletRun: false,
    marks: 0,
    ...floor,
  };
}

/** The value's statistics fail the floor: the detector cannot match it. */
export function belowFloor(floor: DetectorFloor, length: number, s: TextStats): boolean {
  return (
    length < floor.length ||
    s.digits < floor.digits ||
    s.digitRun < floor.run ||
    s.letters < floor.letters ||
    s.upper < floor.upper ||
    s.digitChain < floor.chain ||
    (floor.notOpaque && s.opaqueNumber) ||
    (floor.ibanStart && !s.ibanStart) ||
    (floor.at && !s.at) ||
    (floor.walletRun && !s.walletRun) ||
    (floor.marks !== 0 && (s.marks & floor.marks) === 0) ||
    (floor.digitRuns !== 0 && (s.digitRuns & floor.digitRuns) === 0) ||
    (floor.alnumRuns !== 0 && (s.alnumRuns & floor.alnumRuns) === 0)
  );
}

/** Every match of a global regex in a text (at most 1,000: one value cannot flood the findings). */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null && out.length < 1000; m = pattern.exec(text)) {
    out.push(m);
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return out;
}

export function match(infoType: string, start: number, end: number, score: number): Match {
  return { infoType, start, end, score };
}
