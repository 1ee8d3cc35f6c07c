import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerOptions } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql/index.js';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { loadPolicy } from '../analysis/goals/index.js';
import { DEFAULT_RISK_WEIGHTS, loadRiskWeights } from '../analysis/risk/index.js';
import { isLoopbackHost, type ServerConfig } from '../config/server.js';
import { listTemplates } from '../explorer/index.js';
import type { GraphStore, StoreTarget } from '../store/index.js';
import { systemClock, type Clock } from '../util/deadline.js';
import { assertNever } from '../model/index.js';
import { ConfigError } from '../util/errors.js';
import { webExplorer } from '../web/index.js';
import { AnalysisCache } from './analysis-cache.js';
import { createAuthenticator } from './auth/authenticate.js';
import type { Principal } from './auth/principal.js';
import { createContext, type ApiContext, type ReanalyzeResult, type Services } from './context.js';
import { createErrorFormatter, errorBody } from './errors.js';
import { compiling, executingGateway, type ExecutingGateway } from './executor.js';
import {
  authenticate,
  cors,
  deadline,
  loopbackHostOnly,
  noStore,
  securityHeaders,
  type RequestLocals,
} from './http/middleware.js';
import { clientAddress, rateLimit, TokenBuckets } from './http/rate-limit.js';
import { series } from './http/series.js';
import { costLimitRule, depthLimitRule, MAX_QUERY_TOKENS } from './limits.js';
import { knownOperationTypeRule } from './operation-types.js';
import { introspectionGate } from './plugins.js';
import { defaultReanalyze } from './reanalyze.js';
import { resolvers } from './resolvers/index.js';
import { loadTypeDefs } from './schema.js';

export interface ApiServer {
  readonly app: Express;
  /** Starts listening on the configured host and port (port 0: any free port); resolves with the bound address. */
  listen(): Promise<{ readonly host: string; readonly port: number; readonly url: string }>;
  /** Stops accepting requests, lets running ones finish, and stops Apollo. The store is the caller's to close. */
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Where the server writes its log lines (startup, internal errors): never credentials. Default: nowhere. */
  readonly log?: (line: string) => void;
  /** The analysis `reanalyze` runs; default: src/analysis/analyze.ts over the store. */
  readonly reanalyze?: (store: GraphStore) => Promise<ReanalyzeResult>;
  /** The clock request budgets are measured on; default: the system's monotonic clock. */
  readonly clock?: Clock;
  /** The store in words, for answers that refuse it (never analysed, changed since its analysis); default: its name. */
  readonly target?: StoreTarget;
  /**
   * How operations run: `compiled` (graphql-jit, graphql-js for what it cannot compile) or `reference` (graphql-js
   * alone, as Apollo runs them by default); default `compiled`. Both answer the same bytes; tests compare them.
   */
  readonly executor?: ExecutorKind;
}

export type ExecutorKind = 'compiled' | 'reference';

function defaultTarget(store: GraphStore): StoreTarget {
  return { where: `the ${store.name} store`, flags: `--store ${store.name}` };
}

/** Refuses what the configuration reader refuses too, for callers that build a ServerConfig by hand (tests, embedding). */
function checkExposure(config: ServerConfig): void {
  if (config.anonymousRole !== null && !isLoopbackHost(config.host)) {
    throw new ConfigError(
      `refusing to listen on ${config.host} without authentication: configure API keys or Entra ID, or bind 127.0.0.1`,
    );
  }
  if (config.anonymousRole === null && config.apiKeys.length === 0 && config.entra === null) {
    throw new ConfigError(
      'authentication is required but no API key or Entra ID is configured: no one could call the server',
    );
  }
}

async function createServices(config: ServerConfig, store: GraphStore, options: ServerOptions): Promise<Services> {
  const weights = config.riskWeightsFile ? await loadRiskWeights(config.riskWeightsFile) : DEFAULT_RISK_WEIGHTS;
  const goals = config.goalsPolicyFile ? await loadPolicy(config.goalsPolicyFile) : null;
  listTemplates(); // a broken template fails the start, naming its file
  let running: Promise<ReanalyzeResult> | undefined;
  // The server's risk model is the one its own analyses score with: choke points and the plan come from the stored analysis.
  const analyzeStore = options.reanalyze ?? ((s: GraphStore) => defaultReanalyze(s, weights));
  return {
    store,
    limits: config.limits,
    analysis: new AnalysisCache(store, options.target ?? defaultTarget(store)),
    goals,
    // One analysis at a time: a second caller waits for the running one instead of starting another.
    clock: options.clock ?? systemClock,
    reanalyze: () => {
      running ??= analyzeStore(store).finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

/** The executable schema, and what executes operations on it: Apollo's own graphql-js call, or compiled ones. */
function executingSchema(kind: ExecutorKind): { schema: GraphQLSchema } | { gateway: ExecutingGateway } {
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: resolvers as NonNullable<Parameters<typeof makeExecutableSchema>[0]['resolvers']>,
  });
  switch (kind) {
    case 'compiled':
      return { gateway: executingGateway(schema, compiling(schema)) };
    case 'reference':
      return { schema };
    default:
      return assertNever(kind, 'executor');
  }
}

function graphqlOptions(
  config: ServerConfig,
  httpServer: Server,
  log: (line: string) => void,
  executor: ExecutorKind,
): ApolloServerOptions<ApiContext> {
  return {
    ...executingSchema(executor),
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    validationRules: [
      knownOperationTypeRule,
      depthLimitRule(config.limits.maxDepth),
      costLimitRule(config.limits.maxCost, config.limits.maxPageSize),
    ],
    introspection: config.introspection !== 'nobody',
    hideSchemaDetailsFromClientErrors: config.introspection !== 'everyone',
    includeStacktraceInErrorResponses: config.development,
    nodeEnv: config.development ? 'development' : 'production',
    formatError: createErrorFormatter(config.development, log),
    // Each of these widens what one request can do (batches, stored query texts) or talks to Apollo's cloud: off.
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Responses are never cached (Cache-Control: no-store), and the plugin would wrap every resolver call.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      introspectionGate(config.introspection),
    ],
    logger: {
      debug: () => {},
      info: () => {},
      warn: (m: unknown) => log(`apollo: ${String(m)}`),
      error: (m: unknown) => log(`apollo: ${String(m)}`),
    },
  };
}

