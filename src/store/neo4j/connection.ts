import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type Session } from 'neo4j-driver';

type TransactionConfig = Parameters<Session['run']>[2];
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
  transaction<T>(
    mode: AccessMode,
    work: (tx: ManagedTransaction) => Promise<T>,
    deadline?: Deadline,
  ): Promise<T> {
    return this.budgeted(mode, deadline, (session, config) =>
      mode === 'READ' ? session.executeRead(work, config) : session.executeWrite(work, config),
    );
  }

  /**
   * One read statement in its own auto-commit transaction, retried on transient errors like a unit of work: one
   * round trip (the statement and its records), where a managed transaction adds its BEGIN and COMMIT. For reads
   * that are one statement (reads.ts): a statement sees one state of the store on its own.
   */
  read(cypher: string, parameters: Record<string, unknown>, deadline?: Deadline): Promise<QueryResult> {
    return this.budgeted('READ', deadline, async (session, config) => await session.run(cypher, parameters, config));
  }

  /** Runs `use` on a session, the deadline's time left as the transaction timeout; failures as store errors. */
  private async budgeted<T>(
    mode: AccessMode,
    deadline: Deadline | undefined,
    use: (session: Session, config: TransactionConfig | undefined) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.withSession(mode, (session) => {
        // The time left becomes the server's transaction timeout, so the server itself stops a read over budget.
        deadline?.check();
        return use(session, deadline ? { timeout: Math.max(1, Math.ceil(deadline.remainingMs())) } : undefined);
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
