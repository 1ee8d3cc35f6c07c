import {
  FLAG_ENDPOINT,
  FLAG_FRONT_DOOR,
  FLAG_TARGET,
  isFrontDoorBypassHop,
  type Adjacency,
  type PathProjection,
} from './projection.js';

/** Hop counts fit in a byte; 255 means "not within the bound". */
export const UNREACHED = 255;

export interface Distances {
  /** Hops from `internet`. */
  readonly fromInternet: Uint8Array;
  /** Hops to the nearest target, for a walk that is already anchored on an API. */
  readonly toTarget: Uint8Array;
  /** Hops to the nearest target for a walk not yet anchored: it must still pass an `ApiEndpoint` on the way. */
  readonly toTargetViaEndpoint: Uint8Array;
}

/** Breadth-first search from the seeds already at distance 0 in `dist`, along `adjacency`, up to `maxHops`. */
function breadthFirst(
  adjacency: Adjacency,
  dist: Uint8Array,
  seeds: Int32Array,
  seedCount: number,
  maxHops: number,
): void {
  const queue = new Int32Array(dist.length);
  queue.set(seeds.subarray(0, seedCount));
  let head = 0;
  let tail = seedCount;
  const { offsets, targets } = adjacency;
  while (head < tail) {
    const v = queue[head++] as number;
    const next = (dist[v] as number) + 1;
    if (next > maxHops) continue;
    for (let k = offsets[v] as number, end = offsets[v + 1] as number; k < end; k++) {
      const w = targets[k] as number;
      if ((dist[w] as number) !== UNREACHED) continue;
      dist[w] = next;
      queue[tail++] = w;
    }
  }
}

/** Forward distances from the internet. */
export function distancesFromInternet(p: PathProjection, maxHops: number): Uint8Array {
  const dist = new Uint8Array(p.ids.length).fill(UNREACHED);
  if (p.internet < 0) return dist;
  dist[p.internet] = 0;
  breadthFirst(p.forward, dist, Int32Array.of(p.internet), 1, maxHops);
  return dist;
}

/** Backward distances from every target at once (a multi-source search over the reversed edges). */
export function distancesToTargets(p: PathProjection, maxHops: number): Uint8Array {
  const n = p.ids.length;
  const dist = new Uint8Array(n).fill(UNREACHED);
  const seeds = new Int32Array(n);
  let count = 0;
  for (let v = 0; v < n; v++) {
    if (((p.flags[v] as number) & FLAG_TARGET) !== 0) {
      dist[v] = 0;
      seeds[count++] = v;
    }
  }
  breadthFirst(p.backward, dist, seeds, count, maxHops);
  return dist;
}

/**
 * Distances to a target for a walk that must still pass an endpoint: an endpoint `e` starts at `toTarget[e]`
 * (from there any walk will do), every other node is one more than its best successor. A Front Door that routes to
 * an API's backend `b` also starts at `toTarget[b] + 1`: its route anchors the walk as a gateway bypass (the walk
 * checks that the Front Door is its first hop; here the bound only has to stay a lower bound). Seeds start at
 * different distances, so this is a bucketed search (Dial's algorithm) rather than a plain breadth-first one.
 */
export function distancesViaEndpoint(p: PathProjection, toTarget: Uint8Array, maxHops: number): Uint8Array {
  const n = p.ids.length;
  const dist = new Uint8Array(n).fill(UNREACHED);
  const buckets: number[][] = Array.from({ length: maxHops + 1 }, () => []);
  for (let v = 0; v < n; v++) {
    const d = toTarget[v] as number;
    if (((p.flags[v] as number) & FLAG_ENDPOINT) !== 0 && d <= maxHops) {
      dist[v] = d;
      buckets[d]!.push(v);
    }
    if (((p.flags[v] as number) & FLAG_FRONT_DOOR) === 0) continue;
    const { offsets, targets } = p.forward;
    for (let k = offsets[v] as number, end = offsets[v + 1] as number; k < end; k++) {
      const via = (toTarget[targets[k] as number] as number) + 1;
      if (via <= maxHops && via < (dist[v] as number) && isFrontDoorBypassHop(p, v, k)) {
        dist[v] = via;
        buckets[via]!.push(v);
      }
    }
  }
  const { offsets, targets } = p.backward;
  for (let d = 0; d < maxHops; d++) {
    for (const v of buckets[d] as number[]) {
      if (dist[v] !== d) continue; // a stale entry: v was settled nearer
      for (let k = offsets[v] as number, end = offsets[v + 1] as number; k < end; k++) {
        const u = targets[k] as number;
        if ((dist[u] as number) > d + 1) {
          dist[u] = d + 1;
          buckets[d + 1]!.push(u);
        }
      }
    }
  }
  return dist;
}

export function computeDistances(p: PathProjection, maxHops: number): Distances {
  const toTarget = distancesToTargets(p, maxHops);
  return {
    fromInternet: distancesFromInternet(p, maxHops),
    toTarget,
    toTargetViaEndpoint: distancesViaEndpoint(p, toTarget, maxHops),
  };
}