/**
 * Express 5 leaves `req.body` unset when no JSON was parsed (a GET, or another content type), and the Apollo
 * integration answers 500 then; an empty body lets Apollo give its own answer (a GET query, or a CSRF refusal).
 */
const bodyPresent: RequestHandler = (req, _res, next) => {
  if (req.body === undefined) req.body = {};
  next();
};

/** Malformed or oversized bodies, and anything thrown outside GraphQL: a coded JSON error, never a stack trace. */
function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status =
      typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    if (status >= 500) log(`http error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const message =
      status === 413
        ? 'the request body is too large'
        : status < 500
          ? 'the request body is not valid JSON'
          : 'Internal server error';
    res
      .status(status)
      .type('application/json')
      .send(errorBody(status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR', message));
  };
}

/** Who the start-up operation runs as: it reads nothing, and no caller's rate limit or log keys on it. */
const SERVER_START: Principal = { id: 'server-start', role: 'reader', via: 'anonymous' };

/**
 * One operation through Apollo before the server listens. Apollo's first execution imports `graphql` again (its
 * check for incremental delivery) and the request pipeline, validation and execution code are compiled on first
 * use: tens of milliseconds that would otherwise hold the loop during the first caller's request.
 */
async function warmUp(apollo: ApolloServer<ApiContext>, services: Services): Promise<void> {
  const contextValue = createContext(services, SERVER_START, new AbortController().signal);
  const response = await apollo.executeOperation({ query: '{ __typename }' }, { contextValue });
  if (response.body.kind !== 'single' || response.body.singleResult.errors)
    throw new Error(`the GraphQL server could not run a first operation: ${JSON.stringify(response.body)}`);
}

/**
 * The GraphQL API over a store: Apollo Server 5 on Express 5, with authentication, limits and security headers.
 * Nothing listens until `listen()`; tests bind 127.0.0.1 port 0.
 */
export async function createServer(
  config: ServerConfig,
  store: GraphStore,
  options: ServerOptions = {},
): Promise<ApiServer> {
  checkExposure(config);
  const log = options.log ?? (() => {});
  const services = await createServices(config, store, options);
  const app = express();
  const httpServer = createHttpServer(app);
  // Slow-loris guard: the whole request must arrive within the deadline, its headers sooner.
  httpServer.requestTimeout = config.limits.requestTimeoutMs;
  httpServer.headersTimeout = Math.min(config.limits.requestTimeoutMs, 20_000);
  const apollo = new ApolloServer<ApiContext>(graphqlOptions(config, httpServer, log, options.executor ?? 'compiled'));
  await apollo.start();
  await warmUp(apollo, services);

  const limits = config.limits;
  const byAddress = new TokenBuckets(limits.burst, limits.requestsPerMinute);
  const byPrincipal = new TokenBuckets(limits.burst, limits.requestsPerMinute);
  const handler = expressMiddleware(apollo, {
    context: async ({ res }) => {
      const locals = res.locals as RequestLocals;
      if (!locals.principal || !locals.signal) throw new Error('authentication middleware did not run');
      return createContext(services, locals.principal, locals.signal);
    },
  });
  // After a timeout the client has its answer; Apollo's late attempt to write one fails, and is expected to.
  const graphql: RequestHandler = (req, res, next) => {
    Promise.resolve(handler(req, res, next)).catch((error: unknown) =>
      (res.locals as RequestLocals).timedOut ? undefined : next(error),
    );
  };

  app.disable('x-powered-by');
  // Express would hash every response body into an ETag; API answers are no-store and POSTed, so none is ever
  // revalidated (the web explorer's assets set their own).
  app.set('etag', false);
  app.use(securityHeaders());
  // The API first: its requests then pass no other route's matching on the way (the paths are disjoint).
  app.use(
    '/graphql',
    series([
      cors(config.corsOrigins),
      loopbackHostOnly(config.anonymousRole !== null),
      noStore,
      rateLimit(byAddress, clientAddress),
      authenticate(createAuthenticator(config, log)),
      rateLimit(byPrincipal, (_req, res) => (res.locals as RequestLocals).principal?.id ?? 'unknown'),
      deadline(limits.requestTimeoutMs),
      express.json({ limit: limits.maxBodyBytes }),
      bodyPresent,
      graphql,
    ]),
  );
  app.use(webExplorer());
  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found');
  });
  app.use(errorHandler(log));

  let closing: Promise<void> | undefined;
  return {
    app,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          const { address, port } = httpServer.address() as AddressInfo;
          const host = address.includes(':') ? `[${address}]` : address;
          log(`apiposture: web explorer at http://${host}:${port}/, GraphQL at http://${host}:${port}/graphql`);
          resolve({ host: address, port, url: `http://${host}:${port}` });
        });
      }),
    close: () => {
      closing ??= (async () => {
        await apollo.stop();
        if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      })();
      return closing;
    },
  };
}
