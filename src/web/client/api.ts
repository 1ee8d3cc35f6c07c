import { toClientErrorCode, type ClientErrorCode } from './error-codes.js';

/** The API key lives for the browser tab only (sessionStorage): closing the tab forgets it. */
const KEY_STORAGE = 'apiposture.apiKey';

export function storedApiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null; // storage disabled: the page still works against a server that needs no key
  }
}

export function storeApiKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // storage disabled: the key cannot be kept, and the next request will say a key is needed
  }
}

export class ApiRequestError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    /** Seconds, from Retry-After on a 429. */
    readonly retryAfter: number | null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

interface GraphqlError {
  readonly message?: unknown;
  readonly extensions?: { readonly code?: unknown };
}

interface GraphqlBody {
  readonly data?: unknown;
  readonly errors?: readonly GraphqlError[];
}

/** Listeners told about every failed request (the auth box opens itself on UNAUTHENTICATED). */
const failureListeners = new Set<(error: ApiRequestError) => void>();

export function onApiFailure(listener: (error: ApiRequestError) => void): void {
  failureListeners.add(listener);
}

function fail(error: ApiRequestError): never {
  for (const listener of failureListeners) listener(error);
  throw error;
}

/** One GraphQL request to this server's /graphql; the data, or an ApiRequestError with the API's code. */
export async function graphql<T>(query: string, variables: Readonly<Record<string, unknown>> = {}): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const key = storedApiKey();
  if (key) headers['Authorization'] = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    return fail(new ApiRequestError('NETWORK_ERROR', 'the server could not be reached', 0, null));
  }
  let body: GraphqlBody;
  try {
    body = (await response.json()) as GraphqlBody;
  } catch {
    return fail(
      new ApiRequestError(
        'NETWORK_ERROR',
        `the server answered ${response.status} without JSON`,
        response.status,
        null,
      ),
    );
  }
  const first = body.errors?.[0];
  if (first || !response.ok || body.data === undefined || body.data === null) {
    const retry = Number(response.headers.get('Retry-After'));
    return fail(
      new ApiRequestError(
        toClientErrorCode(first?.extensions?.code),
        typeof first?.message === 'string' ? first.message : `the server answered ${response.status}`,
        response.status,
        Number.isFinite(retry) && retry > 0 ? retry : null,
      ),
    );
  }
  return body.data as T;
}

/** A Relay connection as the API returns it. */
export interface Connection<T> {
  readonly edges: readonly { readonly node: T; readonly cursor: string }[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
  readonly totalCount?: number | null;
}
