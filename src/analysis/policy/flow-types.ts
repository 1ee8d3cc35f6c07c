import type { PolicyScope, PolicySection } from './effective.js';

/** Policies that authenticate the caller: a request without valid credentials is rejected at the gateway. */
export const AUTHENTICATING_POLICIES = ['validate-jwt', 'validate-azure-ad-token', 'validate-client-certificate'] as const;
/** Policies that gate a request without authenticating the caller (a static header, the caller's IP). */
export const GATING_POLICIES = ['check-header', 'ip-filter'] as const;

/** A policy statement met on a path, with the scope that contributed it. */
export interface PolicyGate {
  readonly policy: string;
  readonly scope: PolicyScope;
}

/** Where `set-backend-service` points a request. */
export type BackendTarget =
  | { readonly via: 'backend-id'; readonly backendId: string; readonly scope: PolicyScope }
  | { readonly via: 'base-url'; readonly url: string; readonly scope: PolicyScope }
  /** A policy expression: the target is only known at run time. */
  | { readonly via: 'expression'; readonly expression: string; readonly scope: PolicyScope };

/** A request the gateway makes itself (`send-request`, `send-one-way-request`). */
export interface OutboundCall {
  readonly policy: 'send-request' | 'send-one-way-request';
  /** The `set-url` text after named values, or null when it is computed by an expression. */
  readonly url: string | null;
  readonly method: string;
  /** `copy` sends the caller's own headers (credentials included) and body along. */
  readonly mode: 'new' | 'copy';
  /** `authentication-managed-identity`: the token audience and, for a user-assigned identity, its client id. */
  readonly managedIdentity: { readonly resource: string; readonly clientId: string | null } | null;
  readonly scope: PolicyScope;
  readonly section: PolicySection;
}

/** How a path ends before (or instead of) the backend. */
export type PathEnding =
  | { readonly by: 'return-response'; readonly status: number | null; readonly responseVariable: string | null }
  | { readonly by: 'mock-response'; readonly status: number };

/** One way through the pipeline: the branches taken and what happened on them. */
export interface PolicyPath {
  /** Branch conditions taken, outermost first (shortened condition text, with the scope). */
  readonly branch: readonly string[];
  /** Caller authentication passed in inbound, in order. */
  readonly authenticators: readonly PolicyGate[];
  /** Recognised custom caller checks ("custom authentication (not verified)"), in words. */
  readonly customChecks: readonly string[];
  /** check-header, ip-filter and other non-authenticating gates met. */
  readonly gates: readonly PolicyGate[];
  /** Where the request was forwarded: the last `set-backend-service`, or `service-url`; null when never forwarded. */
  readonly forwardedTo: BackendTarget | 'service-url' | null;
  readonly ending: PathEnding | null;
  readonly calls: readonly OutboundCall[];
}

export interface PolicyFlow {
  readonly paths: readonly PolicyPath[];
  /** Calls made from `on-error`, which runs when any statement fails (an authentication failure included). */
  readonly onErrorCalls: readonly OutboundCall[];
  /** Set when a document had more distinct paths than are evaluated. */
  readonly truncated: boolean;
}
