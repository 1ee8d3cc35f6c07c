/**
 * A time budget for one unit of work (a GraphQL request): long loops check it between chunks and give the event
 * loop a turn, so one slow query fails on its own budget instead of stalling every other caller.
 */
import { ApiPostureError } from './errors.js';

/** Milliseconds on some monotonic-enough clock; tests inject one that moves only when told. */
export type Clock = () => number;

export const systemClock: Clock = () => performance.now();

/** Work that ran past its budget: the API answers QUERY_TIMEOUT, and the server goes on serving. */
export class QueryTimeoutError extends ApiPostureError {
  readonly code = 'QUERY_TIMEOUT';
}

export function overBudget(budgetMs: number): QueryTimeoutError {
  return new QueryTimeoutError(`the query ran longer than its budget of ${budgetMs} ms`);
}

export interface Deadline {
  readonly budgetMs: number;
  /** Milliseconds left (never below 0). */
  remainingMs(): number;
  /** Throws QueryTimeoutError once the budget is spent. */
  check(): void;
}

export function createDeadline(budgetMs: number, clock: Clock = systemClock): Deadline {
  const end = clock() + budgetMs;
  const remainingMs = () => Math.max(0, end - clock());
  return {
    budgetMs,
    remainingMs,
    check() {
      if (remainingMs() <= 0) throw overBudget(budgetMs);
    },
  };
}

/**
 * Waits for work shared with other callers (a cached analysis loading) at most until the deadline: this caller
 * fails with QueryTimeoutError then, while the work goes on for the others.
 */
export async function withinBudget<T>(work: Promise<T>, deadline: Deadline): Promise<T> {
  // The work is already running: if the budget is spent before it settles, nobody awaits it, and a later failure
  // of it must not surface as an unhandled rejection (the caller gets QUERY_TIMEOUT either way).
  work.catch(() => undefined);
  deadline.check();
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(overBudget(deadline.budgetMs)), deadline.remainingMs());
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * How long a loop may run before it gives the event loop a turn. Well under the 50 ms a request may block others;
 * a turn costs a few microseconds, so the slice is short without the yields showing in a query's time.
 */
export const LOOP_SLICE_MS = 10;

/** Lets timers, I/O and other requests run before the caller continues. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Items between two deadline checks of a paced loop (the deadline's clock may cost more than the system's). */
const DEADLINE_EVERY = 64;

/**
 * A loop's pacing: `tick()` is called once per item. It checks the deadline (if any) every DEADLINE_EVERY items and
 * reads the system clock on every call (tens of nanoseconds, against microseconds per item) to ask the caller to
 * yield once a slice has passed. Slices use the system clock (they are about fairness), the deadline its own.
 */
export class LoopPacer {
  private count = 0;
  private sliceStart = performance.now();

  constructor(private readonly deadline: Deadline | undefined) {}

  /** True when the caller should `await yieldToEventLoop()` before going on. Throws once the deadline is spent. */
  tick(): boolean {
    if (++this.count % DEADLINE_EVERY === 0) this.deadline?.check();
    return performance.now() - this.sliceStart >= LOOP_SLICE_MS;
  }

  /** Call after yielding: the time spent waiting is not counted in the next slice. */
  resumed(): void {
    this.sliceStart = performance.now();
  }
}
