// Values provided by test/setup/neo4j-global-setup.ts (read them with `inject(...)`).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** bolt:// URI of the Neo4j to use, or '' when Neo4j tests must be skipped. */
    neo4jUri: string;
    neo4jUser: string;
    /** '' for the local test server (auth disabled; any basic credentials are accepted). */
    neo4jPassword: string;
    /** True when the global setup booted the server for this run (its data is the suite's own). */
    neo4jOwned: boolean;
  }
}
