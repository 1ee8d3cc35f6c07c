import { Option, type Command } from 'commander';
import { readStoreConfig, type StoreFlags } from '../../config/config.js';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  readServerConfig,
  type ServeFlags,
  type ServerConfig,
} from '../../config/server.js';
import { assertAnalysed, openStore, storeTarget } from '../../store/index.js';
import type { CommandIo } from '../run-command.js';

export interface ServeCommandFlags extends StoreFlags, ServeFlags {}

/** The options of `serve`. No commander defaults for host and port: a `--config` file may set them. */
export function serveOptions(command: Command): Command {
  return command
    .description('serve the GraphQL API at /graphql (and the web explorer at /)')
    .option('--port <n>', `port to listen on (default ${DEFAULT_PORT}; 0 for any free port)`)
    .option(
      '--host <address>',
      `address to bind (default ${DEFAULT_HOST}); any other address needs authentication configured`,
    )
    .option(
      '--config <file>',
      'server configuration, YAML or JSON (auth, CORS, limits, introspection; see SECURITY.md)',
    )
    .option(
      '--keys-file <file>',
      'API keys file written by `apiposture keys create` (default <data-dir>/api-keys.json)',
    )
    .option(
      '--query-budget <ms>',
      'milliseconds one GraphQL operation may run before it fails with QUERY_TIMEOUT (default 10000; config limits.queryBudgetMs)',
    )
    .option('--policy <file>', 'posture goals policy that postureGoals evaluates')
    .option('--risk-model <file>', 'risk model (weights) the reanalyze mutation scores with, as for scan and analyze')
    // The older spelling, kept working for scripts written against it.
    .addOption(new Option('--risk-weights <file>').hideHelp().argParser((file: string, _prev: unknown) => file))
    .hook('preAction', (cmd) => {
      const old = cmd.getOptionValue('riskWeights') as string | undefined;
      if (old !== undefined && cmd.getOptionValue('riskModel') === undefined) cmd.setOptionValue('riskModel', old);
    });
}

/** Resolves on SIGINT or SIGTERM: the server stops accepting requests, finishes running ones, closes the store. */
function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * graphql-js picks its `instanceof` checks when it is first loaded: outside production they verify every schema
 * object's realm, which costs a large share of each request. The API layer is therefore loaded only here, after
 * the mode is fixed (which also keeps Apollo and Express out of every other command's start-up).
 */
async function loadApi(config: ServerConfig, env: NodeJS.ProcessEnv) {
  // `env` is process.env when run from the command line (cli/main.ts).
  if (env['NODE_ENV'] === undefined && !config.development) env['NODE_ENV'] = 'production';
  return import('../../api/index.js');
}

/**
 * `apiposture serve`: configuration first (a refused exposure fails here, exit code 3, before the store opens),
 * then the store, then the server, until a signal.
 */

export async function runServeCommand(
  flags: ServeCommandFlags,
  io: CommandIo,
  until: () => Promise<void> = untilSignalled,
): Promise<void> {
  const config = await readServerConfig(flags, io.env);
  const { createServer } = await loadApi(config, io.env);
  const storeConfig = readStoreConfig(flags, io.env);
  const store = await openStore(storeConfig);
  try {
    // Serving an unanalysed store would show every view empty: a clean estate that was never looked at.
    await assertAnalysed(store, storeTarget(storeConfig));
    const server = await createServer(config, store, { log: (line) => io.stderr.write(`${line}\n`), target: storeTarget(storeConfig) });
    const { url } = await server.listen();
    const auth =
      config.anonymousRole !== null
        ? `no authentication (loopback only; callers are ${config.anonymousRole}s)`
        : [config.apiKeys.length ? `${config.apiKeys.length} API key(s)` : '', config.entra ? 'Entra ID tokens' : '']
            .filter(Boolean)
            .join(' and ');
    io.stdout.write(`apiposture serving ${store.name} store: ${url}/graphql (${auth}). Ctrl+C stops.\n`);
    await until();
    await server.close();
  } finally {
    await store.close();
  }
}
