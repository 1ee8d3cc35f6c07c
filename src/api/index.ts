/**
 * The GraphQL API (`apiposture serve`).
 *
 *   createServer(config, store, { log?, reanalyze? }) → { app, listen(), close() }
 *       Apollo Server 5 on Express 5: POST/GET /graphql (schema/graphql/schema.graphql), the web explorer at / (src/web),
 *       /healthz. config comes from readServerConfig (src/config/server.ts), read once at the entry point.
 *
 * Security: loopback-only without authentication; bearer API keys (SHA-256 hashed at rest) and Entra ID JWTs;
 * reader and admin roles; depth and cost limits; page size cap; per-request deadline; token-bucket rate limits;
 * introspection by role; CORS closed unless configured; security headers; coded errors without stack traces.
 */
export { createServer, type ApiServer, type ServerOptions } from './server.js';
export { API_ERROR_CODES, type ApiErrorCode } from './errors.js';
export type { ApiContext, ReanalyzeResult } from './context.js';
export type { Principal } from './auth/principal.js';
