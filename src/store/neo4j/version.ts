/**
 * The oldest Neo4j the store writes to. Its write statements give labels and relationship types as parameters
 * (`CREATE (n:$($labels))`), which Cypher has from Neo4j 5.26 on: one statement serves every kind, so a server
 * plans a handful of write statements instead of one per kind. An older server would refuse them with a syntax
 * error in the middle of a write; the store checks the version when it connects instead.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { StoreError } from '../../util/errors.js';

export const MINIMUM_NEO4J_VERSION = '5.26';

/** The server is older than the store supports: a store error (exit code and API code of any store failure). */
export class UnsupportedNeo4jVersionError extends StoreError {
  constructor(
    readonly uri: string,
    readonly found: string,
  ) {
    super(`Neo4j at ${uri} is version ${found}; apiposture needs Neo4j ${MINIMUM_NEO4J_VERSION} or later (5.26 LTS, or a 2025.x or later release): upgrade the server`);
  }
}

/**
 * Whether a version string of `dbms.components()` is at least 5.26. Neo4j numbers releases 5.x up to 5.26, then by
 * calendar (2025.01, …), so any major version of 2025 and above is newer.
 */
export function isSupportedNeo4jVersion(version: string): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 5 || (major === 5 && minor >= 26);
}

const COMPONENTS_CYPHER = "CALL dbms.components() YIELD name, versions WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version";

/** Reads the server's version and refuses one older than the minimum, naming the version found. */
export async function assertSupportedVersion(tx: Pick<ManagedTransaction, 'run'>, uri: string): Promise<void> {
  const version = ((await tx.run(COMPONENTS_CYPHER)).records[0]?.get('version') as string | undefined) ?? 'unknown';
  if (!isSupportedNeo4jVersion(version)) throw new UnsupportedNeo4jVersionError(uri, version);
}
