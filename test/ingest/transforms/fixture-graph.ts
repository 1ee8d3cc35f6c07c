import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphNode } from '../../../src/model/index.js';
import {
  readInputFiles,
  transformResourceRows,
  type InputRow,
  type TransformResult,
} from '../../../src/ingest/index.js';

/** Azure-shaped fixtures of the data, identity, Logic Apps, App Service and APIM transforms. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/azure/', import.meta.url));
export const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
export const SUB_ID = `/subscriptions/${SUB}`;
export const rg = (name: string) => `${SUB_ID}/resourcegroups/${name}`;

export interface FixtureGraph extends TransformResult {
  /** `Kind id` per node. */
  readonly nodeTuples: string[];
  /** `from -KIND-> to` per edge. */
  readonly edgeTuples: string[];
  /** Everything the transforms produced, as text: secrets must never appear in it. */
  readonly text: string;
  node(id: string): GraphNode;
  has(id: string): boolean;
}

export function viewOf(result: TransformResult): FixtureGraph {
  const byId = new Map(result.nodes.map((n) => [n.id, n]));
  return {
    ...result,
    nodeTuples: result.nodes.map((n) => `${n.kind} ${n.id}`),
    edgeTuples: result.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`),
    text: JSON.stringify(result),
    node(id: string): GraphNode {
      const node = byId.get(id);
      if (!node) throw new Error(`no node ${id}`);
      return node;
    },
    has: (id: string) => byId.has(id),
  };
}

export async function readFixtureRows(...folders: string[]): Promise<InputRow[]> {
  return (await readInputFiles(folders.map((folder) => join(FIXTURES, folder)))).resources;
}

/** Reads fixture folders the way `ingest export` does and runs the pure transform stage over their rows. */
export async function transformFixtures(...folders: string[]): Promise<FixtureGraph> {
  return viewOf(await transformResourceRows(await readFixtureRows(...folders), { source: 'azure-export' }));
}

/** Transforms hand-written rows (one inline file), for error cases and variants of a fixture. */
export async function transformInline(...values: Record<string, unknown>[]): Promise<FixtureGraph> {
  const rows: InputRow[] = values.map((value, index) => ({ file: 'inline.json', index, value }));
  return viewOf(await transformResourceRows(rows, { source: 'azure-export' }));
}
