import type { EndpointTraffic } from './aggregate.js';
import { DEFAULT_INACTIVE_DAYS, judgeActivity, type EndpointActivity } from './activity.js';
import type { LogWindow, TrafficSummary } from './analyze.js';

/**
 * Activity of an endpoint as a log summary shows it: the window is the one of the endpoint's service (or of all logs
 * when rows carried no service id), judged by the one Inactive rule.
 */
export function endpointActivity(
  endpoint: { readonly endpointId: string; readonly gatewayId: string },
  summary: TrafficSummary,
  inactiveDays = DEFAULT_INACTIVE_DAYS,
): EndpointActivity {
  const coverage = summary.gateways.find((g) => g.gatewayId === endpoint.gatewayId);
  const window: LogWindow | null = coverage?.window ?? (summary.rowsWithoutGateway > 0 ? summary.window : null);
  const traffic = summary.endpoints.find((e) => e.endpointId === endpoint.endpointId);
  return judgeActivity(
    window,
    traffic?.lastCall ?? null,
    inactiveDays,
    `no gateway log rows of ${endpoint.gatewayId} were supplied`,
  );
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
