import { statementsDeep, type EffectivePolicy, type PolicyScope } from './effective.js';

/** Elements that authenticate the caller: a request without valid credentials is rejected at the gateway. */
export const AUTHENTICATING_POLICIES = ['validate-jwt', 'validate-azure-ad-token', 'validate-client-certificate'] as const;
/** Elements that gate a request without authenticating the caller (a static header, the caller's IP). */
export const GATING_POLICIES = ['check-header', 'ip-filter'] as const;

export interface PolicyGate {
  readonly policy: string;
  readonly scope: PolicyScope;
  /** True when the element sits inside `<choose>`/`<when>`: it may not run on every request. */
  readonly conditional: boolean;
}

export interface InboundAuthentication {
  /** Authenticating statements that run on every request. */
  readonly authenticators: readonly PolicyGate[];
  /** Authenticating statements inside conditions: they do not make the endpoint authenticated. */
  readonly conditionalAuthenticators: readonly PolicyGate[];
  /** check-header / ip-filter: noted in evidence, never counted as authentication. */
  readonly gates: readonly PolicyGate[];
}

/** The authentication facts of an effective inbound section. */
export function inboundAuthentication(policy: EffectivePolicy): InboundAuthentication {
  const authenticators: PolicyGate[] = [];
  const conditionalAuthenticators: PolicyGate[] = [];
  const gates: PolicyGate[] = [];
  const topLevel = new Set(policy.sections.inbound.map((s) => s.element));
  for (const { scope, element } of statementsDeep(policy, 'inbound')) {
    const conditional = !topLevel.has(element);
    const gate = { policy: element.name, scope, conditional };
    if ((AUTHENTICATING_POLICIES as readonly string[]).includes(element.name)) {
      (conditional ? conditionalAuthenticators : authenticators).push(gate);
    } else if ((GATING_POLICIES as readonly string[]).includes(element.name)) gates.push(gate);
  }
  return { authenticators, conditionalAuthenticators, gates };
}

export type BackendTarget =
  | { readonly via: 'backend-id'; readonly backendId: string; readonly scope: PolicyScope }
  | { readonly via: 'base-url'; readonly url: string; readonly scope: PolicyScope };

/**
 * The backend the gateway calls: the last `set-backend-service` that runs (inbound, then backend section), or
 * null when no policy sets one (the API's serviceUrl applies). Expressions (`@(...)`) cannot be resolved statically
 * and are skipped.
 */
export function backendTarget(policy: EffectivePolicy): BackendTarget | null {
  let target: BackendTarget | null = null;
  for (const section of ['inbound', 'backend'] as const) {
    for (const { scope, element } of statementsDeep(policy, section)) {
      if (element.name !== 'set-backend-service') continue;
      const backendId = element.attributes['backend-id'];
      const baseUrl = element.attributes['base-url'];
      if (backendId && !backendId.startsWith('@')) target = { via: 'backend-id', backendId, scope };
      else if (baseUrl && !baseUrl.startsWith('@')) target = { via: 'base-url', url: baseUrl, scope };
    }
  }
  return target;
}
