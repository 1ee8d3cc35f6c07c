import type { EffectivePolicy, PolicyScope, PolicySection } from './effective.js';
import {
  AUTHENTICATING_POLICIES,
  GATING_POLICIES,
  type BackendTarget,
  type OutboundCall,
  type PathEnding,
  type PolicyFlow,
  type PolicyGate,
  type PolicyPath,
} from './flow-types.js';
import { customCheckOf, derivedCheck, rejectionOf, shortenCondition } from './custom-checks.js';
import type { PolicyElement } from './parse.js';

/** Distinct paths kept per document; past it the rest is dropped and the flow says so. */
const MAX_PATHS = 128;
/** Containers nest at most this deep; the service's own documents stay far below it. */
const MAX_DEPTH = 64;

/** Containers whose children run in place (retry runs them at least once; over its limit limit-concurrency fails). */
const TRANSPARENT = new Set(['retry', 'limit-concurrency', 'wait']);

interface State {
  branch: string[];
  authenticators: PolicyGate[];
  customChecks: string[];
  gates: PolicyGate[];
  backend: BackendTarget | null;
  forwardedTo: BackendTarget | 'service-url' | null;
  ending: PathEnding | null;
  calls: OutboundCall[];
  /** Variables holding the answer of a caller check (an authorizer's response, an Authorization comparison). */
  checks: Map<string, string>;
}

const copy = (s: State): State => ({
  ...s,
  branch: [...s.branch],
  authenticators: [...s.authenticators],
  customChecks: [...s.customChecks],
  gates: [...s.gates],
  calls: [...s.calls],
  checks: new Map(s.checks),
});

/** The facts of a state that decide verdicts, routes and calls; states agreeing on them are one path. */
function factsKey(s: State): string {
  return JSON.stringify([
    s.authenticators.map((a) => `${a.policy}@${a.scope}`),
    s.customChecks,
    s.gates.map((g) => `${g.policy}@${g.scope}`),
    s.backend,
    s.forwardedTo,
    s.ending,
    s.calls,
    [...s.checks.keys()],
  ]);
}

/** States with the same facts are merged: what holds on both holds under the branches they share. */
function merge(states: State[], flags: { truncated: boolean }): State[] {
  const byKey = new Map<string, State>();
  for (const state of states) {
    const key = factsKey(state);
    const known = byKey.get(key);
    if (!known) byKey.set(key, state);
    else {
      let i = 0;
      while (i < known.branch.length && i < state.branch.length && known.branch[i] === state.branch[i]) i++;
      known.branch = known.branch.slice(0, i);
    }
  }
  const merged = [...byKey.values()];
  if (merged.length > MAX_PATHS) {
    flags.truncated = true;
    return merged.slice(0, MAX_PATHS);
  }
  return merged;
}

const attr = (e: PolicyElement, name: string) => e.attributes[name];
const isExpression = (value: string) => value.trim().startsWith('@');

function backendOf(element: PolicyElement, scope: PolicyScope): BackendTarget | null {
  const backendId = attr(element, 'backend-id');
  const baseUrl = attr(element, 'base-url');
  const value = backendId ?? baseUrl;
  if (value === undefined) return null;
  if (isExpression(value)) return { via: 'expression', expression: shortenCondition(value), scope };
  return backendId !== undefined ? { via: 'backend-id', backendId, scope } : { via: 'base-url', url: value, scope };
}

/**
 * The scheme and host a computed URL spells out in a string literal (`@($"https://acct.blob.core.windows.net/{id}")`),
 * or null when the host itself is computed: the gateway can only call that host, whatever the path.
 */
