import { ApiRequestError } from './api.js';
import type { ClientErrorCode } from './error-codes.js';

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}

/** What the user should read (and do) for each error code; the server's own message is kept where it is precise. */
function advice(code: ClientErrorCode, message: string, retryAfter: number | null, hasKey: boolean): string {
  switch (code) {
    case 'UNAUTHENTICATED':
      return hasKey
        ? 'The server did not accept the API key. Enter a valid key under "API key" above.'
        : 'This server requires an API key. Enter it under "API key" above.';
    case 'FORBIDDEN':
      return `Not allowed: ${message}`;
    case 'RATE_LIMITED':
      return `Too many requests: wait ${retryAfter ?? 'a few'} seconds, then try again.`;
    case 'TIMEOUT':
      return `The server took too long to answer (${message}). Try a narrower query.`;
    case 'QUERY_TIMEOUT':
      return `The query ran out of time: ${message}. Try a narrower query or a smaller page.`;
    case 'STORE_UNAVAILABLE':
      return `The graph store is unavailable: ${message}`;
    case 'NOT_FOUND':
    case 'BAD_USER_INPUT':
    case 'QUERY_TOO_DEEP':
    case 'QUERY_TOO_COSTLY':
    case 'GRAPHQL_PARSE_FAILED':
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'BAD_REQUEST':
    case 'PERSISTED_QUERY_NOT_FOUND':
    case 'PERSISTED_QUERY_NOT_SUPPORTED':
    case 'OPERATION_RESOLUTION_FAILURE':
    case 'INTROSPECTION_DISABLED':
      return message;
    case 'INTERNAL_SERVER_ERROR':
      return `The server failed: ${message}`;
    case 'NETWORK_ERROR':
      return `No answer: ${message}.`;
    default:
      return assertNever(code);
  }
}

export function describeError(error: unknown, hasKey: boolean): { code: string; text: string } {
  if (error instanceof ApiRequestError)
    return { code: error.code, text: advice(error.code, error.message, error.retryAfter, hasKey) };
  return { code: 'INTERNAL_SERVER_ERROR', text: error instanceof Error ? error.message : String(error) };
}
