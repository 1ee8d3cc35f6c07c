import { effectivePolicy, type EffectivePolicy, type ScopedPolicy } from './effective.js';
import { backendTarget, inboundAuthentication, type BackendTarget, type InboundAuthentication } from './facts.js';
import { parsePolicy, type PolicyElement } from './parse.js';

/**
 * The effective policies of one analysis, each document parsed once and each chain composed once: an estate has
 * thousands of operations under a few gateways, products and APIs, so chains repeat, and both the routes and the
 * authentication insights read every operation's. Results are shared between callers and must not be changed.
 */
export class EffectivePolicies {
  /** Each distinct policy text: its number (for chain keys) and its parsed document or the error reading it. */
  private readonly documents = new Map<string, { readonly n: number; readonly parsed: PolicyElement | Error }>();
  private readonly chains = new Map<string, EffectivePolicy>();
  private readonly authentications = new Map<EffectivePolicy, InboundAuthentication>();
  private readonly backends = new Map<EffectivePolicy, BackendTarget | null>();

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

  of(chain: readonly ScopedPolicy[]): EffectivePolicy {
    const key = chain.map(({ scope, xml }) => `${scope}:${xml === null ? '-' : this.document(xml).n}`).join('|');
    let policy = this.chains.get(key);
    if (!policy) {
      policy = effectivePolicy(chain, (xml) => {
        const { parsed } = this.document(xml);
        if (parsed instanceof Error) throw parsed;
        return parsed;
      });
      this.chains.set(key, policy);
    }
    return policy;
  }

  /** `inboundAuthentication` of a policy this cache composed, worked out once. */
  authentication(policy: EffectivePolicy): InboundAuthentication {
    let facts = this.authentications.get(policy);
    if (!facts) {
      facts = inboundAuthentication(policy);
      this.authentications.set(policy, facts);
    }
    return facts;
  }

  /** `backendTarget` of a policy this cache composed, worked out once. */
  backend(policy: EffectivePolicy): BackendTarget | null {
    let target = this.backends.get(policy);
    if (target === undefined) {
      target = backendTarget(policy);
      this.backends.set(policy, target);
    }
    return target;
  }
}
