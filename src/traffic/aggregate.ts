import { DistinctCounter, type DistinctCount } from './distinct.js';
import { callerScope } from './ip.js';
import type { MatchMethod } from './match.js';
import { hash32, SeededRandom } from '../util/random.js';
import type { GatewayLogRecord } from './record.js';
import { Reservoir } from './reservoir.js';
import { sampleOf, type TrafficSample } from './sample.js';

export type ResponseClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'other';

/**
 * What the logs show about credentials on an endpoint's calls. The log proves only what it records:
 * `ApimSubscriptionId` is empty when no valid subscription key was presented, and request headers appear only when
 * the APIM diagnostic lists them, so "no Authorization header" means something only where headers were logged.
 */
export interface CredentialEvidence {
  /** Calls with no `ApimSubscriptionId`: no valid APIM subscription key was used. */
  readonly withoutSubscription: number;
  /** …and no credential visible: none in the URL query, none among the logged request headers (if any were logged). */
  readonly withoutCredentialSeen: number;
  /** …of those, calls whose request headers were logged, so a logged credential header would have shown. */
  readonly withoutCredentialHeadersLogged: number;
  /** …of `withoutCredentialSeen`, calls answered with 1xx–3xx: served with no credential visible in the log. */
  readonly servedWithoutCredentialSeen: number;
  /** Calls whose logged request headers include `Authorization`: the diagnostic does log that header. */
  readonly authorizationHeaderLogged: number;
}

export interface EndpointTraffic {
  readonly endpointId: string;
  readonly calls: number;
  readonly firstCall: string;
  readonly lastCall: string;
  readonly responseClasses: Readonly<Record<ResponseClass, number>>;
  /** Distinct caller addresses (immediate callers: a proxy counts once). */
  readonly callers: DistinctCount;
  /** Calls by caller address: public (`external`), private/loopback (`internal`), or missing/unreadable. */
  readonly callerScopes: Readonly<Record<'external' | 'internal' | 'unknown', number>>;
  readonly credentials: CredentialEvidence;
  readonly matchedBy: Readonly<Record<MatchMethod, number>>;
}

export interface AccumulatorOptions {
  readonly sampleSize: number;
  readonly sampleRate: number;
  readonly seed: number;
  readonly maxBodyChars: number;
  readonly distinctCap: number;
}

function responseClass(code: number | undefined): ResponseClass {
  if (code === undefined || code < 100 || code > 599) return 'other';
  return `${Math.floor(code / 100)}xx` as ResponseClass;
}

/** Per-endpoint totals over the whole stream, plus a bounded, seeded sample. */
export class EndpointAccumulator {
  private calls = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private readonly classes: Record<ResponseClass, number> = {
    '1xx': 0,
    '2xx': 0,
    '3xx': 0,
    '4xx': 0,
    '5xx': 0,
    other: 0,
  };
  private readonly callers: DistinctCounter;
  private readonly scopes = { external: 0, internal: 0, unknown: 0 };
  private readonly credentials = {
    withoutSubscription: 0,
    withoutCredentialSeen: 0,
    withoutCredentialHeadersLogged: 0,
    servedWithoutCredentialSeen: 0,
    authorizationHeaderLogged: 0,
  };
  private readonly matched: Record<MatchMethod, number> = { id: 0, url: 0 };
  readonly reservoir: Reservoir<TrafficSample>;

  constructor(
    readonly endpointId: string,
    private readonly options: AccumulatorOptions,
  ) {
    this.callers = new DistinctCounter(options.distinctCap);
    // One random stream per endpoint: an endpoint's sample does not depend on how other endpoints' rows interleave.
    this.reservoir = new Reservoir(
      options.sampleSize,
      options.sampleRate,
      new SeededRandom(hash32(endpointId, options.seed)),
    );
  }

  add(record: GatewayLogRecord, by: MatchMethod): void {
    this.calls += 1;
    this.matched[by] += 1;
    if (record.timeMs < this.first) this.first = record.timeMs;
    if (record.timeMs > this.last) this.last = record.timeMs;
    this.classes[responseClass(record.responseCode)] += 1;
    if (record.callerIp) this.callers.add(record.callerIp);
    this.scopes[callerScope(record.callerIp)] += 1;
    this.addCredentials(record);
    this.reservoir.offer(() => sampleOf(record, this.options.maxBodyChars));
  }

  private addCredentials(record: GatewayLogRecord): void {
    if (record.authorizationHeader) this.credentials.authorizationHeaderLogged += 1;
    if (record.apimSubscriptionId) return;
    this.credentials.withoutSubscription += 1;
    if (record.credentialInUrl || record.credentialInHeaders) return;
    this.credentials.withoutCredentialSeen += 1;
    if (record.requestHeaders) this.credentials.withoutCredentialHeadersLogged += 1;
    if (record.responseCode !== undefined && record.responseCode < 400)
      this.credentials.servedWithoutCredentialSeen += 1;
  }

  result(): EndpointTraffic {
    return {
      endpointId: this.endpointId,
      calls: this.calls,
      firstCall: new Date(this.first).toISOString(),
      lastCall: new Date(this.last).toISOString(),
      responseClasses: { ...this.classes },
      callers: this.callers.result(),
      callerScopes: { ...this.scopes },
      credentials: { ...this.credentials },
      matchedBy: { ...this.matched },
    };
  }
}
