import type { ScanContext } from '../context.js';
import type { Match } from '../types.js';

/**
 * One info type's recogniser, in Purview's shape: a primary pattern, validators that must pass, and supporting
 * evidence that raises the confidence. `mayMatch` is a cheap test that lets the scanner skip most values.
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
   * Necessary conditions of `mayMatch` as plain numbers, checked by the scanner before it calls `mayMatch`: most values
   * fail them, and a comparison is much cheaper than one more call through a table of forty different functions.
   */
  readonly floor?: DetectorFloor;
  readonly mayMatch: (text: string, ctx: ScanContext) => boolean;
  readonly detect: (ctx: ScanContext) => Match[];
}

/** Fewest characters, digits, longest digit run, letters and upper-case letters a value must have to match. */
export interface DetectorFloor {
  readonly length: number;
  readonly digits: number;
  readonly run: number;
  readonly letters: number;
  readonly upper: number;
  /** Timestamps, UUIDs, digests and long tokens cannot hold the type. */
  readonly notOpaque: boolean;
}

export function floorOf(floor: Partial<DetectorFloor>): DetectorFloor {
  return { length: 0, digits: 0, run: 0, letters: 0, upper: 0, notOpaque: false, ...floor };
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
