import type { TextStats } from '../value-stats.js';
import type { Detector, DetectorFloor } from './detector.js';

/**
 * Every detector's floor (see DetectorFloor) turned into lookup tables over one classifier's detector list, so the
 * scanner learns which detectors a value meets with a dozen table reads instead of a dozen comparisons per detector:
 * bit i of the result is detector i, and most values leave only a few bits set. The answer is exactly `belowFloor`'s,
 * detector by detector (test/classify/floors.test.ts holds the two to each other).
 */
export class FloorIndex {
  /** 32-bit words per mask: one bit per detector. */
  readonly words: number;
  private readonly all: Int32Array;
  /** Per numeric condition, indexed by the value's statistic (capped at the highest floor): who accepts it. */
  private readonly length: Int32Array;
  private readonly lengthCap: number;
  private readonly digits: Int32Array;
  private readonly digitsCap: number;
  private readonly run: Int32Array;
  private readonly runCap: number;
  private readonly letters: Int32Array;
  private readonly lettersCap: number;
  private readonly upper: Int32Array;
  private readonly upperCap: number;
  private readonly chain: Int32Array;
  private readonly chainCap: number;
  /** Detectors without the condition: the only ones left when the value lacks the property. */
  private readonly opaqueOk: Int32Array;
  private readonly noIbanStart: Int32Array;
  private readonly noAt: Int32Array;
  private readonly noWalletRun: Int32Array;
  private readonly plainOnly: Int32Array;
  /** Per run-length bit: detectors whose run condition that bit meets; plus those with no run condition. */
  private readonly digitRunBits: Int32Array;
  private readonly anyDigitRun: Int32Array;
  private readonly alnumRunBits: Int32Array;
  private readonly anyAlnumRun: Int32Array;
  /** Per structural-character bit: detectors that character satisfies; plus those with no such condition. */
  private readonly markBits: Int32Array;
  private readonly anyMark: Int32Array;

  constructor(detectors: readonly Detector[]) {
    const words = (this.words = Math.max(1, Math.ceil(detectors.length / 32)));
    const floors = detectors.map((d) => d.floor);
    const mask = (accepts: (floor: DetectorFloor | undefined, i: number) => boolean): Int32Array => {
      const out = new Int32Array(words);
      floors.forEach((floor, i) => {
        if (accepts(floor, i)) out[i >>> 5] = (out[i >>> 5] ?? 0) | (1 << (i & 31));
      });
      return out;
    };
    const table = (of: (floor: DetectorFloor) => number): [Int32Array, number] => {
      const cap = Math.max(0, ...floors.map((f) => (f === undefined ? 0 : of(f))));
      const out = new Int32Array((cap + 1) * words);
      for (let value = 0; value <= cap; value++)
        out.set(
          mask((f) => f === undefined || of(f) <= value),
          value * words,
        );
      return [out, cap];
    };
    const bitTable = (of: (floor: DetectorFloor) => number): Int32Array => {
      const out = new Int32Array(32 * words);
      for (let bit = 0; bit < 32; bit++)
        out.set(
          mask((f) => f !== undefined && (of(f) & (1 << bit)) !== 0),
          bit * words,
        );
      return out;
    };
    this.all = mask(() => true);
    [this.length, this.lengthCap] = table((f) => f.length);
    [this.digits, this.digitsCap] = table((f) => f.digits);
    [this.run, this.runCap] = table((f) => f.run);
    [this.letters, this.lettersCap] = table((f) => f.letters);
    [this.upper, this.upperCap] = table((f) => f.upper);
    [this.chain, this.chainCap] = table((f) => f.chain);
    this.opaqueOk = mask((f) => f === undefined || !f.notOpaque);
    this.noIbanStart = mask((f) => f === undefined || !f.ibanStart);
    this.noAt = mask((f) => f === undefined || !f.at);
    this.noWalletRun = mask((f) => f === undefined || !f.walletRun);
    this.plainOnly = mask((_, i) => detectors[i]?.plain === true);
    this.digitRunBits = bitTable((f) => f.digitRuns);
    this.anyDigitRun = mask((f) => f === undefined || f.digitRuns === 0);
    this.alnumRunBits = bitTable((f) => f.alnumRuns);
    this.anyAlnumRun = mask((f) => f === undefined || f.alnumRuns === 0);
    this.markBits = bitTable((f) => f.marks);
    this.anyMark = mask((f) => f === undefined || f.marks === 0);
  }

  /**
   * Writes into `out` (`words` long) the detectors whose floor the value meets; with `plain`, only those that read
   * plain values.
   */
  select(length: number, s: TextStats, plain: boolean, out: Int32Array): void {
    const words = this.words;
    const atLength = (length < this.lengthCap ? length : this.lengthCap) * words;
    const atDigits = (s.digits < this.digitsCap ? s.digits : this.digitsCap) * words;
    const atRun = (s.digitRun < this.runCap ? s.digitRun : this.runCap) * words;
    const atLetters = (s.letters < this.lettersCap ? s.letters : this.lettersCap) * words;
    const atUpper = (s.upper < this.upperCap ? s.upper : this.upperCap) * words;
    const atChain = (s.digitChain < this.chainCap ? s.digitChain : this.chainCap) * words;
    for (let w = 0; w < words; w++) {
      let m =
        (this.all[w] as number) &
        (this.length[atLength + w] as number) &
        (this.digits[atDigits + w] as number) &
        (this.run[atRun + w] as number) &
        (this.letters[atLetters + w] as number) &
        (this.upper[atUpper + w] as number) &
        (this.chain[atChain + w] as number);
      if (plain) m &= this.plainOnly[w] as number;
      if (s.opaqueNumber) m &= this.opaqueOk[w] as number;
      if (!s.ibanStart) m &= this.noIbanStart[w] as number;
      if (!s.at) m &= this.noAt[w] as number;
      if (!s.walletRun) m &= this.noWalletRun[w] as number;
      if (m !== 0) m &= runsMet(this.digitRunBits, this.anyDigitRun[w] as number, s.digitRuns, words, w);
      if (m !== 0) m &= runsMet(this.alnumRunBits, this.anyAlnumRun[w] as number, s.alnumRuns, words, w);
      if (m !== 0) m &= runsMet(this.markBits, this.anyMark[w] as number, s.marks, words, w);
      out[w] = m;
    }
  }
}

/** Detectors of word `w` with no condition of the kind, or one that a bit present in `bits` (run lengths, marks) meets. */
function runsMet(table: Int32Array, unconditioned: number, runs: number, words: number, w: number): number {
  let met = unconditioned;
  for (let rest = runs; rest !== 0; rest &= rest - 1) {
    const bit = 31 - Math.clz32(rest & -rest);
    met |= table[bit * words + w] as number;
  }
  return met;
}
