import type { TokenCredential } from '@azure/identity';
import type { NetworkEnrichmentSettings } from './network-enrichment.js';
import type { TryDeadline } from './try-timeout.js';

/** Azure public cloud. Sovereign clouds: `https://management.usgovcloudapi.net`, `https://management.chinacloudapi.cn`. */
export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
/** Parallel ARM calls: ARM throttles reads per principal and subscription, so a small pool is the polite default. */
export const DEFAULT_CONCURRENCY = 4;

/** What a live run fetches, by family: a progress bar each. */
export const LIVE_FAMILIES = [
  'resources',
  'resourcecontainers',
  'authorizationresources',
  'appserviceresources',
  'apim',
  'web',
  'sql',
  'frontdoor',
  'network',
] as const;
export type LiveFamily = (typeof LIVE_FAMILIES)[number];

/**
 * Progress of one family. Resource Graph tables count rows against `totalRecords`; ARM child families count the
 * parent resources done (API Management services, sites, SQL, PostgreSQL and MySQL servers, Front Door profiles) and
 * the rows they gave.
 */
export interface LiveProgress {
  readonly family: LiveFamily;
  readonly done: number;
  readonly total: number | null;
  readonly rows: number;
  readonly finished: boolean;
}

/**
 * Retries of the SDK pipeline (429 with Retry-After, 408, 5xx, and network faults: a try that times out or whose
 * connection is reset): one place, so calls are never retried twice. One call takes at most
 * `(maxRetries + 1) × tryTimeoutInMs` plus the waits between tries, so a silent ARM front end cannot hang a run.
 */
export interface RetrySettings {
  readonly maxRetries: number;
  readonly retryDelayInMs: number;
  readonly maxRetryDelayInMs: number;
  /** Deadline of one try, headers and body (default 60 s: Resource Graph pages of 1,000 rows take seconds). */
  readonly tryTimeoutInMs?: number;
  /** How a try's deadline is kept (default: a timer of `tryTimeoutInMs`); tests end hung tries on their own signal. */
  readonly tryDeadline?: TryDeadline;
}

export const DEFAULT_TRY_TIMEOUT_MS = 60_000;
export const DEFAULT_RETRY: RetrySettings = {
  maxRetries: 5,
  retryDelayInMs: 1_000,
  maxRetryDelayInMs: 60_000,
  tryTimeoutInMs: DEFAULT_TRY_TIMEOUT_MS,
};

export interface LiveSettings {
  readonly credential: TokenCredential;
  /** ARM endpoint, e.g. https://management.azure.com; the token scope is `<endpoint>/.default`. */
  readonly armEndpoint: string;
  /** Subscriptions to read; with neither these nor a management group, everything the credential sees in its tenant. */
  readonly subscriptions?: readonly string[];
  readonly managementGroup?: string;
  readonly concurrency: number;
  readonly retry: RetrySettings;
  /** Certificates (PEM) to trust besides the public roots: a private ARM endpoint (Azure Stack Hub) or a TLS proxy. */
  readonly caCertificates?: readonly string[];
  /** Effective security rules of internet-facing NICs through `@azure/arm-network` (default: on, 200 NICs). */
  readonly networkEnrichment?: NetworkEnrichmentSettings;
  readonly onProgress?: (progress: LiveProgress) => void;
  readonly onWarning?: (message: string) => void;
}
