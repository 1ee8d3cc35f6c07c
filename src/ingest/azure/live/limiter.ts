/** Runs a task once a slot is free; at most `limit` tasks run at once. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A small pool for ARM calls. Callers fan out freely (Promise.all over services, APIs, operations); only the
 * calls themselves take a slot, so nested fan-out can never deadlock the pool.
 */
export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, not ${limit}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (running < limit) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A finished task hands its slot straight to the next waiter, so a newcomer can never slip in between.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };
}
