/**
 * Connection reaches (reverse-reach.ts) kept from one explorer query to the next while the graph is unchanged.
 * The memory store's graph changes only through its writes, each of which moves its generation on; a reach is
 * a function of the graph and the connection alone, so one computed at the current generation answers every later
 * query with the same connection exactly, until the next write. Bounded by entries and by ids held.
 */
import type { ConnectionReach } from './reverse-reach.js';

const MAX_ENTRIES = 64;
/** Ids held by all entries together (a Set entry costs tens of bytes: this keeps the cache to tens of MB). */
const MAX_IDS = 1_000_000;

/** A reach, or `null` for a connection whose backward walk ran over its budget (searched forward instead). */
export type CachedReach = ConnectionReach | null;

export class ReachCache {
  private generation = -1;
  private readonly entries = new Map<string, CachedReach>();
  private ids = 0;

  /** The reach kept for `key` at `generation`; undefined when none is (anything older is dropped). */
  get(generation: number, key: string): CachedReach | undefined {
    this.moveTo(generation);
    const reach = this.entries.get(key);
    if (reach === undefined) return undefined;
    // Most recently used last: eviction takes the first.
    this.entries.delete(key);
    this.entries.set(key, reach);
    return reach;
  }

  set(generation: number, key: string, reach: CachedReach): void {
    // Computed over a graph that has changed since: of no use to anyone.
    if (generation < this.generation) return;
    this.moveTo(generation);
    const size = sizeOf(reach);
    if (size > MAX_IDS) return;
    const old = this.entries.get(key);
    if (old !== undefined) this.ids -= sizeOf(old);
    this.entries.delete(key);
    this.entries.set(key, reach);
    this.ids += size;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.ids <= MAX_IDS) break;
      this.entries.delete(oldest);
      this.ids -= sizeOf(value);
    }
  }

  private moveTo(generation: number): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.entries.clear();
    this.ids = 0;
  }
}

const sizeOf = (reach: CachedReach) => (reach ? reach.origins.size + reach.uncertain.size : 0);
