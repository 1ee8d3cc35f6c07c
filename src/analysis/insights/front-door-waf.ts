/**
 * Front Door Standard/Premium WAF as evidence: a security policy ties one WAF policy to endpoints and custom domains
 * (`securityPolicies`, read with the profile's children). Named with what each one covers, so an origin reached
 * through an endpoint without a policy can be told from one behind the WAF.
 */
import type { GraphNode } from '../../model/index.js';

const nameOf = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/** "WAF policy <p> (security policy <s>) on <endpoints/domains>", one clause per policy; null when none were read. */
export function frontDoorSecurityPolicies(door: GraphNode): string | null {
  const value = door.properties['securityPolicies'];
  if (!Array.isArray(value) || value.length === 0) return null;
  const clauses: string[] = [];
  for (const policy of value) {
    if (!policy || typeof policy !== 'object' || Array.isArray(policy)) continue;
    const waf = typeof policy['wafPolicyId'] === 'string' ? nameOf(policy['wafPolicyId']) : 'unknown';
    const name = typeof policy['name'] === 'string' ? policy['name'] : 'unnamed';
    const domains = Array.isArray(policy['domains']) ? policy['domains'].filter((d): d is string => typeof d === 'string') : [];
    clauses.push(`WAF policy ${waf} (security policy ${name}) on ${domains.length ? domains.join(', ') : 'no endpoint or domain'}`);
  }
  return clauses.length ? clauses.join('; ') : null;
}
