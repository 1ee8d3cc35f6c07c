import type { CredentialEvidence, EndpointTraffic, ResponseClass } from '../aggregate.js';
import type {
  EndpointTrafficSummary,
  GatewayCoverage,
  LogWindow,
  TrafficSummary,
  UnmatchedReport,
} from '../analyze.js';
import type { EndpointMatcher, MatchMethod, UnmatchedReason } from '../match.js';
import { normalizeLogRow, parseLogTime } from '../normalize.js';
import { hash32, SeededRandom } from '../../util/random.js';
import { Reservoir, type SamplingOptions } from '../reservoir.js';
import { sampleOf, summarizeSample, type TrafficSample } from '../sample.js';
import { compareIds } from '../../util/order.js';
import { str } from '../../util/json.js';

type Row = Readonly<Record<string, unknown>>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const count = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' ? Number(v) || 0 : 0;
const iso = (ms: number) => new Date(ms).toISOString();

class Span {
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  rows = 0;
  add(first: number, last: number, rows: number): void {
    if (first < this.min) this.min = first;
    if (last > this.max) this.max = last;
    this.rows += rows;
  }
  window(): LogWindow | null {
    return this.rows === 0 ? null : { start: iso(this.min), end: iso(this.max) };
  }
}

interface Totals {
  calls: number;
  first: number;
  last: number;
  classes: Record<ResponseClass, number>;
  callers: number;
  scopes: Record<'external' | 'internal' | 'unknown', number>;
  credentials: Mutable<CredentialEvidence>;
  matchedBy: Record<MatchMethod, number>;
}

function totalsOf(row: Row, first: number, last: number): Totals {
  const calls = count(row['Calls']);
  const classes = {
    '1xx': count(row['R1xx']),
    '2xx': count(row['R2xx']),
    '3xx': count(row['R3xx']),
    '4xx': count(row['R4xx']),
    '5xx': count(row['R5xx']),
    other: 0,
  };
  classes.other = Math.max(
    0,
    calls - classes['1xx'] - classes['2xx'] - classes['3xx'] - classes['4xx'] - classes['5xx'],
  );
  return {
    calls,
    first,
    last,
    classes,
    callers: count(row['Callers']),
    scopes: {
      external: count(row['External']),
      internal: count(row['Internal']),
      unknown: count(row['UnknownCaller']),
    },
    credentials: {
      withoutSubscription: count(row['WithoutSubscription']),
      withoutCredentialSeen: count(row['WithoutCredentialSeen']),
      withoutCredentialHeadersLogged: count(row['WithoutCredentialHeadersLogged']),
      servedWithoutCredentialSeen: count(row['ServedWithoutCredentialSeen']),
      authorizationHeaderLogged: count(row['AuthorizationHeaderLogged']),
    },
    matchedBy: { id: 0, url: 0 },
  };
}

/** Several groups can map to one endpoint (URL-matched paths); dcount results cannot be added, the largest is kept. */
function merge(into: Totals, add: Totals): void {
  into.calls += add.calls;
  into.first = Math.min(into.first, add.first);
  into.last = Math.max(into.last, add.last);
  for (const k of Object.keys(into.classes) as ResponseClass[]) into.classes[k] += add.classes[k];
  into.callers = Math.max(into.callers, add.callers);
  for (const k of ['external', 'internal', 'unknown'] as const) into.scopes[k] += add.scopes[k];
  for (const k of Object.keys(into.credentials) as (keyof CredentialEvidence)[])
    into.credentials[k] += add.credentials[k];
  into.matchedBy.id += add.matchedBy.id;
  into.matchedBy.url += add.matchedBy.url;
}

function trafficOf(endpointId: string, t: Totals): EndpointTraffic {
  return {
    endpointId,
    calls: t.calls,
    firstCall: iso(t.first),
    lastCall: iso(t.last),
    responseClasses: t.classes,
    // dcount() is itself an estimate (HyperLogLog in Kusto).
    callers: { count: t.callers, estimated: true },
    callerScopes: t.scopes,
    credentials: t.credentials,
    matchedBy: t.matchedBy,
  };
}

interface Unmatched {
  rows: number;
  byReason: Partial<Record<UnmatchedReason, number>>;
  keys: Map<string, number>;
}

function unmatchedReport(u: Unmatched): UnmatchedReport {
  const top = [...u.keys]
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .slice(0, 20)
    .map(([key, rows]) => ({ key, rows }));
  return { rows: u.rows, byReason: u.byReason, top };
}

