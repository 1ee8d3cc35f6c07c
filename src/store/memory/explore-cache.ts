/**
 * What explorer queries on the memory store compute about the graph, kept from one query to the next while the
 * graph is unchanged: connection reaches (reverse-reach.ts) and the evaluator's memos (whether a node satisfies
 * a connection's target; whether a target lies within some hops of a node). Each answer is a function of the graph
 * and of the connection or target alone (keyed by their JSON), never of the query around them, so it answers every
 * later query exactly. The store's graph changes only through its writes, each of which moves its generation on:
 * the first use at a newer generation drops everything; work begun at an older one neither reads nor keeps
 * anything here. Bounded by entries and by ids held.
 */
import type { ConnectionReach } from './reverse-reach.js';

const MAX_ENTRIES = 64;
/** Ids held by all entries of one sort together (a Map or Set entry costs tens of bytes: tens of MB at most). */
const MAX_IDS = 1_000_000;

/** A reach, or `null` for a connection whose backward walk ran over its budget (searched forward instead). */
export type CachedReach = ConnectionReach | null;

export class ExploreCache {
  private generation = -1;
  private readonly reaches = new Map<string, CachedReach>();
  private readonly memos = new Map<string, Map<string, boolean>>();

  /** The reach kept for `key` at `generation`; undefined when none is. */
  reach(generation: number, key: string): CachedReach | undefined {
    if (!this.at(generation)) return undefined;
    const reach = this.reaches.get(key);
    if (reach !== undefined) touch(this.reaches, key, reach);
    return reach;
  }

  keepReach(generation: number, key: string, reach: CachedReach): void {
    if (!this.at(generation)) return;
    touch(this.reaches, key, reach);
    evict(this.reaches, (r) => (r ? r.origins.size + r.uncertain.size : 0));
  }

  /**
   * The memo kept under `key` at `generation`, created empty when there is none; a memo of its own (kept nowhere)
   * for work begun at an older generation.
   */
  memo(generation: number, key: string): Map<string, boolean> {
    if (!this.at(generation)) return new Map();
    let memo = this.memos.get(key);
    if (!memo) memo = new Map();
    touch(this.memos, key, memo);
    // Memos grow after they are handed out: their sizes are read again on every hand-out.
    evict(this.memos, (m) => m.size);
    return memo;
  }

  /** Moves to a newer generation (dropping everything); false for an older one. */
  private at(generation: number): boolean {
    if (generation < this.generation) return false;
    if (generation > this.generation) {
      this.generation = generation;
      this.reaches.clear();
      this.memos.clear();
    }
    return true;
  }
}

/** Most recently used last: eviction takes the first. */
function touch<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
}

function evict<V>(map: Map<string, V>, size: (value: V) => number): void {
  let total = 0;
  for (const value of map.values()) total += size(value);
  for (const [key, value] of map) {
    if (map.size <= MAX_ENTRIES && total <= MAX_IDS) return;
    map.delete(key);
    total -= size(value);
  }
}
