/**
 * First-match evaluation of an ordered allow/deny rule list over the set of internet sources. NSGs and App Service
 * access restrictions both work this way (azure-data.md §5.9: "sort rules by priority ascending, first match wins"),
 * so the walk is shared. It answers for every internet source at once: each public address is decided by the first
 * rule naming it, and the addresses decided by an Allow make up the allowed set.
 *
 * Scope (documented choice, see `coversInternetAtLarge`):
 * - `any` — the allowed set holds most of the internet: `*`, `Internet`, `0.0.0.0/0`, `0.0.0.0/1` + `128.0.0.0/1`,
 *   or a wildcard with a few ranges denied before it.
 * - `restricted` — only specific public ranges or service tags are allowed: a rule allowing one public range opens
 *   the port to that range, not to the internet. The sources are reported as written, or as the part of them
 *   earlier rules left undecided.
 * - `none` — no internet source is allowed.
 */
import {
  PUBLIC_ADDRESSES,
  coversInternetAtLarge,
  equals,
  intersect,
  isEmpty,
  parseIpv4Range,
  size,
  subtract,
  toCidrs,
  union,
  type AddressSet,
} from './address.js';
import type { Scope } from './types.js';
import { classifyServiceTag } from '../../model/service-tags.js';
import { looksLikeServiceTag } from './tag-exposure.js';

/** One source named by a rule: its text and the public addresses it covers. */
export interface SourceTerm {
  readonly text: string;
  /** Public addresses covered; `[]` when the source cannot be on the internet; null for an opaque public set (service tag, IPv6 range). */
  readonly addresses: AddressSet | null;
}

export interface OrderedRule {
  readonly name: string;
  readonly priority: number | null;
  readonly allow: boolean;
  readonly terms: readonly SourceTerm[];
}

export interface FirstMatchResult {
  readonly allowed: boolean;
  readonly scope: Scope;
  /** The deciding rule: the allow admitting the most addresses (`any`), the first admitting allow (`restricted`), the final deny (`none`). */
  readonly rule: string;
  readonly priority: number | null;
  /** `any`: the admitting source texts (`Internet`, `*`); `restricted`: the admitted ranges and tags; absent for `none`. */
  readonly sources?: string[];
}

const WILDCARDS = new Set(['*', 'any', 'internet', '0.0.0.0/0', '::/0']);

/**
 * How a source text relates to the internet. `*`, `Any`, `Internet`, `0.0.0.0/0` are the whole internet; an IPv4
 * CIDR/IP covers its public part only (private ranges cannot be internet clients); `nonInternet` names (such as
 * `VirtualNetwork`, `AzureLoadBalancer`) cover nothing; a service tag the catalogue classes as infrastructure only
 * (platform probes, control planes) covers nothing either; anything else (service tags like `AzureFrontDoor.Backend`,
 * IPv6 ranges) is an opaque subset of the internet.
 */
export function sourceTerm(text: string, nonInternet: ReadonlySet<string>): SourceTerm {
  const key = text.trim().toLowerCase();
  if (WILDCARDS.has(key)) return { text, addresses: PUBLIC_ADDRESSES };
  if (nonInternet.has(key)) return { text, addresses: [] };
  const range = parseIpv4Range(key);
  if (range) return { text, addresses: intersect(range, PUBLIC_ADDRESSES) };
  if (looksLikeServiceTag(text) && classifyServiceTag(text).tagClass === 'infrastructure') return { text, addresses: [] };
  return { text, addresses: null };
}

interface Admission {
  readonly rule: OrderedRule;
  readonly term: SourceTerm;
  /** Fresh public addresses admitted; null for an opaque source. */
  readonly addresses: AddressSet | null;
}

interface WalkState {
  undecided: AddressSet;
  readonly decidedLabels: Set<string>;
  readonly admitted: Admission[];
}

/** Applies one rule to the still-undecided sources, recording what an allow rule admits. */
function applyRule(state: WalkState, rule: OrderedRule): void {
  const covered: AddressSet[] = [];
  for (const term of rule.terms) {
    if (term.addresses === null) {
      // A service tag is decided by the first rule naming it, like an address (a later rule for it is shadowed).
      const label = term.text.trim().toLowerCase();
      if (state.decidedLabels.has(label)) continue;
      state.decidedLabels.add(label);
      if (rule.allow) state.admitted.push({ rule, term, addresses: null });
      continue;
    }
    const fresh = intersect(term.addresses, subtract(state.undecided, union(...covered)));
    if (isEmpty(fresh)) continue;
    covered.push(fresh);
    if (rule.allow) state.admitted.push({ rule, term, addresses: fresh });
  }
  state.undecided = subtract(state.undecided, union(...covered));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function verdict(state: WalkState, last: OrderedRule): FirstMatchResult {
  const allowedAddresses = union(...state.admitted.map((a) => a.addresses ?? []));
  if (coversInternetAtLarge(allowedAddresses)) {
    const widest = state.admitted.reduce((best, a) =>
      size(a.addresses ?? []) > size(best.addresses ?? []) ? a : best,
    );
    const sources = unique(state.admitted.filter((a) => a.addresses !== null).map((a) => a.term.text));
    return { allowed: true, scope: 'any', rule: widest.rule.name, priority: widest.rule.priority, sources };
  }
  const first = state.admitted[0];
  if (!first) return { allowed: false, scope: 'none', rule: last.name, priority: last.priority };
  return {
    allowed: true,
    scope: 'restricted',
    rule: first.rule.name,
    priority: first.rule.priority,
    sources: unique(state.admitted.flatMap(describeAdmission)),
  };
}

/**
 * A source as written when the rule admitted all of it; when earlier rules had already decided part of it, the
 * part actually admitted (as CIDRs when that stays short, else the text marked as partial).
 */
function describeAdmission(admission: Admission): string[] {
  const { term, addresses } = admission;
  if (addresses === null || term.addresses === null || equals(addresses, term.addresses)) return [term.text];
  const cidrs = toCidrs(addresses);
  return cidrs.length <= 4 ? cidrs : [`${term.text} (minus ranges decided by earlier rules)`];
}

/**
 * Walks `rules` (already filtered to those that apply to the traffic, in evaluation order) and then `fallback`, which
 * stands for the implicit last rule (NSG `DenyAllInBound`, App Service default action) and covers all sources.
 */
export function evaluateFirstMatch(
  rules: readonly OrderedRule[],
  fallback: Omit<OrderedRule, 'terms'>,
): FirstMatchResult {
  const state: WalkState = { undecided: PUBLIC_ADDRESSES, decidedLabels: new Set(), admitted: [] };
  const all: OrderedRule[] = [...rules, { ...fallback, terms: [{ text: '*', addresses: PUBLIC_ADDRESSES }] }];
  for (const rule of all) {
    applyRule(state, rule);
    if (isEmpty(state.undecided)) return verdict(state, rule);
  }
  throw new Error('unreachable: the fallback rule decides every source');
}
