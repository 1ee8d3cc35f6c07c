import type { SampleSpec } from './build.js';
import type { Rng } from './rng.js';

/** One API operation of the synthetic estate and how to sample a call to it. */
export interface EndpointSpec {
  readonly id: string;
  readonly samples: number;
  readonly make: (r: Rng) => SampleSpec;
}
