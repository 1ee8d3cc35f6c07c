export { ARG_TABLES, argQuery, argScopes, parseTimeSpan, type ArgTable } from './resource-graph.js';
export { AzureError, type LiveFailure } from '../../../util/azure-failures.js';
export { fetchAzureRows, ingestAzureLive, type LiveFetchResult, type LiveIngestResult } from './ingest-live.js';
export {
  DEFAULT_ARM_ENDPOINT,
  DEFAULT_CONCURRENCY,
  DEFAULT_RETRY,
  DEFAULT_TRY_TIMEOUT_MS,
  LIVE_FAMILIES,
  type LiveFamily,
  type LiveProgress,
  type LiveSettings,
  type RetrySettings,
} from './settings.js';
export {
  DEFAULT_MAX_EFFECTIVE_NICS,
  candidateNics,
  type NetworkEnrichmentSettings,
} from './network-enrichment.js';
