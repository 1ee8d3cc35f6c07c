import { effectivePolicy, type EffectivePolicy, type ScopedPolicy } from './effective.js';
import { tracePolicy } from './flow.js';
import type { PolicyFlow } from './flow-types.js';
import { PolicyLibrary } from './library.js';
import { parsePolicy, type PolicyElement } from './parse.js';
import { authenticationVerdict, callChoices, routeChoices, type AuthenticationVerdict, type CallChoice, type RouteChoice } from './verdict.js';

/** What the analysis reads of one effective policy, worked out once. */
export interface PolicyFacts {
  readonly policy: EffectivePolicy;
  readonly flow: PolicyFlow;
  readonly authentication: AuthenticationVerdict;
  readonly routes: readonly RouteChoice[];
  readonly calls: readonly CallChoice[];
}

/**
 * The effective policies of one analysis, each document parsed once and each chain composed and traced once: an
 * estate has thousands of operations under a few gateways, products and APIs, so chains repeat, and the routes,
 * the outbound calls and the authentication insights all read every operation's. Results are shared between
 * callers and must not be changed.
 */
export class EffectivePolicies {
  /** Each distinct policy text: its number (for chain keys) and its parsed document or the error reading it. */
  private readonly documents = new Map<string, { readonly n: number; readonly parsed: PolicyElement | Error }>();
  private readonly chains = new Map<string, PolicyFacts>();

  private document(xml: string): { readonly n: number; readonly parsed: PolicyElement | Error } {
    let known = this.documents.get(xml);
    if (!known) {
      let parsed: PolicyElement | Error;
      try {
        parsed = parsePolicy(xml);
      } catch (error) {
        parsed = error as Error;
      }
      known = { n: this.documents.size, parsed };
      this.documents.set(xml, known);
    }
    return known;
  }

  /** The facts of a chain of scopes, fragments and named values taken from `library` (the service's or the workspace's). */
  of(chain: readonly ScopedPolicy[], library: PolicyLibrary = PolicyLibrary.EMPTY): PolicyFacts {
    const key = `${library.ownerId}|${chain.map(({ scope, xml, ownerId }) => (xml === null ? `${scope}:-` : `${scope}:${ownerId ?? ''}:${this.document(xml).n}`)).join('|')}`;
    let facts = this.chains.get(key);
    if (!facts) {
      const policy = effectivePolicy(
        chain,
        (xml) => {
          const { parsed } = this.document(xml);
          if (parsed instanceof Error) throw parsed;
          return parsed;
        },
        library,
      );
      const flow = tracePolicy(policy);
      facts = { policy, flow, authentication: authenticationVerdict(flow), routes: routeChoices(flow), calls: callChoices(flow) };
      this.chains.set(key, facts);
    }
    return facts;
  }
}
