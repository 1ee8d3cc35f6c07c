import { isRetryableError } from 'neo4j-driver';

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 250, maxDelayMs: 8_000 };

const TRANSIENT_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * Neo4j files "this one transaction needs more memory than `db.memory.transaction.max` allows" under TransientError,
 * but the same transaction can never fit on a retry: failing at once saves minutes of doomed attempts.
 */
const NEVER_FITS = new Set(['Neo.TransientError.General.TransactionMemoryLimit']);
const NEVER_FITS_GQL = '51N73'; // GQL status: transaction memory limit reached

/** Transient failures: the driver's own classification, lost connections, and Neo.TransientError.* codes. */
export function isTransient(error: unknown): boolean {
  const { code, gqlStatus } = (error ?? {}) as { code?: unknown; gqlStatus?: unknown };
  if ((typeof code === 'string' && NEVER_FITS.has(code)) || gqlStatus === NEVER_FITS_GQL) return false;
  if (isRetryableError(error)) return true;
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
