import { assertNever } from '../../model/index.js';
import type { BackendTarget, OutboundCall, PolicyFlow, PolicyGate, PolicyPath } from './flow-types.js';

/**
 * Caller authentication of an effective policy: `required` when every path that is served (reaches the backend,
 * or is answered by the gateway other than with a 4xx/5xx rejection) passes validate-jwt, validate-azure-ad-token
 * or validate-client-certificate in inbound; `custom` when every served path passes one of those or a recognised
 * custom check; `conditional` when some served paths do; `none` otherwise.
 */
export type AuthenticationRequirement = 'required' | 'custom' | 'conditional' | 'none';

export interface AuthenticationVerdict {
  readonly requirement: AuthenticationRequirement;
  /** One line per served path: its branch and what authenticated it, or that nothing did. */
  readonly branches: readonly string[];
  /** Gates met (check-header, ip-filter, …): noted, never counted. */
  readonly gates: readonly PolicyGate[];
  /** Custom checks met, in words. */
  readonly customChecks: readonly string[];
}

/** A path the caller gets an answer on, as opposed to one that ends in a rejection. */
export function isServed(path: PolicyPath): boolean {
  const ending = path.ending;
  if (!ending) return true;
  switch (ending.by) {
    case 'return-response':
      return ending.responseVariable !== null || ending.status === null || ending.status < 400;
    case 'mock-response':
      return ending.status < 400;
    default:
      return assertNever(ending, 'path ending');
  }
}

export const describeBranch = (path: PolicyPath) => (path.branch.length ? path.branch.join(' → ') : 'every request');

function describeEnd(path: PolicyPath): string {
  if (path.forwardedTo) return 'forwarded to the backend';
  if (!path.ending) return 'answered by the gateway without forwarding';
  return path.ending.by === 'mock-response' ? `answered by mock-response ${path.ending.status}` : `answered by return-response${path.ending.responseVariable ? ` of ${path.ending.responseVariable}` : ''}`;
}

export function authenticationVerdict(flow: PolicyFlow): AuthenticationVerdict {
  const served = flow.paths.filter(isServed);
  const gates = new Map<string, PolicyGate>();
  for (const path of flow.paths) for (const g of path.gates) gates.set(`${g.policy}@${g.scope}`, g);
  const customChecks = [...new Set(flow.paths.flatMap((p) => p.customChecks))];
  const branches = served.map((path) => {
    const by = path.authenticators.length
      ? path.authenticators.map((a) => `${a.policy} (${a.scope})`).join(', ')
      : path.customChecks.length
        ? path.customChecks.join('; ')
        : 'no caller authentication';
    return `${describeBranch(path)}: ${by}; ${describeEnd(path)}`;
  });
  const authenticated = served.filter((p) => p.authenticators.length > 0).length;
  const covered = served.filter((p) => p.authenticators.length > 0 || p.customChecks.length > 0).length;
  // Every path ending in a rejection: nobody gets an answer without passing what rejects them.
  const requirement: AuthenticationRequirement =
    authenticated === served.length ? 'required' : covered === served.length ? 'custom' : covered > 0 ? 'conditional' : 'none';
  return { requirement, branches, gates: [...gates.values()], customChecks };
}

/** Where forwarded requests go: each target once, with the branch that sends them there (null when always). */
export interface RouteChoice {
  readonly target: BackendTarget | 'service-url';
  readonly condition: string | null;
}

const targetKey = (t: BackendTarget | 'service-url') => JSON.stringify(t === 'service-url' ? t : { ...t, scope: undefined });

/** Conditions of several paths to one place: unconditional when any of them is. */
function combine(existing: string | null | undefined, path: PolicyPath): string | null {
  const condition = path.branch.length ? describeBranch(path) : null;
  if (existing === undefined) return condition;
  if (existing === null || condition === null) return null;
  return existing.split(' | ').includes(condition) ? existing : `${existing} | ${condition}`;
}

export function routeChoices(flow: PolicyFlow): RouteChoice[] {
  const byTarget = new Map<string, { target: BackendTarget | 'service-url'; condition: string | null }>();
  for (const path of flow.paths) {
    if (!path.forwardedTo) continue;
    const key = targetKey(path.forwardedTo);
    const known = byTarget.get(key);
    byTarget.set(key, { target: known?.target ?? path.forwardedTo, condition: combine(known ? known.condition : undefined, path) });
  }
  return [...byTarget.values()];
}

/** The gateway's own calls, each once, with the branch that makes them (null when always; "on-error" for error handling). */
export interface CallChoice {
  readonly call: OutboundCall;
  readonly condition: string | null;
}

export function callChoices(flow: PolicyFlow): CallChoice[] {
  const byCall = new Map<string, CallChoice>();
  const add = (call: OutboundCall, path: PolicyPath | null) => {
    const key = JSON.stringify([call.policy, call.url, call.method, call.managedIdentity, call.mode]);
    const known = byCall.get(key);
    const condition = path ? combine(known ? known.condition : undefined, path) : known ? (known.condition === null ? null : `${known.condition} | on-error`) : 'on-error';
    byCall.set(key, { call: known?.call ?? call, condition });
  };
  for (const path of flow.paths) for (const call of path.calls) add(call, path);
  for (const call of flow.onErrorCalls) add(call, null);
  return [...byCall.values()];
}
