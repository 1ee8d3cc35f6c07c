/** The API's stable error codes (`extensions.code`, src/api/errors.ts; a test keeps the two lists equal). */
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

/**
 * Every code the page may show: the API's, Apollo's, and NETWORK_ERROR when the server could not be reached or
 * answered something that is not the API's JSON.
 */
export type ClientErrorCode = ApiErrorCode | (typeof APOLLO_ERROR_CODES)[number] | 'NETWORK_ERROR';

export function toClientErrorCode(value: unknown): ClientErrorCode {
  if (typeof value !== 'string') return 'INTERNAL_SERVER_ERROR';
  const known: readonly string[] = [...API_ERROR_CODES, ...APOLLO_ERROR_CODES];
  return known.includes(value) ? (value as ClientErrorCode) : 'INTERNAL_SERVER_ERROR';
}

/** Codes Apollo Server sets for requests it refuses before our resolvers run (the page's own queries should not). */
export const APOLLO_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'INTROSPECTION_DISABLED',
] as const;
