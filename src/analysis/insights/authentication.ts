import type { GraphNode, JsonValue } from '../../model/index.js';
import { endpointPolicies } from '../derive/policy-context.js';
import { prop, type GraphView } from '../graph-view.js';
import { EffectivePolicies } from '../policy/index.js';

export interface AnonymousVerdict {
  readonly anonymous: boolean;
  /** What proved it: the configuration read, the gates noted (never counted as authentication). */
  readonly evidence: JsonValue;
}

/**
 * APIM (DESIGN §3): an operation is authenticated when, on every way in (each product, or the API alone), a
 * subscription key is required or the effective policy (global → product → API → operation, `<base />` spliced,
 * fragments pasted, named values resolved) authenticates the caller on every served branch: validate-jwt,
 * validate-azure-ad-token or validate-client-certificate, or a recognised custom check ("custom authentication (not
 * verified)"). A product with `subscriptionRequired: false` opens its APIs; `check-header` and `ip-filter` are
 * gates, not authentication.
 */
export function apimAnonymous(view: GraphView, endpoint: GraphNode, policies = new EffectivePolicies()): AnonymousVerdict {
  const { api, ways: chains } = endpointPolicies(view, endpoint, policies);
  const apiRequiresKey = prop.bool(api, 'subscriptionRequired') !== false;
  const ways = chains.map(({ product, facts }) => ({
    product,
    keyRequired: apiRequiresKey && prop.bool(product, 'subscriptionRequired') !== false,
    auth: facts.authentication,
    problems: facts.policy.problems,
  }));
  const protectedByPolicy = (w: (typeof ways)[number]) => w.auth.requirement === 'required' || w.auth.requirement === 'custom';
  const open = ways.filter((w) => !w.keyRequired && !protectedByPolicy(w));
  const reasons: string[] = [];
  for (const way of open) {
    const via = way.product ? `through product ${prop.str(way.product, 'name')}` : 'directly';
    const key = !apiRequiresKey
      ? 'the API does not require a subscription key'
      : `product ${prop.str(way.product, 'name')} does not require a subscription key`;
    const policy =
      way.auth.requirement === 'conditional'
        ? 'the effective policy authenticates the caller on some branches only'
        : 'the effective policy has no validate-jwt, validate-azure-ad-token or validate-client-certificate on any served branch';
    reasons.push(`${via}: ${key}, and ${policy}`);
  }
  const gates = [...new Set(ways.flatMap((w) => w.auth.gates.map((g) => `${g.policy} at ${g.scope} scope (a gate, not authentication)`)))];
  const branches = [...new Set(ways.filter((w) => !w.keyRequired && w.auth.requirement !== 'none').flatMap((w) => w.auth.branches))];
  const custom = [...new Set(ways.flatMap((w) => w.auth.customChecks))];
  const authenticated = ways
    .filter((w) => w.keyRequired || protectedByPolicy(w))
    .map((w) => (w.keyRequired ? 'subscription key required' : w.auth.requirement === 'custom' ? 'custom authentication (not verified) on every served branch' : 'caller authentication on every served branch'));
  const problems = [...new Set(ways.flatMap((w) => w.problems.map((p) => p.problem)))];
  return {
    anonymous: open.length > 0,
    evidence: {
      source: 'configuration',
      reasons,
      ...(gates.length ? { gates } : {}),
      ...(branches.length ? { branches } : {}),
      ...(custom.length ? { customAuthentication: custom } : {}),
      ...(authenticated.length ? { authenticatedWays: [...new Set(authenticated)] } : {}),
      ...(problems.length ? { problems } : {}),
    },
  };
}

/**
 * Functions: `authLevel: anonymous` without EasyAuth enforcing sign-in (`function`/`admin` keys are key-based
 * authentication). EasyAuth enforces when the platform is on, authentication is required and unauthenticated
 * callers are not allowed through; an excluded path stays open.
 */
export function functionAnonymous(app: GraphNode | undefined, endpoint: GraphNode): AnonymousVerdict {
  const level = prop.str(endpoint, 'authLevel') ?? 'function';
  if (level !== 'anonymous') return { anonymous: false, evidence: { source: 'configuration', reasons: [`authLevel is ${level}: a function key is required`] } };
  const auth = app?.properties['authSettings'];
  const settings = auth && typeof auth === 'object' && !Array.isArray(auth) ? auth : {};
  const enforced =
    settings['platformEnabled'] === true &&
    (settings['requireAuthentication'] === true || (typeof settings['unauthenticatedClientAction'] === 'string' && settings['unauthenticatedClientAction'] !== 'AllowAnonymous'));
  const route = prop.str(endpoint, 'urlTemplate') ?? '';
  const excluded = Array.isArray(settings['excludedPaths'])
    ? settings['excludedPaths'].some((p) => typeof p === 'string' && route.length > 0 && `/api${route}`.toLowerCase().startsWith(p.toLowerCase().replace(/\*$/, '')))
    : false;
  if (enforced && !excluded) {
    return { anonymous: false, evidence: { source: 'configuration', reasons: ['authLevel is anonymous, but App Service Authentication (EasyAuth) requires sign-in'] } };
  }
  return {
    anonymous: true,
    evidence: {
      source: 'configuration',
      reasons: [
        'authLevel is anonymous',
        excluded ? 'the route is in EasyAuth excludedPaths' : 'App Service Authentication (EasyAuth) does not require sign-in',
      ],
    },
  };
}

/** Logic Apps: an enabled SAS signature is key-based authentication; with SAS disabled, an OAuth policy is needed. */
export function logicAnonymous(endpoint: GraphNode): AnonymousVerdict {
  const sas = prop.bool(endpoint, 'sasEnabled');
  const oauth = prop.strs(endpoint, 'oauthPolicies');
  const allowed = endpoint.properties['allowedCallerIpAddresses'];
  const gates = Array.isArray(allowed) ? [`caller IPs restricted to ${allowed.length ? allowed.join(', ') : 'other Logic Apps'} (a gate, not authentication)`] : [];
  if (sas !== false) {
    return { anonymous: false, evidence: { source: 'configuration', reasons: ['the callback URL carries a SAS signature (key-based authentication)'], ...(gates.length ? { gates } : {}) } };
  }
  if (oauth.length) return { anonymous: false, evidence: { source: 'configuration', reasons: [`OAuth authorization policies: ${oauth.join(', ')}`] } };
  return { anonymous: true, evidence: { source: 'configuration', reasons: ['SAS is disabled and no OAuth authorization policy is set'], ...(gates.length ? { gates } : {}) } };
}
