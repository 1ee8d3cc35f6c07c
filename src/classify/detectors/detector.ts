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
  readonly mayMatch: (text: string, ctx: ScanContext) => boolean;
  readonly detect: (ctx: ScanContext) => Match[];
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
