import { StoredFacts } from '../analysis/facts/index.js';
import { assertAnalysed, type GraphStore, type StoreTarget } from '../store/index.js';
import { sharedRead } from '../util/shared-read.js';

/**
 * What the API answers from the last analysis: its stored facts (choke points, the remediation plan, the goals'
 * inputs) and whole-store tallies, each read once per store state. The state (ingest and analysis stamps) is
 * cheap to read on both stores and changes with every ingest and analysis, so it is the cache key. Facts are
 * served only while the analysis is current: a graph ingested again since, or never analysed, is refused with
 * the rule's own wording (NoDataError), never answered with old facts as if they were current.
 *
 * The state and the node counts are read on nearly every request, so concurrent requests share one read of each
 * (sharedRead): under load that is one store round trip for many requests instead of one each. Nothing is kept
 * once a read settles, so a change (a new ingest or analysis, from this server or another process) is seen by
 * every request that starts after the change is committed and after the read in flight then has settled.
 */
export class AnalysisCache {
  private current: { readonly key: string; readonly facts: Promise<StoredFacts> } | undefined;
  private readonly memos = new Map<string, { readonly key: string; readonly value: Promise<unknown> }>();
  private readonly state: () => Promise<string>;
  /** Node counts by kind, one read shared by concurrent requests (the per-request loaders ask here). */
  readonly countNodesByKind: GraphStore['countNodesByKind'];

  constructor(
    private readonly store: GraphStore,
    private readonly target: StoreTarget,
  ) {
    this.state = sharedRead(async () => JSON.stringify(await store.readState()));
    this.countNodesByKind = sharedRead(() => store.countNodesByKind());
  }

  private key(): Promise<string> {
    return this.state();
  }

  /**
   * A whole-store tally (the inventory's endpoints by source and insight, paths by risk level) computed once per
   * store state and node counts: a write outside a completed run (an ingest that failed part-way) changes what is
   * tallied without a new stamp, and per-kind counts are kept by both stores, so they are as cheap as the stamps.
   * Concurrent requests share one pass; a failed pass (a request's deadline, a store error) is not kept.
   */
  async remember<T>(name: string, compute: () => Promise<T>): Promise<T> {
    const [state, counts] = await Promise.all([this.key(), this.countNodesByKind()]);
    const key = `${state}${JSON.stringify(counts)}`;
    const hit = this.memos.get(name);
    if (hit?.key === key) return hit.value as Promise<T>;
    const value = compute();
    this.memos.set(name, { key, value });
    value.catch(() => {
      if (this.memos.get(name)?.value === value) this.memos.delete(name);
    });
    return value;
  }

  /** The last analysis's facts, once the store is checked to be analysed since its last ingest. */
  async facts(): Promise<StoredFacts> {
    const key = await this.key();
    if (this.current?.key !== key) {
      const facts = assertAnalysed(this.store, this.target).then(() => new StoredFacts(this.store, this.target));
      this.current = { key, facts };
      // A refusal or a failed read must not stay cached: the next request checks again.
      facts.catch(() => {
        if (this.current?.facts === facts) this.current = undefined;
      });
    }
    return this.current.facts;
  }
}
