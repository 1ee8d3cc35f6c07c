import { InvalidPathArgumentError } from './errors.js';
import type { PathSearchOptions, ResolvedSearchOptions } from './types.js';

export const DEFAULT_SEARCH_OPTIONS: ResolvedSearchOptions = Object.freeze({
  maxHops: 8,
  maxPathsPerPair: 25,
  maxPaths: 10_000,
  maxExpansions: 20_000_000,
});

/** Hop counts are kept in bytes (255 = unreachable), so the bound stays well below that. */
export const MAX_HOPS_LIMIT = 64;

function positiveInteger(
  name: keyof PathSearchOptions,
  value: number | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidPathArgumentError(name, `must be an integer between 1 and ${max}, got ${String(value)}`);
  }
  return value;
}

/** Checks search options before any work starts and fills in the defaults. */
export function resolveSearchOptions(options: PathSearchOptions | undefined): ResolvedSearchOptions {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new InvalidPathArgumentError('options', 'must be an object');
  }
  const o = options ?? {};
  return {
    maxHops: positiveInteger('maxHops', o.maxHops, DEFAULT_SEARCH_OPTIONS.maxHops, MAX_HOPS_LIMIT),
    maxPathsPerPair: positiveInteger('maxPathsPerPair', o.maxPathsPerPair, DEFAULT_SEARCH_OPTIONS.maxPathsPerPair),
    maxPaths: positiveInteger('maxPaths', o.maxPaths, DEFAULT_SEARCH_OPTIONS.maxPaths),
    maxExpansions: positiveInteger('maxExpansions', o.maxExpansions, DEFAULT_SEARCH_OPTIONS.maxExpansions),
  };
}
