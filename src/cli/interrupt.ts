import type { GraphStore } from '../store/index.js';

/** Exit code of a command stopped by Ctrl-C: 128 + SIGINT, as shells report it. */
export const INTERRUPTED_EXIT_CODE = 130;

/** The user pressed Ctrl-C; the command stopped at a safe point between store writes. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

export const INTERRUPTED_MESSAGE =
  'interrupted; the store keeps its last complete state (snapshots and analysis results are replaced whole): run the command again to finish';

/**
 * Runs a long command with Ctrl-C watched. The first SIGINT aborts the signal: the command stops at its next
 * store call (see `interruptibleStore`) and exits 130 with one line. Our listener is then removed, so SIGINT gets
 * its default action back: a second Ctrl-C ends the process at once, even while a long computation blocks the
 * event loop (a snapshot being renamed into place is still whole: rename is atomic).
 */
export async function watchingInterrupts<T>(
  work: (signal: AbortSignal) => Promise<T>,
  proc: NodeJS.Process = process,
): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => {
    proc.removeListener('SIGINT', onInterrupt);
    controller.abort();
  };
  proc.on('SIGINT', onInterrupt);
  try {
    const result = await work(controller.signal);
    if (controller.signal.aborted) throw new InterruptedError();
    return result;
  } finally {
    proc.removeListener('SIGINT', onInterrupt);
  }
}

/**
 * The store, checking the signal before every call: a command interrupted between two writes stops there, before
 * the next batch, the end-of-run cleanup, the snapshot or the analysis replacement. Each of those is whole on its
 * own (a snapshot is renamed into place, an analysis is one transaction), so readers see the last complete state.
 */
export function interruptibleStore(store: GraphStore, signal: AbortSignal): GraphStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (property === 'close') return method;
      // A stream is returned at once (it is not a promise): checked as it is asked for.
      if (property === 'streamGraph') {
        return (...args: unknown[]) => {
          if (signal.aborted) throw new InterruptedError();
          return method(...args);
        };
      }
      return async (...args: unknown[]) => {
        // Signals arrive through the event loop, and the memory store's calls resolve without ever reaching it:
        // one turn of the loop first, so a Ctrl-C pressed during a long computation is seen before the next write.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (signal.aborted) throw new InterruptedError();
        return method(...args);
      };
    },
  });
}
