import { GraphQLClient } from 'graphql-request';
import { analyze } from '../../src/analysis/analyze.js';
import { createServer, type ApiServer, type ServerOptions } from '../../src/api/index.js';
import { DEFAULT_LIMITS, type ServerConfig, type ServerLimits } from '../../src/config/server.js';
import { ingestFiles } from '../../src/ingest/index.js';
import type { GraphStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';

export const CONTOSO_DIR = 'examples/contoso';

export interface LoadedEstate {
  readonly subscriptions: readonly string[];
}

/** Ingests and analyses a directory of Azure export files (the analysis stores attack paths and findings). */
export async function loadEstate(store: GraphStore, dir: string = CONTOSO_DIR): Promise<LoadedEstate> {
  const summary = await ingestFiles(store, [dir], { source: 'azure-export', run: newRun() });
  await analyze(store, newRun());
  return { subscriptions: summary.subscriptions };
}

/**
 * Removes a loaded estate and the analysis: the Neo4j database is shared by the suite's files (one at a time), and
 * a later file that analyses the whole store must not find this one's resources there.
 */
export async function unloadEstate(store: GraphStore, estate: LoadedEstate | undefined): Promise<void> {
  if (!estate) return;
  await store.completeRun(newRun(), estate.subscriptions);
  await store.replaceAnalysis({ nodes: [], edges: [], insights: [] }, newRun());
}

/** A loopback configuration with no authentication, the limits overridable. */
export function testConfig(
  overrides: Partial<Omit<ServerConfig, 'limits'>> & { limits?: Partial<ServerLimits> } = {},
): ServerConfig {
  const { limits, ...rest } = overrides;
  return {
    host: '127.0.0.1',
    port: 0,
    development: false,
    apiKeys: [],
    entra: null,
    anonymousRole: 'reader',
    introspection: 'everyone',
    corsOrigins: [],
    goalsPolicyFile: null,
    riskWeightsFile: null,
    ...rest,
    limits: { ...DEFAULT_LIMITS, ...limits },
  };
}

export interface RunningServer {
  readonly server: ApiServer;
  readonly url: string;
  readonly endpoint: string;
  client(headers?: Record<string, string>): GraphQLClient;
  close(): Promise<void>;
}

export async function startServer(
  store: GraphStore,
  config: ServerConfig = testConfig(),
  options: ServerOptions = {},
): Promise<RunningServer> {
  const server = await createServer(config, store, options);
  const { url } = await server.listen();
  const endpoint = `${url}/graphql`;
  return {
    server,
    url,
    endpoint,
    client: (headers = {}) => new GraphQLClient(endpoint, { headers }),
    close: () => server.close(),
  };
}

export type StoreCalls = Record<string, number>;

/** The store behind a counter of its method calls: what batching tests measure. */
export function countingStore(store: GraphStore): { store: GraphStore; calls: StoreCalls; reset(): void } {
  const calls: StoreCalls = {};
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls[property] = (calls[property] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store: proxy,
    calls,
    reset: () => {
      for (const key of Object.keys(calls)) delete calls[key];
    },
  };
}
