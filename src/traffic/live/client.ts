import { rootCertificates } from 'node:tls';
import type { TokenCredential } from '@azure/identity';
import { LogsQueryClient, LogsQueryResultStatus, type LogsTable } from '@azure/monitor-query-logs';
import { AzureError, failureOf } from '../../util/azure-failures.js';

/** Azure public cloud. US Government: `https://api.loganalytics.us`; China: `https://api.loganalytics.azure.cn`. */
export const DEFAULT_LOG_ANALYTICS_ENDPOINT = 'https://api.loganalytics.io';

export interface LogAnalyticsSettings {
  readonly credential: TokenCredential;
  /** Log Analytics query API host; the token audience is `<endpoint>/.default`. */
  readonly endpoint?: string;
  /** Certificates (PEM) to trust besides the public roots: a TLS proxy, or a local test server. */
  readonly caCertificates?: readonly string[];
  /** Retries of the SDK pipeline (429, 5xx). */
  readonly maxRetries?: number;
}

/** What a query is run against: a workspace (its customer id, a GUID) or a resource (resource-context query). */
export type LogAnalyticsTarget = { readonly workspaceId: string } | { readonly resourceId: string };

/** A query that answered 200 with an error: its tables may be incomplete (row or size limits, a failed shard). */
export interface PartialQuery {
  readonly query: 'aggregates' | 'samples';
  readonly code: string;
  readonly message: string;
}

export interface QueryRows {
  readonly rows: Record<string, unknown>[];
  readonly partial?: PartialQuery;
}

export function createLogsClient(settings: LogAnalyticsSettings): LogsQueryClient {
  const host = (settings.endpoint ?? DEFAULT_LOG_ANALYTICS_ENDPOINT).replace(/\/+$/, '');
  return new LogsQueryClient(settings.credential, {
    // The SDK appends nothing to an explicit endpoint: the API version is part of it.
    endpoint: `${host}/v1`,
    credentials: { scopes: [`${host}/.default`] },
    userAgentOptions: { userAgentPrefix: 'apiposture' },
    retryOptions: { maxRetries: settings.maxRetries ?? 3 },
    ...(settings.caCertificates?.length
      ? { tlsOptions: { ca: [...rootCertificates, ...settings.caCertificates] } }
      : {}),
  });
}

function rowsOf(table: LogsTable | undefined): Record<string, unknown>[] {
  if (!table) return [];
  const names = table.columnDescriptors.map((c, i) => c.name ?? String(i));
  return table.rows.map((cells) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = cells[i];
    return row;
  });
}

/** Runs one query; a 200 with an error is returned as a partial result, any other failure is an AzureError. */
export async function runQuery(
  client: LogsQueryClient,
  target: LogAnalyticsTarget,
  name: PartialQuery['query'],
  kql: string,
  duration: string,
  serverTimeoutInSeconds?: number,
): Promise<QueryRows> {
  const options = serverTimeoutInSeconds !== undefined ? { serverTimeoutInSeconds } : {};
  const timespan = { duration };
  let result;
  try {
    if ('workspaceId' in target) result = await client.queryWorkspace(target.workspaceId, kql, timespan, options);
    else {
      // The SDK puts the id after `/v1/` as given: without its leading slash the path is the documented
      // `/v1/subscriptions/…/query`, not `/v1//subscriptions/…`.
      result = await client.queryResource(target.resourceId.replace(/^\/+/, ''), kql, timespan, options);
    }
  } catch (error) {
    const at = {
      subscriptionId: null,
      operation: `loganalytics.${name}`,
      ...('resourceId' in target ? { resourceId: target.resourceId } : {}),
    };
    const failure = failureOf(error, at);
    throw new AzureError(`Log Analytics ${name} query failed: ${failure.message}`, [failure]);
  }
  if (result.status === LogsQueryResultStatus.PartialFailure) {
    const error = result.partialError;
    return {
      rows: rowsOf(result.partialTables[0]),
      partial: { query: name, code: error.code ?? 'PartialError', message: error.message ?? 'partial result' },
    };
  }
  return { rows: rowsOf(result.tables[0]) };
}
