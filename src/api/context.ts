import type { GoalPolicy } from '../analysis/goals/index.js';
import type { ServerLimits } from '../config/server.js';
import type { GraphStore } from '../store/index.js';
import { createDeadline, type Clock, type Deadline } from '../util/deadline.js';
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
  /** The clock request budgets run on (tests inject one). */
  readonly clock: Clock;
}

/** The GraphQL context of one request. */
export interface ApiContext {
  readonly principal: Principal;
  readonly services: Services;
  readonly loaders: Loaders;
  readonly signal: AbortSignal;
  /** The operation's time budget (limits.queryBudgetMs): past it, the answer is QUERY_TIMEOUT. */
  readonly deadline: Deadline;
  /** The store with the budget applied to every listing and explorer query. */
  readonly store: GraphStore;
}

/**
 * The store as one request sees it: listings and explorer queries carry the request's deadline, so the memory
 * store's scans check it between chunks and Neo4j gets the time left as its transaction timeout.
 */
function budgetedStore(store: GraphStore, deadline: Deadline): GraphStore {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'listNodes') return (options: Parameters<GraphStore['listNodes']>[0]) => target.listNodes({ ...options, deadline });
      if (key === 'explore')
        return (...[query, page, options]: Parameters<GraphStore['explore']>) =>
          target.explore(query, page, { ...options, deadline });
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * One request's context. The loaders and the budgeted store are built when a resolver first asks for them: most
 * operations use one or neither (a template page reads the store only; `asset` the loaders only), and whatever a
 * request builds is garbage the young generation must collect. Plain fields, not `#private` ones: Apollo hands
 * resolvers a copy of the context (own properties assigned onto an object of the same prototype), and the copy
 * must carry them.
 */
class RequestContext implements ApiContext {
  private builtLoaders: Loaders | undefined;
  private builtStore: GraphStore | undefined;

  constructor(
    readonly services: Services,
    readonly principal: Principal,
    readonly signal: AbortSignal,
    readonly deadline: Deadline,
  ) {}

  get loaders(): Loaders {
    return (this.builtLoaders ??= createLoaders(
      this.services.store,
      this.signal,
      this.deadline,
      this.services.analysis.countNodesByKind,
    ));
  }

  get store(): GraphStore {
    return (this.builtStore ??= budgetedStore(this.services.store, this.deadline));
  }
}

export function createContext(services: Services, principal: Principal, signal: AbortSignal): ApiContext {
  return new RequestContext(services, principal, signal, createDeadline(services.limits.queryBudgetMs, services.clock));
}

/** The store, behind the request's deadlines: a call after either fails (TIMEOUT, QUERY_TIMEOUT) instead of running. */
export function storeOf(context: ApiContext): GraphStore {
  checkDeadline(context.signal, context.deadline);
  return context.store;
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
