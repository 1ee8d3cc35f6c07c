/**
 * The question the reference Cypher query (queries/cypher/internet-api-data-paths.cypher) answers, asked of both
 * sides the same way: the set of (entry, endpoint, target) triples of the main path family
 *
 *   internet → (gateway → api →) endpoint → backend → identity → data store
 *
 * On the engine's side, from its own search with the caps lifted (every path visited, none kept); on the
 * Cypher side, from the query's rows. Both end as the same thing in the client: an array of id triples.
 */
import type { Session } from 'neo4j-driver';
import { DATA_STORE_KINDS } from '../../src/model/index.js';
import {
  visitAttackPaths,
  type PathProjection,
  type PathSearchStats,
  type PathVisit,
} from '../../src/analysis/paths/index.js';
import { kindCode } from '../../src/analysis/paths/projection.js';

export type Triple = readonly [entry: string, endpoint: string, target: string];

/** Every path: the reference query has no cap, so the engine must not stop early either. */
export const LIFTED_CAPS = {
  maxPathsPerPair: Number.MAX_SAFE_INTEGER,
  maxPaths: Number.MAX_SAFE_INTEGER,
  maxExpansions: Number.MAX_SAFE_INTEGER,
};

const GATEWAY = kindCode('ApiGateway');
const API = kindCode('Api');
const ENDPOINT = kindCode('ApiEndpoint');
const IDENTITY = kindCode('ManagedIdentity');
const DATA_STORES = new Set(DATA_STORE_KINDS.map(kindCode));

/** (entry, endpoint) → targets, in projection indices: the triple set without a string per triple. */
export type TripleIndex = Map<number, Set<number>>;

function addTriple(index: TripleIndex, n: number, entry: number, endpoint: number, target: number): void {
  const key = entry * n + endpoint;
  const targets = index.get(key);
  if (targets) targets.add(target);
  else index.set(key, new Set([target]));
}

/** The endpoint's position when the path has exactly the reference query's shape (and edge kinds), else -1. */
function endpointOf(p: PathProjection, path: PathVisit): number {
  // No closures here: this runs for every path visited (millions).
  const { nodes, edges } = path;
  const { kinds } = p;
  const viaGateway = kinds[nodes[1] as number] === GATEWAY;
  const at = viaGateway ? 3 : 1;
  if (path.length !== at + 3) return -1;
  if (viaGateway && kinds[nodes[2] as number] !== API) return -1;
  const shaped =
    kinds[nodes[at] as number] === ENDPOINT &&
    kinds[nodes[at + 2] as number] === IDENTITY &&
    DATA_STORES.has(kinds[nodes[at + 3] as number] as number) &&
    p.edges[edges[at] as number]?.kind === 'ROUTES_TO' &&
    p.edges[edges[at + 1] as number]?.kind === 'CAN_AUTHENTICATE_AS' &&
    p.edges[edges[at + 2] as number]?.kind === 'HAS_PERMISSION_TO';
  return shaped ? at : -1;
}

export interface EngineTriples {
  readonly triples: Triple[];
  readonly index: TripleIndex;
  /** Paths of the family visited (a triple may have several: other backends or identities). */
  readonly familyPaths: number;
  readonly stats: PathSearchStats;
}

/** The engine's answer: search every path over the projection, keep the family's distinct triples. */
export function engineTriples(p: PathProjection): EngineTriples {
  const n = p.ids.length;
  const index: TripleIndex = new Map();
  let familyPaths = 0;
  // Targets per (entry, endpoint) pair, repeats included (a list is cheaper to grow than a set); made distinct after.
  const found = new Map<number, number[]>();
  const stats = visitAttackPaths(p, LIFTED_CAPS, (path) => {
    const at = endpointOf(p, path);
    if (at < 0) return;
    familyPaths++;
    const key = (path.nodes[1] as number) * n + (path.nodes[at] as number);
    const targets = found.get(key);
    if (targets) targets.push(path.nodes[path.length] as number);
    else found.set(key, [path.nodes[path.length] as number]);
  });
  const triples: Triple[] = [];
  for (const [key, list] of found) {
    const entry = p.ids[Math.floor(key / n)] as string;
    const endpoint = p.ids[key % n] as string;
    const targets = new Set(list);
    index.set(key, targets);
    for (const target of targets) triples.push([entry, endpoint, p.ids[target] as string]);
  }
  return { triples, index, familyPaths, stats };
}

/** The query's answer: every row, streamed to the client, as triples. */
export async function cypherTriples(session: Session, query: string, timeoutMs: number): Promise<Triple[]> {
  const triples: Triple[] = [];
  for await (const record of session.run(query, {}, { timeout: timeoutMs })) {
    triples.push([record.get('entry') as string, record.get('endpoint') as string, record.get('target') as string]);
  }
  return triples;
}

/** Whether the two answers are the same set, in words (for the record, never silently). */
export function compareTriples(p: PathProjection, engine: TripleIndex, cypher: readonly Triple[]): string {
  const n = p.ids.length;
  const fromCypher: TripleIndex = new Map();
  let unknown = 0;
  for (const [entry, endpoint, target] of cypher) {
    const e = p.indexOf.get(entry);
    const m = p.indexOf.get(endpoint);
    const t = p.indexOf.get(target);
    if (e === undefined || m === undefined || t === undefined) unknown++;
    else addTriple(fromCypher, n, e, m, t);
  }
  const size = (index: TripleIndex) => [...index.values()].reduce((sum, s) => sum + s.size, 0);
  let missing = 0;
  for (const [key, targets] of fromCypher) for (const t of targets) if (!engine.get(key)?.has(t)) missing++;
  const engineSize = size(engine);
  const cypherSize = size(fromCypher);
  const extra = engineSize - (cypherSize - missing);
  if (missing === 0 && extra === 0 && unknown === 0 && cypherSize === cypher.length)
    return `the same ${cypherSize.toLocaleString('en-US')} triples on both sides`;
  return `the answers differ: engine ${engineSize} triples, Cypher ${cypher.length} rows (${cypherSize} distinct), ${missing} only in Cypher, ${extra} only in the engine, ${unknown} with an unknown id`;
}
