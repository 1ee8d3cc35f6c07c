import type { EndpointTraffic } from './aggregate.js';
import type { LogWindow, TrafficSummary } from './analyze.js';

const DAY_MS = 86_400_000;

export type ActivityState = 'Active' | 'Inactive' | 'AwaitingData';

export interface EndpointActivity {
  readonly state: ActivityState;
  readonly evidence: string;
}

const days = (ms: number) => Math.floor(ms / DAY_MS);

/**
 * Activity of an endpoint as the supplied logs show it. Time is measured against the end of the logs of the
 * endpoint's service (or of all logs when rows carried no service id), never against the wall clock: an export
 * read months later must give the same answer. A service with no rows, or logs shorter than the inactivity period,
 * prove nothing about an endpoint that was not called: it awaits data. APIM diagnostic sampling below 100 % can
 * miss rare calls; the evidence says which window was read.
 */
export function endpointActivity(
  endpoint: { readonly endpointId: string; readonly gatewayId: string },
  summary: TrafficSummary,
  inactiveDays = 30,
): EndpointActivity {
  const coverage = summary.gateways.find((g) => g.gatewayId === endpoint.gatewayId);
  const window: LogWindow | null = coverage?.window ?? (summary.rowsWithoutGateway > 0 ? summary.window : null);
  if (!window) return { state: 'AwaitingData', evidence: `no gateway log rows of ${endpoint.gatewayId} were supplied` };
  const end = Date.parse(window.end);
  const span = `logs from ${window.start} to ${window.end}`;
  const traffic = summary.endpoints.find((e) => e.endpointId === endpoint.endpointId);
  if (traffic) {
    const idle = end - Date.parse(traffic.lastCall);
    if (idle >= inactiveDays * DAY_MS) {
      return {
        state: 'Inactive',
        evidence: `last call ${traffic.lastCall}, ${days(idle)} days before the end of the ${span}`,
      };
    }
    return { state: 'Active', evidence: `${traffic.calls} calls, last ${traffic.lastCall} (${span})` };
  }
  const length = end - Date.parse(window.start);
  if (length < inactiveDays * DAY_MS) {
    return {
      state: 'AwaitingData',
      evidence: `no calls in ${span}: ${days(length)} days of logs, fewer than the ${inactiveDays} needed`,
    };
  }
  return { state: 'Inactive', evidence: `no calls in ${span} (${days(length)} days)` };
}

/**
 * What the logs say about calls without credentials, in words that claim no more than the log proves: an empty
 * `ApimSubscriptionId` shows no valid subscription key; a missing `Authorization` header means something only if
 * the diagnostic logs that header, which a logged `Authorization` on some call shows.
 */
export function anonymousCallEvidence(traffic: EndpointTraffic): string | null {
  const c = traffic.credentials;
  if (c.servedWithoutCredentialSeen === 0) return null;
  const parts = [
    `${c.servedWithoutCredentialSeen} of ${traffic.calls} calls were answered (1xx–3xx) without an APIM subscription ` +
      `(empty ApimSubscriptionId) and without a credential in the URL query`,
  ];
  if (c.authorizationHeaderLogged > 0) {
    parts.push(
      `the diagnostic logs the Authorization header (seen on ${c.authorizationHeaderLogged} calls) and none of these calls carried one`,
    );
  } else if (c.withoutCredentialHeadersLogged > 0) {
    parts.push(
      'request headers were logged and held no credential header, but Authorization was never among them, so a bearer token ' +
        'cannot be ruled out from the log alone',
    );
  } else {
    parts.push(
      'request headers were not logged, so a bearer token in Authorization cannot be ruled out from the log alone',
    );
  }
  return `${parts.join('; ')}.`;
}
