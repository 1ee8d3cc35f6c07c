import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { INSIGHTS, isEdgeKind, type EdgeKind, type Insight, type JsonValue } from '../../src/model/index.js';
import type { GraphStore } from '../../src/store/index.js';

/**
 * The Contoso example estate and the facts it was built to contain. The facts live beside the estate, not inside
 * it: every `.json` file under `examples/contoso` is read as Azure input, and an expectations document is no
 * Azure row.
 */
export const ESTATE_DIR = fileURLToPath(new URL('../../examples/contoso', import.meta.url));
export const EXPECTED_FILE = fileURLToPath(new URL('../../examples/contoso.expected.json', import.meta.url));

export interface ExpectedEdge {
  readonly from: string;
  readonly kind: EdgeKind;
  readonly to: string;
}

export interface ContosoExpected {
  readonly tenantId: string;
  readonly subscriptions: readonly { readonly id: string; readonly name: string }[];
  readonly minNodes: number;
  readonly logRows: number;
  readonly unknownTypes: Readonly<Record<string, number>>;
  readonly endpoints: readonly { readonly id: string; readonly method: string }[];
  readonly absentNodes: readonly { readonly id: string }[];
  /** Per node, properties it must carry; `null` means the property must be absent. */
  readonly nodeProperties: Readonly<Record<string, Readonly<Record<string, JsonValue>>>>;
  readonly edges: readonly ExpectedEdge[];
  /** ROUTES_TO edges; `condition`, when given, is the policy branch the edge must name. */
  readonly routes: readonly { readonly from: string; readonly to: string; readonly resolvedBy?: string; readonly condition?: string }[];
  /** Endpoints with no ROUTES_TO at all (they answer from the gateway). */
  readonly noRoutes: readonly { readonly from: string }[];
  /** CALLS edges the gateway makes for an endpoint, with the access its identity has on the target. */
  readonly calls: readonly { readonly from: string; readonly to: string; readonly accessLevel?: string }[];
  readonly exposures: readonly { readonly id: string; readonly ports?: readonly string[] }[];
  readonly notExposed: readonly string[];
  readonly permissions: readonly { readonly identity: string; readonly dataStore: string; readonly accessLevel: string }[];
  readonly noPermissions: readonly { readonly identity: string; readonly dataStore: string }[];
  readonly insights: Readonly<Record<string, { readonly present?: readonly Insight[]; readonly absent?: readonly Insight[] }>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function list(document: Record<string, unknown>, key: string): unknown[] {
  const value = document[key];
  if (!Array.isArray(value)) throw new Error(`${EXPECTED_FILE}: "${key}" is not a list`);
  return value;
}

/** Parses the expectations once, checking the parts whose mistakes would silently weaken the assertions. */
function parseExpected(document: unknown): ContosoExpected {
  if (!isObject(document)) throw new Error(`${EXPECTED_FILE}: not a JSON object`);
  for (const edge of list(document, 'edges')) {
    if (!isObject(edge) || typeof edge['kind'] !== 'string' || !isEdgeKind(edge['kind'])) {
      throw new Error(`${EXPECTED_FILE}: edge ${JSON.stringify(edge)} has no known kind`);
    }
  }
  const insights = document['insights'];
  if (!isObject(insights)) throw new Error(`${EXPECTED_FILE}: "insights" is not an object`);
  for (const [id, entry] of Object.entries(insights)) {
    const names = isObject(entry) ? [entry['present'], entry['absent']].flatMap((v) => (Array.isArray(v) ? v : [])) : [];
    const unknown = names.filter((n) => typeof n !== 'string' || !(INSIGHTS as readonly string[]).includes(n));
    if (unknown.length > 0) throw new Error(`${EXPECTED_FILE}: ${id} names unknown insights ${unknown.join(', ')}`);
  }
  for (const key of ['endpoints', 'routes', 'noRoutes', 'calls', 'exposures', 'notExposed', 'permissions', 'noPermissions', 'absentNodes']) list(document, key);
  return document as unknown as ContosoExpected;
}

let cached: Promise<ContosoExpected> | undefined;

export function loadExpected(): Promise<ContosoExpected> {
  cached ??= readFile(EXPECTED_FILE, 'utf8').then((text) => parseExpected(JSON.parse(text)));
  return cached;
}

/** A port or range as CAN_REACH edges list them: `443`, `8000-8999`, or `*`. */
function portRange(text: string): [number, number] | null {
  const value = text.trim();
  if (value === '*') return [0, 65535];
  const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(value);
  if (!match?.[1]) return null;
  return [Number(match[1]), Number(match[2] ?? match[1])];
}

/** True when one of the listed ports or ranges contains the port. */
export function portsCover(ports: readonly string[], port: string): boolean {
  const wanted = Number(port);
  return ports.some((p) => {
    const range = portRange(p);
    return range !== null && range[0] <= wanted && wanted <= range[1];
  });
}

const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * What analysis must conclude about the estate: which assets the internet reaches (a `CAN_REACH` edge from
 * `internet`, or the `InternetExposed` insight on the asset), on which ports where the estate pins them, which
 * assets it must not reach, and which insights each asset carries or must not carry. Call it after the analysis
 * stage has written its result to the store.
 */
export async function assertExpectedInsights(store: GraphStore, expected?: ContosoExpected): Promise<void> {
  const facts = expected ?? (await loadExpected());
  const reach = new Map<string, readonly string[]>();
  for (const { edge } of await store.neighbours('internet', { direction: 'out', edgeKinds: ['CAN_REACH'] })) {
    reach.set(edge.to, strings(edge.properties['ports']));
  }
  const insightsOf = async (id: string): Promise<string[]> => {
    const node = await store.getNode(id);
    expect(node, `node ${id}`).not.toBeNull();
    return strings(node?.properties['insights']);
  };

  for (const exposure of facts.exposures) {
    const insights = await insightsOf(exposure.id);
    const ports = reach.get(exposure.id);
    expect(ports !== undefined || insights.includes('InternetExposed'), `internet reaches ${exposure.id}`).toBe(true);
    if (ports !== undefined) {
      for (const port of exposure.ports ?? []) expect(portsCover(ports, port), `${exposure.id} reachable on ${port} (${ports.join(', ')})`).toBe(true);
    }
  }
  for (const id of facts.notExposed) {
    const insights = await insightsOf(id);
    expect(reach.has(id), `internet -CAN_REACH-> ${id}`).toBe(false);
    expect(insights, `insights of ${id}`).not.toContain('InternetExposed');
  }
  for (const [id, expectation] of Object.entries(facts.insights)) {
    const insights = await insightsOf(id);
    for (const insight of expectation.present ?? []) expect(insights, `insights of ${id}`).toContain(insight);
    for (const insight of expectation.absent ?? []) expect(insights, `insights of ${id}`).not.toContain(insight);
  }
}
