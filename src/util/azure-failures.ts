import { ApiPostureError } from './errors.js';

/** A failed Azure call, reported with where it failed; the rest of the run goes on. */
export interface LiveFailure {
  /** Lower-cased subscription id; null when the call covered a management group or the whole tenant. */
  readonly subscriptionId: string | null;
  /** The SDK call, e.g. `apim.api.listByService` or `resourcegraph.resources`. */
  readonly operation: string;
  /** The resource the call was about, when there is one. */
  readonly resourceId?: string;
  /** HTTP status, or null when no response came back (DNS, TLS, credential). */
  readonly status: number | null;
  readonly message: string;
}

/** Azure could not be read: no credential, no access at all, or calls failed. */
export class AzureError extends ApiPostureError {
  readonly code = 'AZURE_ERROR';
  constructor(
    message: string,
    readonly failures: readonly LiveFailure[] = [],
  ) {
    super(message);
    this.name = 'AzureError';
  }
}

/**
 * The HTTP status of an SDK error. Both SDK generations throw `RestError` with `statusCode`; the class is not
 * imported because each client may load its own copy of `@azure/core-rest-pipeline`.
 */
export function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : null;
}

/**
 * One line of an error, without the request dump some SDK messages carry, led by ARM's error code
 * (`AuthorizationFailed`, …) when the message lacks it: the App Service client's paging reports only
 * "Pagination failed with unexpected statusCode 403" and keeps ARM's own message out of reach.
 */
export function messageOf(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim() || 'unknown error';
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code && !text.includes(code) ? `${code}: ${text}` : text;
}

export function failureOf(
  error: unknown,
  at: { subscriptionId: string | null; operation: string; resourceId?: string },
): LiveFailure {
  return { ...at, status: statusOf(error), message: messageOf(error) };
}
