import { detach } from './detach.js';
import { hash32 } from '../util/random.js';

/** HyperLogLog precision: 2^12 registers (4 KiB), about 1.6 % standard error. */
const P = 12;
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);

export interface DistinctCount {
  readonly count: number;
  /** True once the exact cap was passed and the count is a HyperLogLog estimate. */
  readonly estimated: boolean;
}

/**
 * Distinct values (callers), exact up to a cap, then a HyperLogLog sketch (Flajolet et al. 2007): memory per
 * endpoint stays bounded whatever the log size.
 */
export class DistinctCounter {
  private exact: Set<string> | null = new Set();
  private registers: Uint8Array | null = null;

  constructor(private readonly cap = 1000) {}

  add(value: string): void {
    if (this.exact) {
      if (this.exact.has(value)) return;
      this.exact.add(detach(value));
      if (this.exact.size <= this.cap) return;
      this.registers = new Uint8Array(M);
      for (const v of this.exact) this.addToSketch(v);
      this.exact = null;
      return;
    }
    this.addToSketch(value);
  }

  private addToSketch(value: string): void {
    const h = hash32(value, 0x5bd1e995);
    const index = h >>> (32 - P);
    const rest = (h << P) >>> 0;
    const rank = rest === 0 ? 32 - P + 1 : Math.clz32(rest) + 1;
    const registers = this.registers!;
    if (rank > registers[index]!) registers[index] = rank;
  }

  result(): DistinctCount {
    if (this.exact) return { count: this.exact.size, estimated: false };
    const registers = this.registers!;
    let sum = 0;
    let zeros = 0;
    for (const r of registers) {
      sum += 2 ** -r;
      if (r === 0) zeros += 1;
    }
    let estimate = (ALPHA * M * M) / sum;
    // Small-range correction: linear counting while many registers are still empty.
    if (estimate <= 2.5 * M && zeros > 0) estimate = M * Math.log(M / zeros);
    return { count: Math.round(estimate), estimated: true };
  }
}
