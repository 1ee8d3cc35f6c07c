import type { InputRow } from '../util/input/rows.js';
import { analyzeGatewayLogs, type AnalyzeOptions, type TrafficSummary } from './analyze.js';
import type { EndpointCatalogEntry } from './catalog.js';
import type { EndpointMatcher } from './match.js';
import { readGatewayLogs, type GatewayLogInput, type ReadLogOptions, type ReadStats } from './read.js';

export interface GatewayLogFilesResult {
  readonly summary: TrafficSummary;
  readonly read: ReadStats;
}

/** Reader, mapping, totals and sampling in one streaming pass over log files (or already-parsed log rows). */
export async function analyzeGatewayLogFiles(
  inputs: Iterable<GatewayLogInput> | AsyncIterable<InputRow>,
  catalog: readonly EndpointCatalogEntry[] | EndpointMatcher,
  options: AnalyzeOptions & ReadLogOptions = {},
): Promise<GatewayLogFilesResult> {
  const stream = readGatewayLogs(inputs, options);
  const summary = await analyzeGatewayLogs(stream, catalog, options);
  return { summary, read: stream.stats };
}
