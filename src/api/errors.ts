import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql/index.js';
import { assertNever } from '../model/index.js';
import { ApiPostureError, type ErrorCode } from '../util/errors.js';

/**
 * The stable `extensions.code` values of the API. Clients branch on these, never on message text; the same codes
 * are listed at the top of schema/graphql/schema.graphql and in SECURITY.md.
 */
export const API_ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COSTLY',
  'TIMEOUT',
  'QUERY_TIMEOUT',
  'RATE_LIMITED',
  'STORE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Codes Apollo Server itself sets for malformed requests; they pass through unchanged. */
const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'INTROSPECTION_DISABLED',
]);

const OWN_CODES = new Set<string>(API_ERROR_CODES);

export function apiError(code: ApiErrorCode, message: string, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(httpStatus ? { http: { status: httpStatus } } : {}) } });
}

/** The project's typed errors (src/util/errors.ts) as API codes. */
export function codeOf(code: ErrorCode): ApiErrorCode {
  switch (code) {
    case 'USAGE_ERROR':
    case 'INPUT_ERROR':
    case 'VALIDATION_ERROR':
      return 'BAD_USER_INPUT';
    case 'NOT_FOUND':
    case 'NO_DATA':
      return 'NOT_FOUND';
    case 'STORE_ERROR':
      return 'STORE_UNAVAILABLE';
    case 'QUERY_TIMEOUT':
      return 'QUERY_TIMEOUT';
    case 'CONFIG_ERROR':
    case 'AZURE_ERROR':
      return 'INTERNAL_SERVER_ERROR';
    default:
      return assertNever(code, 'error code');
  }
}

function ownCode(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const code = error.extensions['code'];
  return typeof code === 'string' && OWN_CODES.has(code) ? code : undefined;
}

/**
 * Apollo's `formatError`: every error leaves with a stable code. Typed errors keep their message; anything
 * unexpected is logged here and reaches the client as "Internal server error" (its message and stack only in
 * development), so no internals leak.
 */
export function createErrorFormatter(development: boolean, log: (line: string) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = {
      message: formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    const stack =
      development && formatted.extensions?.['stacktrace'] ? { stacktrace: formatted.extensions['stacktrace'] } : {};
    if (original instanceof ApiPostureError) {
      const code = codeOf(original.code);
      if (code === 'INTERNAL_SERVER_ERROR') return internal(base, original, development, log, stack);
      if (code === 'STORE_UNAVAILABLE' && !development) {
        // Driver messages can name hosts and databases: log them, answer with the code only.
        log(`store error: ${original.message}`);
        return { ...base, message: 'The graph store is unavailable', extensions: { code } };
      }
      return { ...base, message: original.message, extensions: { code, ...stack } };
    }
    // Validation rules' own codes (depth, cost) are overwritten by Apollo with GRAPHQL_VALIDATION_FAILED: restore them.
    const own = ownCode(original) ?? ownCode((original as { originalError?: unknown } | null)?.originalError);
    if (own) return { ...base, extensions: { code: own, ...stack } };
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && APOLLO_CODES.has(code)) return { ...base, extensions: { code, ...stack } };
    return internal(base, original, development, log, stack);
  };
}

function internal(
  base: GraphQLFormattedError,
  error: unknown,
  development: boolean,
  log: (line: string) => void,
  stack: object,
): GraphQLFormattedError {
  log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return {
    ...base,
    message: development ? base.message : 'Internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...stack },
  };
}

/** The body of an error answered before GraphQL runs (authentication, rate limit, timeout). */
export function errorBody(code: ApiErrorCode, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}
