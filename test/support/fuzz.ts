/**
 * Running fuzz properties: how many cases, which seed, and a count of what ran.
 *
 * `APIPOSTURE_FUZZ_SCALE` multiplies every property's CI case count (default 1: the fuzz files stay within a few
 * minutes on 2 cores); `APIPOSTURE_FUZZ_SEED` replays a run (fast-check prints the seed and path of a failure, and
 * every property prints its seed and count). `APIPOSTURE_FUZZ_LOG` names a file that gets one JSON line per
 * property, for recording a large run (docs/hardening.md).
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { ApiPostureError } from '../../src/util/errors.js';

const scale = Number(process.env['APIPOSTURE_FUZZ_SCALE'] ?? '1');
if (!Number.isFinite(scale) || scale <= 0)
  throw new Error(`APIPOSTURE_FUZZ_SCALE must be a positive number, not ${process.env['APIPOSTURE_FUZZ_SCALE']}`);
const seedText = process.env['APIPOSTURE_FUZZ_SEED'];
export const FUZZ_SEED = seedText ? Number(seedText) : (Date.now() ^ (process.pid << 8)) | 0;
const logFile = process.env['APIPOSTURE_FUZZ_LOG'];

/**
 * A hang guard, not a speed test: a property whose cases together run past this stops and fails, instead of
 * holding the suite until its timeout. Generous on purpose (a loaded 2-core machine), and scaled with the runs.
 */
const HANG_GUARD_MS = 120_000 * Math.max(1, scale);
/** Test timeout for a fuzz test: vitest's default minute does not scale with the runs. */
export const FUZZ_TIMEOUT_MS = 180_000 * Math.max(1, scale);

/** A single case slower than this is reported as a hang (same reasoning: far above any honest case). */
export const CASE_LIMIT_MS = 60_000;

export function fuzzRuns(ciRuns: number): number {
  return Math.max(1, Math.round(ciRuns * scale));
}

export interface FuzzCount {
  readonly name: string;
  readonly runs: number;
  /** Cases by the label the check returned (e.g. `ok` / `error`), so a test can show it was not vacuous. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly seed: number;
  readonly ms: number;
}

function record(count: FuzzCount): void {
  const outcomes = Object.entries(count.outcomes)
    .map(([label, n]) => `${label} ${n}`)
    .join(', ');
  console.log(`fuzz ${count.name}: ${count.runs} cases (${outcomes}), seed ${count.seed}, ${count.ms} ms`);
  if (logFile) appendFileSync(logFile, `${JSON.stringify(count)}\n`);
}

/** What a check returns: nothing, or a label to count its case under. */
export type CaseLabel = string | undefined | void;

function tally(outcomes: Record<string, number>, label: CaseLabel): void {
  const key = label ?? 'checked';
  outcomes[key] = (outcomes[key] ?? 0) + 1;
}

/**
 * Runs a synchronous property `ciRuns × scale` times; prints and records how many cases ran. Shrinking runs
 * count too: the figure is what was executed.
 */
export function fuzz<A>(
  name: string,
  arbitrary: fc.Arbitrary<A>,
  check: (value: A) => CaseLabel,
  ciRuns: number,
): FuzzCount {
  let runs = 0;
  const outcomes: Record<string, number> = {};
  const start = performance.now();
  const counted = (value: A) => {
    runs += 1;
    const caseStart = performance.now();
    tally(outcomes, check(value));
    const ms = performance.now() - caseStart;
    if (ms > CASE_LIMIT_MS) throw new Error(`one case took ${Math.round(ms)} ms: treated as a hang`);
  };
  fc.assert(fc.property(arbitrary, counted), {
    numRuns: fuzzRuns(ciRuns),
    seed: FUZZ_SEED,
    interruptAfterTimeLimit: HANG_GUARD_MS,
    markInterruptAsFailure: true,
  });
  const count = { name, runs, outcomes, seed: FUZZ_SEED, ms: Math.round(performance.now() - start) };
  record(count);
  return count;
}

/** The asynchronous form of `fuzz` (files on disk, HTTP requests, store calls). */
export async function fuzzAsync<A>(
  name: string,
  arbitrary: fc.Arbitrary<A>,
  check: (value: A) => Promise<CaseLabel>,
  ciRuns: number,
): Promise<FuzzCount> {
  let runs = 0;
  const outcomes: Record<string, number> = {};
  const start = performance.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      runs += 1;
      const caseStart = performance.now();
      tally(outcomes, await check(value));
      const ms = performance.now() - caseStart;
      if (ms > CASE_LIMIT_MS) throw new Error(`one case took ${Math.round(ms)} ms: treated as a hang`);
    }),
    {
      numRuns: fuzzRuns(ciRuns),
      seed: FUZZ_SEED,
      interruptAfterTimeLimit: HANG_GUARD_MS,
      markInterruptAsFailure: true,
    },
  );
  const count = { name, runs, outcomes, seed: FUZZ_SEED, ms: Math.round(performance.now() - start) };
  record(count);
  return count;
}

/**
 * The outcome every fuzz case must have: a result, or one of the program's typed errors (never a TypeError,
 * RangeError or a plain Error from deep inside). Returns the error, so a test can check what it names.
 */
export function outcome<T>(run: () => T): { ok: true; value: T } | { ok: false; error: ApiPostureError } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    expectTyped(error);
    return { ok: false, error: error as ApiPostureError };
  }
}

export async function outcomeAsync<T>(
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: ApiPostureError }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    expectTyped(error);
    return { ok: false, error: error as ApiPostureError };
  }
}

function expectTyped(error: unknown): void {
  if (!(error instanceof ApiPostureError)) {
    // Rethrown as is: fast-check shrinks the case and prints it with the original stack.
    throw error;
  }
  expect(error.message.length).toBeGreaterThan(0);
}
