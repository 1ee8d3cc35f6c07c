import type { ArmShape } from './arm-shape.js';
import type { ChildFetch, ParentResource } from './child-fetch.js';

const ORIGIN_GROUP: ArmShape = { type: 'Microsoft.Cdn/profiles/originGroups' };
const ORIGIN: ArmShape = { type: 'Microsoft.Cdn/profiles/originGroups/origins' };
const ROUTE: ArmShape = { type: 'Microsoft.Cdn/profiles/afdEndpoints/routes' };
const SECURITY_POLICY: ArmShape = { type: 'Microsoft.Cdn/profiles/securityPolicies' };

/** Front Door Standard/Premium profiles; classic CDN profiles (`Standard_Microsoft`, …) have no AFD children. */
export function isFrontDoorProfile(profile: ParentResource): boolean {
  return /^(standard|premium)_azurefrontdoor$/i.test(profile.skuName ?? '');
}

/**
 * Origin groups, their origins (the backends), the routes of each endpoint and the security policies (which WAF
 * policy covers which endpoints and domains): not in Resource Graph, which holds only the profile and its endpoints. Endpoint names come from Resource Graph's `afdendpoints` rows.
 */
export async function fetchFrontDoorChildren(
  profile: ParentResource,
  fetch: ChildFetch,
  endpoints: readonly string[],
): Promise<void> {
  const client = fetch.clients.cdn(profile.subscriptionId);
  const { resourceGroup: rg, name } = profile;
  const groupsDone = fetch
    .list(
      profile,
      'cdn.afdOriginGroups.listByProfile',
      `${profile.id}/originGroups`,
      () => client.afdOriginGroups.listByProfile(rg, name),
      ORIGIN_GROUP,
    )
    .then((groups) =>
      Promise.all(
        (groups ?? []).map((group) =>
          fetch.list(
            profile,
            'cdn.afdOrigins.listByOriginGroup',
            `${profile.id}/originGroups/${group.name ?? ''}/origins`,
            () => client.afdOrigins.listByOriginGroup(rg, name, group.name ?? ''),
            ORIGIN,
          ),
        ),
      ),
    );
  const routesDone = Promise.all(
    endpoints.map((endpoint) =>
      fetch.list(
        profile,
        'cdn.routes.listByEndpoint',
        `${profile.id}/afdEndpoints/${endpoint}/routes`,
        () => client.routes.listByEndpoint(rg, name, endpoint),
        ROUTE,
      ),
    ),
  );
  const policiesDone = fetch.list(
    profile,
    'cdn.securityPolicies.listByProfile',
    `${profile.id}/securityPolicies`,
    () => client.securityPolicies.listByProfile(rg, name),
    SECURITY_POLICY,
  );
  await Promise.all([groupsDone, routesDone, policiesDone]);
}
