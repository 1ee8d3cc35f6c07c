export type { GatewayLogRecord, LogShape, LogPosition, LoggedHeaders } from './record.js';
export { REDACTED, redactUrl, redactHeaders } from './redact.js';
export { normalizeLogRow, parseLogTime } from './normalize.js';
export {
  readGatewayLogs,
  type GatewayLogInput,
  type GatewayLogStream,
  type ReadLogOptions,
  type ReadStats,
} from './read.js';
export { buildEndpointCatalog, loadEndpointCatalog, type EndpointCatalogEntry } from './catalog.js';
export { EndpointMatcher, type MatchResult, type MatchMethod, type UnmatchedReason } from './match.js';
export { callerScope, type CallerScope } from './ip.js';
export { DEFAULT_SAMPLE_SIZE, type SamplingOptions } from './reservoir.js';
export type { TrafficSample, SampleSummary } from './sample.js';
export type { EndpointTraffic, CredentialEvidence, ResponseClass } from './aggregate.js';
export {
  analyzeGatewayLogs,
  type AnalyzeOptions,
  type TrafficSummary,
  type EndpointTrafficSummary,
  type LogWindow,
  type GatewayCoverage,
  type UnmatchedReport,
} from './analyze.js';
export { analyzeGatewayLogFiles, type GatewayLogFilesResult } from './analyze-files.js';
export { endpointActivity, anonymousCallEvidence } from './evidence.js';
export { DEFAULT_INACTIVE_DAYS, judgeActivity, type EndpointActivity, type ActivityState } from './activity.js';
export { queryGatewayTraffic, type LiveTrafficOptions, type LiveTrafficResult } from './live/query.js';
export {
  createLogsClient,
  DEFAULT_LOG_ANALYTICS_ENDPOINT,
  type LogAnalyticsSettings,
  type LogAnalyticsTarget,
  type PartialQuery,
} from './live/client.js';
export { aggregateQuery, sampleQuery, type GatewayLogTable } from './live/kql.js';