/** Endpoint totals from the aggregate query's rows (one per service, API, operation, or unmapped path). */
export function aggregateTraffic(rows: readonly Row[], matcher: EndpointMatcher) {
  const endpoints = new Map<string, Totals>();
  const window = new Span();
  const gateways = new Map<string, Span>();
  const unmatched: Unmatched = { rows: 0, byReason: {}, keys: new Map() };
  let rowsWithoutGateway = 0;
  for (const row of rows) {
    const first = parseLogTime(row['FirstCall']);
    const last = parseLogTime(row['LastCall']);
    if (!Number.isFinite(first) || !Number.isFinite(last)) continue;
    const totals = totalsOf(row, first, last);
    const gatewayId = str(row['GatewayId']);
    window.add(first, last, totals.calls);
    if (gatewayId) {
      if (!gateways.has(gatewayId)) gateways.set(gatewayId, new Span());
      gateways.get(gatewayId)!.add(first, last, totals.calls);
    } else rowsWithoutGateway += totals.calls;
    const apiId = str(row['ApiName']);
    const operationId = str(row['OperationId']);
    const match = matcher.match({
      ...(gatewayId ? { gatewayId } : {}),
      ...(apiId ? { apiId } : {}),
      ...(operationId ? { operationId } : {}),
      ...(str(row['Method']) ? { method: str(row['Method'])!.toUpperCase() } : {}),
      ...(str(row['RoutePath']) ? { url: str(row['RoutePath'])! } : {}),
    });
    if (match.endpointId === null) {
      unmatched.rows += totals.calls;
      unmatched.byReason[match.reason] = (unmatched.byReason[match.reason] ?? 0) + totals.calls;
      const key = `${gatewayId ?? '(no service id)'} ${apiId ?? '-'}/${operationId ?? '-'}`;
      unmatched.keys.set(key, (unmatched.keys.get(key) ?? 0) + totals.calls);
      continue;
    }
    totals.matchedBy[match.by] = totals.calls;
    const existing = endpoints.get(match.endpointId);
    if (existing) merge(existing, totals);
    else endpoints.set(match.endpointId, totals);
  }
  const coverage: GatewayCoverage[] = [...gateways]
    .sort((a, b) => compareIds(a[0], b[0]))
    .map(([gatewayId, span]) => ({ gatewayId, rows: span.rows, window: span.window()! }));
  return { endpoints, window, coverage, unmatched: unmatchedReport(unmatched), rowsWithoutGateway };
}

/** Sample rows → per-endpoint reservoirs (the query already thinned and bounded them; this keeps the same shape). */
export function sampleTraffic(
  rows: readonly Row[],
  matcher: EndpointMatcher,
  sampling: Required<SamplingOptions>,
  maxBodyChars: number,
) {
  const reservoirs = new Map<string, Reservoir<TrafficSample>>();
  rows.forEach((row, index) => {
    let record;
    try {
      record = normalizeLogRow(row, { file: 'log-analytics:samples', index });
    } catch {
      return; // A sample row without a valid time is dropped: the totals come from the aggregate query.
    }
    if (!record) return;
    const match = matcher.match(record);
    if (match.endpointId === null) return;
    let reservoir = reservoirs.get(match.endpointId);
    if (!reservoir) {
      reservoir = new Reservoir<TrafficSample>(
        sampling.size,
        1,
        new SeededRandom(hash32(match.endpointId, sampling.seed)),
      );
      reservoirs.set(match.endpointId, reservoir);
    }
    reservoir.offer(() => sampleOf(record, maxBodyChars));
  });
  return reservoirs;
}

export async function liveSummary(
  aggregates: ReturnType<typeof aggregateTraffic>,
  samples: Map<string, Reservoir<TrafficSample>>,
  sampling: Required<SamplingOptions>,
  onSample?: (sample: TrafficSample, endpointId: string) => void | Promise<void>,
): Promise<TrafficSummary> {
  const endpoints: EndpointTrafficSummary[] = [];
  for (const id of [...aggregates.endpoints.keys()].sort()) {
    const kept = [...(samples.get(id)?.items ?? [])].sort((a, b) => compareIds(a.time, b.time));
    if (onSample) for (const sample of kept) await onSample(sample, id);
    endpoints.push({ ...trafficOf(id, aggregates.endpoints.get(id)!), samples: kept.map(summarizeSample) });
  }
  return {
    window: aggregates.window.window(),
    rows: aggregates.window.rows,
    matchedRows: aggregates.window.rows - aggregates.unmatched.rows,
    unmatched: aggregates.unmatched,
    endpoints,
    gateways: aggregates.coverage,
    rowsWithoutGateway: aggregates.rowsWithoutGateway,
    sampling,
  };
}
