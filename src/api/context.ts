import type { GoalPolicy } from '../analysis/goals/index.js';
import type { ServerLimits } from '../config/server.js';
import type { GraphStore } from '../store/index.js';
import type { AnalysisCache } from './analysis-cache.js';
import type { Principal } from './auth/principal.js';
import { apiError } from './errors.js';
import { checkDeadline, createLoaders, type Loaders } from './loaders.js';

/** What the analysis mutation reports. */
export interface ReanalyzeResult {
  readonly derivedEdges: Readonly<Record<string, number>>;
  readonly insights: Readonly<Record<string, number>>;
  readonly externalHosts: number;
  readonly attackPaths: number;
  readonly findings: number;
}

/** Shared by every request of one server. */
export interface Services {
  readonly store: GraphStore;
  readonly limits: ServerLimits;
  readonly analysis: AnalysisCache;
  /** The posture goals policy given at startup, or null. */
  readonly goals: GoalPolicy | null;
  readonly reanalyze: () => Promise<ReanalyzeResult>;
}

/** The GraphQL context of one request. */
export interface ApiContext {
  readonly principal: Principal;
  readonly services: Services;
  readonly loaders: Loaders;
  readonly signal: AbortSignal;
}

export function createContext(services: Services, principal: Principal, signal: AbortSignal): ApiContext {
  return { principal, services, loaders: createLoaders(services.store, signal), signal };
}

/** The store, behind the request's deadline: a call after the deadline fails with TIMEOUT instead of running. */
export function storeOf(context: ApiContext): GraphStore {
  checkDeadline(context.signal);
  return context.services.store;
}

export function requireAdmin(context: ApiContext, what: string): void {
  if (context.principal.role !== 'admin') throw apiError('FORBIDDEN', `${what} needs the admin role`);
}

/** A page size within 1..maxPageSize: larger pages are refused rather than silently cut. */
export function pageSize(first: number, context: ApiContext): number {
  const max = context.services.limits.maxPageSize;
  if (!Number.isInteger(first) || first < 1 || first > max)
    throw apiError('BAD_USER_INPUT', `first must be an integer from 1 to ${max}`);
  return first;
}