function literalOrigin(expression: string): string | null {
  const match = /\bhttps?:\/\/[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(?=[/"?]|$)/i.exec(expression);
  return match ? `${match[0]}/` : null;
}

function callOf(element: PolicyElement, scope: PolicyScope, section: PolicySection): OutboundCall {
  const child = (name: string) => element.children.find((c) => c.name === name);
  const url = child('set-url')?.text.trim() ?? '';
  const identity = child('authentication-managed-identity');
  const mode = attr(element, 'mode')?.toLowerCase() === 'copy' ? 'copy' : 'new';
  return {
    policy: element.name === 'send-one-way-request' ? 'send-one-way-request' : 'send-request',
    url: url && !isExpression(url) ? url : literalOrigin(url),
    method: (child('set-method')?.text.trim() || (mode === 'copy' ? 'the caller\u2019s method' : 'GET')).toUpperCase(),
    mode,
    managedIdentity: identity ? { resource: attr(identity, 'resource') ?? '', clientId: attr(identity, 'client-id') ?? null } : null,
    scope,
    section,
  };
}

class Walker {
  readonly flags = { truncated: false };
  constructor(private readonly section: PolicySection) {}

  /** Runs statements over every live state; ended states pass through untouched. */
  run(states: State[], elements: readonly { scope: PolicyScope; element: PolicyElement }[], depth: number): State[] {
    let current = states;
    for (const { scope, element } of elements) {
      const next: State[] = [];
      for (const state of current) {
        if (state.ending) next.push(state);
        else next.push(...this.step(state, element, scope, depth));
      }
      current = next.length > 1 ? merge(next, this.flags) : next;
    }
    return current;
  }

  private children(element: PolicyElement, scope: PolicyScope) {
    return element.children.map((c) => ({ scope, element: c }));
  }

  private step(state: State, element: PolicyElement, scope: PolicyScope, depth: number): State[] {
    if (depth > MAX_DEPTH) {
      this.flags.truncated = true;
      return [state];
    }
    const name = element.name;
    if (name === 'choose') return this.choose(state, element, scope, depth);
    if (TRANSPARENT.has(name)) return this.run([state], this.children(element, scope), depth + 1);
    const s = copy(state);
    if ((AUTHENTICATING_POLICIES as readonly string[]).includes(name)) {
      // Only inbound stands between the caller and the backend; validate-client-certificate with ignore-error rejects nothing.
      if (this.section === 'inbound' && !(name === 'validate-client-certificate' && attr(element, 'ignore-error') === 'true')) {
        s.authenticators.push({ policy: name, scope });
      } else s.gates.push({ policy: name, scope });
    } else if ((GATING_POLICIES as readonly string[]).includes(name)) {
      s.gates.push({ policy: name, scope });
    } else if (name === 'set-backend-service') {
      s.backend = backendOf(element, scope) ?? s.backend;
    } else if (name === 'forward-request') {
      if (this.section === 'backend') s.forwardedTo = s.backend ?? 'service-url';
    } else if (name === 'send-request' || name === 'send-one-way-request') {
      const call = callOf(element, scope, this.section);
      s.calls.push(call);
      const variable = attr(element, 'response-variable-name');
      if (variable) s.checks.set(variable, `send-request to ${call.url ?? 'a computed URL'}`);
    } else if (name === 'set-variable') {
      const variable = attr(element, 'name');
      const check = derivedCheck(attr(element, 'value') ?? '', s.checks);
      if (variable && check) s.checks.set(variable, check);
    } else if (name === 'return-response') {
      const status = element.children.find((c) => c.name === 'set-status')?.attributes['code'];
      const code = status === undefined ? 200 : /^\d{3}$/.test(status.trim()) ? Number(status) : null;
      s.ending = { by: 'return-response', status: code, responseVariable: attr(element, 'response-variable-name') ?? null };
    } else if (name === 'mock-response') {
      const status = Number(attr(element, 'status-code') ?? '200');
      s.ending = { by: 'mock-response', status: Number.isInteger(status) ? status : 200 };
    }
    return [s];
  }

  /** First true `when` runs, else `otherwise`; a choose without `otherwise` has an empty branch of its own. */
  private choose(state: State, element: PolicyElement, scope: PolicyScope, depth: number): State[] {
    const whens = element.children.filter((c) => c.name === 'when');
    const otherwise = element.children.find((c) => c.name === 'otherwise');
    const branches: { label: string; body: PolicyElement | null }[] = whens.map((w) => ({ label: `when ${shortenCondition(attr(w, 'condition') ?? '')}`, body: w }));
    branches.push({ label: whens.length ? 'otherwise' : '', body: otherwise ?? null });
    const check = customCheckOf(element, state.checks);
    const out: State[] = [];
    for (const { label, body } of branches) {
      const s = copy(state);
      if (label) s.branch.push(`${label} (${scope})`);
      if (check && body && rejectionOf(body) === null) s.customChecks.push(check);
      if (check && !body) s.customChecks.push(check);
      out.push(...(body ? this.run([s], this.children(body, scope), depth + 1) : [s]));
    }
    return out;
  }
}

const initial = (branch: string[] = []): State => ({
  branch,
  authenticators: [],
  customChecks: [],
  gates: [],
  backend: null,
  forwardedTo: null,
  ending: null,
  calls: [],
  checks: new Map(),
});

/**
 * Every way through an effective policy, inbound → backend → outbound, with `choose` followed branch by branch,
 * containers (`retry`, `wait`, `limit-concurrency`) through their children, and `return-response` /
 * `mock-response` ending their path. `on-error` is walked on its own: it runs whenever a statement fails.
 */
export function tracePolicy(policy: EffectivePolicy): PolicyFlow {
  let truncated = false;
  let states = [initial()];
  for (const section of ['inbound', 'backend', 'outbound'] as const) {
    const walker = new Walker(section);
    states = walker.run(states, policy.sections[section], 0);
    truncated ||= walker.flags.truncated;
  }
  const onError = new Walker('on-error');
  const errorStates = onError.run([initial(['on-error'])], policy.sections['on-error'], 0);
  truncated ||= onError.flags.truncated;
  const paths: PolicyPath[] = states.map((s) => ({
    branch: s.branch,
    authenticators: s.authenticators,
    customChecks: s.customChecks,
    gates: s.gates,
    forwardedTo: s.forwardedTo,
    ending: s.ending,
    calls: s.calls,
  }));
  return { paths, onErrorCalls: errorStates.flatMap((s) => s.calls), truncated };
}
