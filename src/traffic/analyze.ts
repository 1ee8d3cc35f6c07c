import { ConfigError } from '../util/errors.js';
import { EndpointAccumulator, type EndpointTraffic } from './aggregate.js';
import { detach } from './detach.js';
import type { EndpointCatalogEntry } from './catalog.js';
import { EndpointMatcher, type UnmatchedReason } from './match.js';
import type { GatewayLogRecord } from './record.js';
import { checkSampling, type SamplingOptions } from './reservoir.js';
import { DEFAULT_MAX_BODY_CHARS, summarizeSample, type SampleSummary, type TrafficSample } from './sample.js';
import { compareIds } from '../util/order.js';

/** First and last `TimeGenerated` over every row read, matched or not. */
export interface LogWindow {
  readonly start: string;
  readonly end: string;
}

export interface GatewayCoverage {
  readonly gatewayId: string;
  readonly rows: number;
  readonly window: LogWindow;
}

export interface UnmatchedReport {
  readonly rows: number;
  readonly byReason: Readonly<Partial<Record<UnmatchedReason, number>>>;
  /** The most frequent unmatched (gateway, API, operation) names, with counts; no URLs. */
  readonly top: readonly { readonly key: string; readonly rows: number }[];
}

export interface EndpointTrafficSummary extends EndpointTraffic {
  readonly samples: readonly SampleSummary[];
}

export interface TrafficSummary {
  /** Null when no row was read: then no endpoint can be called Inactive (it is awaiting data). */
  readonly window: LogWindow | null;
  readonly rows: number;
  readonly matchedRows: number;
  readonly unmatched: UnmatchedReport;
  /** Sorted by endpoint id. */
  readonly endpoints: readonly EndpointTrafficSummary[];
  /** Services that logged rows, and when: endpoints of other services have no data, not no traffic. */
  readonly gateways: readonly GatewayCoverage[];
  readonly rowsWithoutGateway: number;
  readonly sampling: Required<SamplingOptions>;
}

export interface AnalyzeOptions {
  readonly sampling?: SamplingOptions;
  /** Body characters kept per sampled message (default 8,192, APIM's own maximum). */
  readonly maxBodyChars?: number;
  /** Distinct callers counted exactly up to this many per endpoint, estimated beyond (default 1,000). */
  readonly distinctCallerCap?: number;
  /** Receives every retained sample, bodies included, once the stream has ended (for classification). */
  readonly onSample?: (sample: TrafficSample, endpointId: string) => void | Promise<void>;
}

const UNMATCHED_KEYS = 1000;

class Window {
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  rows = 0;

  add(ms: number): void {
    this.rows += 1;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  result(): LogWindow | null {
    return this.rows === 0 ? null : { start: new Date(this.min).toISOString(), end: new Date(this.max).toISOString() };
  }
}

class UnmatchedCounter {
  rows = 0;
  private readonly byReason: Partial<Record<UnmatchedReason, number>> = {};
  private readonly keys = new Map<string, number>();

  add(record: GatewayLogRecord, reason: UnmatchedReason): void {
    this.rows += 1;
    this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
    const key = `${record.gatewayId ?? '(no service id)'} ${record.apiId ?? '-'}/${record.operationId ?? '-'}`;
    const count = this.keys.get(key);
    // Bounded: past the cap, new keys are only counted in `rows` and `byReason`.
    if (count !== undefined) this.keys.set(key, count + 1);
    else if (this.keys.size < UNMATCHED_KEYS) this.keys.set(detach(key), 1);
  }

  result(): UnmatchedReport {
    const top = [...this.keys]
      .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
      .slice(0, 20)
      .map(([key, rows]) => ({ key, rows }));
    return { rows: this.rows, byReason: { ...this.byReason }, top };
  }
}

function checkOptions(options: AnalyzeOptions) {
  const maxBodyChars = options.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS;
  const distinctCap = options.distinctCallerCap ?? 1000;
  if (!Number.isInteger(maxBodyChars) || maxBodyChars < 0)
    throw new ConfigError(`maxBodyChars must be a whole number ≥ 0`);
  if (!Number.isInteger(distinctCap) || distinctCap < 0)
    throw new ConfigError(`distinctCallerCap must be a whole number ≥ 0`);
  return { sampling: checkSampling(options.sampling ?? {}), maxBodyChars, distinctCap };
}

/**
 * One pass over the records: map each to its endpoint, add it to that endpoint's totals and reservoir, and track
 * the log window. Memory grows with endpoints (and capped caller sets and samples), never with rows.
 */
export async function analyzeGatewayLogs(
  records: AsyncIterable<GatewayLogRecord> | Iterable<GatewayLogRecord>,
  catalog: readonly EndpointCatalogEntry[] | EndpointMatcher,
  options: AnalyzeOptions = {},
): Promise<TrafficSummary> {
  const { sampling, maxBodyChars, distinctCap } = checkOptions(options);
  const matcher = catalog instanceof EndpointMatcher ? catalog : new EndpointMatcher(catalog);
  const accumulators = new Map<string, EndpointAccumulator>();
  const window = new Window();
  const gateways = new Map<string, Window>();
  const unmatched = new UnmatchedCounter();
  let rowsWithoutGateway = 0;
  const settings = {
    sampleSize: sampling.size,
    sampleRate: sampling.rate,
    seed: sampling.seed,
    maxBodyChars,
    distinctCap,
  };
  for await (const record of records) {
    window.add(record.timeMs);
    if (record.gatewayId) {
      let coverage = gateways.get(record.gatewayId);
      if (!coverage) gateways.set(record.gatewayId, (coverage = new Window()));
      coverage.add(record.timeMs);
    } else rowsWithoutGateway += 1;
    const match = matcher.match(record);
    if (match.endpointId === null) {
      unmatched.add(record, match.reason);
      continue;
    }
    let accumulator = accumulators.get(match.endpointId);
    if (!accumulator)
      accumulators.set(match.endpointId, (accumulator = new EndpointAccumulator(match.endpointId, settings)));
    accumulator.add(record, match.by);
  }
  return finish(accumulators, { window, gateways, unmatched, rowsWithoutGateway, sampling }, options.onSample);
}

async function finish(
  accumulators: Map<string, EndpointAccumulator>,
  totals: {
    window: Window;
    gateways: Map<string, Window>;
    unmatched: UnmatchedCounter;
    rowsWithoutGateway: number;
    sampling: Required<SamplingOptions>;
  },
  onSample: AnalyzeOptions['onSample'],
): Promise<TrafficSummary> {
  const endpoints: EndpointTrafficSummary[] = [];
  for (const id of [...accumulators.keys()].sort()) {
    const accumulator = accumulators.get(id)!;
    const samples = [...accumulator.reservoir.items].sort((a, b) => compareIds(a.time, b.time));
    if (onSample) for (const sample of samples) await onSample(sample, id);
    endpoints.push({ ...accumulator.result(), samples: samples.map(summarizeSample) });
  }
  const gateways = [...totals.gateways]
    .sort((a, b) => compareIds(a[0], b[0]))
    .map(([gatewayId, w]) => ({ gatewayId, rows: w.rows, window: w.result()! }));
  return {
    window: totals.window.result(),
    rows: totals.window.rows,
    matchedRows: totals.window.rows - totals.unmatched.rows,
    unmatched: totals.unmatched.result(),
    endpoints,
    gateways,
    rowsWithoutGateway: totals.rowsWithoutGateway,
    sampling: totals.sampling,
  };
}
