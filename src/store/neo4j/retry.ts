import { isRetryableError } from 'neo4j-driver';

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 250, maxDelayMs: 8_000 };

const TRANSIENT_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/** Transient failures: the driver's own classification, lost connections, and Neo.TransientError.* codes. */
export function isTransient(error: unknown): boolean {
  if (isRetryableError(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('Neo.TransientError.'));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one place transient Neo4j errors are retried: exponential backoff with full jitter. Units of work passed
 * here are idempotent (MERGE and bounded DELETE), so repeating one is safe.
 */
export async function withRetry<T>(work: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts || !isTransient(error)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.random() * ceiling);
    }
  }
}
