import { resolve } from 'node:path';
import type { StoreConfig } from '../store/index.js';
import { ConfigError, UsageError } from '../util/errors.js';

export type StoreKind = 'memory' | 'neo4j';

export interface StoreFlags {
  readonly store?: string;
  readonly dataDir?: string;
  readonly batchSize?: string;
}

export const DEFAULT_DATA_DIR = '.apiposture';

/**
 * The store configuration, read once at the entry point from flags and the environment
 * (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE), validated and frozen. Nothing else reads process.env.
 */
export function readStoreConfig(flags: StoreFlags, env: NodeJS.ProcessEnv): StoreConfig {
  const kind = flags.store ?? 'memory';
  if (kind === 'memory') return Object.freeze({ kind, dataDir: resolve(flags.dataDir ?? DEFAULT_DATA_DIR) });
  if (kind !== 'neo4j') throw new UsageError(`--store must be memory or neo4j, not "${kind}"`);
  const uri = env['NEO4J_URI'];
  if (!uri) throw new ConfigError('--store neo4j needs NEO4J_URI (for example bolt://127.0.0.1:7687 or neo4j+s://<id>.databases.neo4j.io)');
  if (!/^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(uri)) throw new ConfigError(`NEO4J_URI "${uri}" is not a bolt:// or neo4j:// URI`);
  let batchSize: number | undefined;
  if (flags.batchSize !== undefined) {
    batchSize = Number(flags.batchSize);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new UsageError('--batch-size must be an integer from 1 to 100000');
  }
  return Object.freeze({
    kind,
    uri,
    user: env['NEO4J_USER'] ?? 'neo4j',
    password: env['NEO4J_PASSWORD'],
    database: env['NEO4J_DATABASE'],
    ...(batchSize !== undefined ? { batchSize } : {}),
  });
}
