import type { GraphStore, RunContext } from '../../../store/index.js';
import type { InputRow } from '../../../util/input/rows.js';
import { ingestRows, type IngestOptions, type IngestSummary } from '../../pipeline.js';
import { fetchArmChildren } from './arm-children.js';
import { createAzureClients } from './clients.js';
import { AzureError, type LiveFailure } from '../../../util/azure-failures.js';
import { fetchEffectiveRoutes } from './effective-routes.js';
import { createLimiter } from './limiter.js';
import { LiveRows } from './live-rows.js';
import { DEFAULT_MAX_EFFECTIVE_NICS, fetchEffectiveSecurityRules } from './network-enrichment.js';
import { queryResourceGraph } from './resource-graph.js';
import { fetchServiceTags } from './service-tags.js';
import type { LiveSettings } from './settings.js';

export interface LiveFetchResult {
  readonly rows: readonly InputRow[];
  readonly failures: readonly LiveFailure[];
  /** Subscriptions with a failed call: this run did not see all of their data. */
  readonly incompleteSubscriptions: readonly string[];
  /** A call over a whole management group or tenant failed, so no subscription can be called complete. */
  readonly scopeFailed: boolean;
}

/**
 * get: Resource Graph first (the inventory), then the ARM children of what it found. Failures are collected,
 * not thrown, unless nothing at all could be read (no credential, no access anywhere).
 */
export async function fetchAzureRows(settings: LiveSettings): Promise<LiveFetchResult> {
  const out = new LiveRows(settings);
  const clients = createAzureClients(settings);
  await queryResourceGraph(clients.resourceGraph(), settings, out);
  if (out.rows.length === 0 && out.failures.length > 0) {
    const first = out.failures[0]!;
    throw new AzureError(
      `cannot read Azure Resource Graph: ${first.status ?? 'no response'} ${first.message}`,
      out.failures,
    );
  }
  const limit = createLimiter(settings.concurrency);
  await fetchArmChildren([...out.rows], clients, limit, out);
  const network = settings.networkEnrichment ?? { enabled: true, maxEffectiveNics: DEFAULT_MAX_EFFECTIVE_NICS };
  if (network.enabled) {
    // Enrichment reads the inventory as it stood: its own rows are not candidates.
    const run = { rows: [...out.rows], clients, limit, out, settings: network };
    await Promise.all([fetchEffectiveSecurityRules(run), fetchEffectiveRoutes(run), fetchServiceTags(run)]);
  }
  const incomplete = new Set<string>();
  for (const failure of out.failures) if (failure.subscriptionId) incomplete.add(failure.subscriptionId);
  return {
    rows: out.rows,
    failures: out.failures,
    incompleteSubscriptions: [...incomplete].sort(),
    scopeFailed: out.failures.some((f) => f.subscriptionId === null),
  };
}

/**
 * The store as the pipeline sees it, except that the end-of-run cleanup skips subscriptions this run did not
 * read completely: a 403 on one subscription's APIs must not delete the APIs an earlier run stored.
 */
export function withCleanupOnlyOf(
  store: GraphStore,
  complete: (subscriptions: readonly string[]) => string[],
): GraphStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'completeRun') {
        return (run: RunContext, subscriptions: readonly string[]) => target.completeRun(run, complete(subscriptions));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export interface LiveIngestResult {
  readonly summary: IngestSummary;
  readonly fetched: LiveFetchResult;
  /** Subscriptions whose stale data was removed: those read completely. */
  readonly cleanedSubscriptions: readonly string[];
}

/** get → transform → load → cleanup for live Azure: the same pipeline as exports, with `source: azure-live`. */
export async function ingestAzureLive(
  store: GraphStore,
  settings: LiveSettings,
  options: Omit<IngestOptions, 'source'>,
): Promise<LiveIngestResult> {
  const fetched = await fetchAzureRows(settings);
  const incomplete = new Set(fetched.incompleteSubscriptions);
  let cleaned: string[] = [];
  const guarded = withCleanupOnlyOf(store, (subscriptions) => {
    cleaned = fetched.scopeFailed ? [] : subscriptions.filter((s) => !incomplete.has(s));
    return cleaned;
  });
  const summary = await ingestRows(guarded, fetched.rows, { ...options, source: 'azure-live' });
  return { summary, fetched, cleanedSubscriptions: cleaned };
}
