import { ConfigError } from '../util/errors.js';
import type { SeededRandom } from '../util/random.js';

export interface SamplingOptions {
  /** Rows kept per endpoint (default 50). 0 keeps none. */
  readonly size?: number;
  /** Fraction of rows considered for the sample, 0–1 (default 1): below 1 it thins huge logs before the reservoir. */
  readonly rate?: number;
  /** Seed of the sampling randomness (default 1): same logs and seed, same sample. */
  readonly seed?: number;
}

export const DEFAULT_SAMPLE_SIZE = 50;

export function checkSampling(options: SamplingOptions): Required<SamplingOptions> {
  const size = options.size ?? DEFAULT_SAMPLE_SIZE;
  const rate = options.rate ?? 1;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(size) || size < 0) throw new ConfigError(`sample size must be a whole number ≥ 0, not ${size}`);
  if (!(rate >= 0 && rate <= 1)) throw new ConfigError(`sample rate must be between 0 and 1, not ${rate}`);
  if (!Number.isInteger(seed)) throw new ConfigError(`sample seed must be an integer, not ${seed}`);
  return { size, rate, seed };
}

/**
 * Reservoir sampling, Algorithm R (Vitter 1985): after n offers each one is in the sample with probability k/n,
 * in O(k) memory. Items are built only when kept (`make`), so skipped rows cost one random draw.
 */
export class Reservoir<T> {
  private readonly kept: T[] = [];
  /** Rows that passed the rate filter. */
  considered = 0;

  constructor(
    private readonly size: number,
    private readonly rate: number,
    private readonly random: SeededRandom,
  ) {}

  offer(make: () => T): void {
    if (this.size === 0) return;
    if (this.rate < 1 && this.random.next() >= this.rate) return;
    this.considered += 1;
    if (this.kept.length < this.size) {
      this.kept.push(make());
      return;
    }
    const slot = this.random.int(this.considered);
    if (slot < this.size) this.kept[slot] = make();
  }

  get items(): readonly T[] {
    return this.kept;
  }
}
