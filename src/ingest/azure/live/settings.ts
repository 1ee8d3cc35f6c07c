import type { TokenCredential } from '@azure/identity';

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
] as const;
export type LiveFamily = (typeof LIVE_FAMILIES)[number];

/**
 * Progress of one family. Resource Graph tables count rows against `totalRecords`; ARM child families count the
 * parent resources done (API Management services, sites, SQL servers, Front Door profiles) and the rows they gave.
 */
export interface LiveProgress {
  readonly family: LiveFamily;
  readonly done: number;
  readonly total: number | null;
  readonly rows: number;
  readonly finished: boolean;
}

/** Retries of the SDK pipeline (429 with Retry-After, 408, 5xx): one place, so calls are never retried twice. */
export interface RetrySettings {
  readonly maxRetries: number;
  readonly retryDelayInMs: number;
  readonly maxRetryDelayInMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 5, retryDelayInMs: 1_000, maxRetryDelayInMs: 60_000 };

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
  readonly onProgress?: (progress: LiveProgress) => void;
  readonly onWarning?: (message: string) => void;
}
