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

/**
 * A loop's pacing: `tick()` is called once per item; every `every` items it checks the deadline (if any) and, once a
 * slice has passed on the system clock, yields. Slices use the real clock (they are about fairness, not budgets).
 */
export class LoopPacer {
  private count = 0;
  private sliceStart = performance.now();

  constructor(
    private readonly deadline: Deadline | undefined,
    private readonly every = 64,
  ) {}

  /** True when the caller should `await yieldToEventLoop()` before going on. Throws once the deadline is spent. */
  tick(): boolean {
    if (++this.count % this.every !== 0) return false;
    this.deadline?.check();
    const now = performance.now();
    if (now - this.sliceStart < LOOP_SLICE_MS) return false;
    this.sliceStart = now;
    return true;
  }

  /** Call after yielding: the time spent waiting is not counted in the next slice. */
  resumed(): void {
    this.sliceStart = performance.now();
  }
}
