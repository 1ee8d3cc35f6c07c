import type { LogsQueryClient } from '@azure/monitor-query-logs';
import { ConfigError } from '../../util/errors.js';
import type { TrafficSummary } from '../analyze.js';
import type { EndpointCatalogEntry } from '../catalog.js';
import { EndpointMatcher } from '../match.js';
import { checkSampling, type SamplingOptions } from '../reservoir.js';
import { DEFAULT_MAX_BODY_CHARS, type TrafficSample } from '../sample.js';
import {
  createLogsClient,
  runQuery,
  type LogAnalyticsSettings,
  type LogAnalyticsTarget,
  type PartialQuery,
} from './client.js';
import { aggregateQuery, sampleQuery, type GatewayLogTable } from './kql.js';
import { aggregateTraffic, liveSummary, sampleTraffic } from './summary.js';

export interface LiveTrafficOptions {
  /** `ApiManagementGatewayLogs` (default; diagnostic setting with `logAnalyticsDestinationType: Dedicated`) or `AzureDiagnostics`. */
  readonly table?: GatewayLogTable;
  /** ISO 8601 duration of the queried window, ending now (default `P30D`). */
  readonly duration?: string;
  readonly sampling?: SamplingOptions;
  /** Cap on sample rows fetched in total (default 5,000). */
  readonly maxSampleRows?: number;
  readonly maxBodyChars?: number;
  readonly serverTimeoutInSeconds?: number;
  readonly onSample?: (sample: TrafficSample, endpointId: string) => void | Promise<void>;
  /** A client to use instead of one made from the settings (tests, shared pipelines). */
  readonly client?: LogsQueryClient;
}

export interface LiveTrafficResult {
  readonly summary: TrafficSummary;
  /** Queries that answered 200 with an error: the summary is built from what they returned and may be incomplete. */
  readonly partial: readonly PartialQuery[];
  readonly queries: { readonly aggregates: string; readonly samples: string };
}

const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/**
 * Gateway traffic straight from Log Analytics: per-endpoint totals aggregated in KQL, plus a bounded, repeatable
 * sample of rows for classification, both mapped to the graph's endpoints like file logs are. The window is the
 * one the logs show (first and last TimeGenerated), so Inactive is judged as for files.
 */
export async function queryGatewayTraffic(
  settings: LogAnalyticsSettings,
  target: LogAnalyticsTarget,
  catalog: readonly EndpointCatalogEntry[] | EndpointMatcher,
  options: LiveTrafficOptions = {},
): Promise<LiveTrafficResult> {
  const sampling = checkSampling(options.sampling ?? {});
  const duration = options.duration ?? 'P30D';
  if (!DURATION.test(duration))
    throw new ConfigError(`duration must be an ISO 8601 duration such as P7D, not "${duration}"`);
  const maxSampleRows = options.maxSampleRows ?? 5000;
  if (!Number.isInteger(maxSampleRows) || maxSampleRows < 0)
    throw new ConfigError('maxSampleRows must be a whole number ≥ 0');
  const table = options.table ?? 'ApiManagementGatewayLogs';
  const client = options.client ?? createLogsClient(settings);
  const matcher = catalog instanceof EndpointMatcher ? catalog : new EndpointMatcher(catalog);
  const queries = {
    aggregates: aggregateQuery(table),
    samples: sampleQuery(table, {
      size: sampling.size,
      rate: sampling.rate,
      seed: sampling.seed,
      maxRows: maxSampleRows,
    }),
  };
  const partial: PartialQuery[] = [];
  const aggregates = await runQuery(
    client,
    target,
    'aggregates',
    queries.aggregates,
    duration,
    options.serverTimeoutInSeconds,
  );
  if (aggregates.partial) partial.push(aggregates.partial);
  const wantSamples = sampling.size > 0 && sampling.rate > 0 && maxSampleRows > 0;
  const samples = wantSamples
    ? await runQuery(client, target, 'samples', queries.samples, duration, options.serverTimeoutInSeconds)
    : { rows: [] };
  if (samples.partial) partial.push(samples.partial);
  const totals = aggregateTraffic(aggregates.rows, matcher);
  const reservoirs = sampleTraffic(samples.rows, matcher, sampling, options.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS);
  const summary = await liveSummary(totals, reservoirs, sampling, options.onSample);
  return { summary, partial, queries };
}
