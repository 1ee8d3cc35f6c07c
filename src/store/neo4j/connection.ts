import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { overBudget, type Deadline } from '../../util/deadline.js';
import { ApiPostureError, StoreError } from '../../util/errors.js';
import { withRetry, type RetryPolicy } from './retry.js';

export type AccessMode = 'READ' | 'WRITE';

/** Sessions on one driver, and the one wrapper every read and write transaction of the store runs in. */
export class Neo4jConnection {
  constructor(
    readonly driver: Driver,
    readonly uri: string,
    private readonly database: string | undefined,
    readonly retry: RetryPolicy,
  ) {}

  session(mode: AccessMode, fetchSize?: number): Session {
    return this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(fetchSize ? { fetchSize } : {}),
      ...(this.database ? { database: this.database } : {}),
    });
  }

  /** Runs `use` on a fresh session (closed after), retried whole on transient errors; errors are the driver's own. */
  async withSession<T>(mode: AccessMode, use: (session: Session) => Promise<T>): Promise<T> {
    return withRetry(async () => {
      const session = this.session(mode);
      try {
        return await use(session);
      } finally {
        await session.close();
      }
    }, this.retry);
  }

  /**
   * Runs one unit of work in one managed transaction of the given mode, retried as a whole on transient errors
   * (the units are idempotent: MERGE, bounded DELETE, reads). A failure that outlives the retries is a store error.
   */
  async transaction<T>(
    mode: AccessMode,
    work: (tx: ManagedTransaction) => Promise<T>,
    deadline?: Deadline,
  ): Promise<T> {
    try {
      return await this.withSession(mode, (session) => {
        // The time left becomes the server's transaction timeout, so the server itself stops a read over budget.
        deadline?.check();
        const config = deadline ? { timeout: Math.max(1, Math.ceil(deadline.remainingMs())) } : undefined;
        return mode === 'READ' ? session.executeRead(work, config) : session.executeWrite(work, config);
      });
    } catch (error) {
      if (deadline && isTransactionTimeout(error))
        throw overBudget(deadline.budgetMs);
      throw this.storeError(error);
    }
  }

  /**
   * A driver failure that outlived the retries, as a store error naming the server: the CLI turns it into one
   * line and exit code 4, the API into `STORE_UNAVAILABLE`, instead of an unexpected error with a stack.
   */
  storeError(error: unknown): ApiPostureError {
    if (error instanceof ApiPostureError) return error;
    const { message, code } = error as { message?: unknown; code?: unknown };
    const text = (typeof message === 'string' ? message : String(error)).split('\n')[0]!.trim();
    const codeText = typeof code === 'string' && code && !text.includes(code) ? ` (${code})` : '';
    return new StoreError(`Neo4j at ${this.uri} failed: ${text}${codeText}`, { cause: error });
  }
}

/** Neo4j's codes for a transaction stopped by its timeout (the client's, or the server's own setting). */
function isTransactionTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut');
}
