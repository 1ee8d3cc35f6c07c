/**
 * The baseline the batched store is compared with: a naive loader that sends one MERGE statement per node,
 * committing a transaction every 1,000 rows. It exists only here, to put a number on what batching buys.
 */
import type { Driver } from 'neo4j-driver';
import { readInputFiles, transformResourceRows } from '../../src/ingest/index.js';
import { nodeDeclaration, nodeProperties, type GraphNode } from '../../src/model/index.js';
import { Neo4jStore } from '../../src/store/index.js';
import { clearDatabase, countNodes, openDriver, type Neo4jArgs } from './neo4j-common.js';

export interface NaiveMergeArgs extends Neo4jArgs {
  readonly dir: string;
  readonly slice: number;
}

export interface NaiveMergeResult {
  readonly nodes: number;
  readonly naiveSeconds: number;
  readonly batchedSeconds: number;
}

const ROWS_PER_TRANSACTION = 1_000;
const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;

/** Same labels and stamps as the store's UNWIND statement, one node at a time. */
function mergeOne(node: GraphNode): string {
  const { family } = nodeDeclaration(node.kind);
  return `MERGE (n:${quote(node.kind)} {id: $id}) ON CREATE SET n.firstSeen = $now SET n += $properties, n:${quote(family)}:Entity, n.lastSeen = $now, n.lastRunId = $runId`;
}

/** Nested values go to Neo4j as JSON text, as the store writes them. */
function encode(node: GraphNode): Record<string, unknown> {
  const declarations = nodeProperties(node.kind);
  return Object.fromEntries(
    Object.entries(node.properties).map(([name, value]) => [
      name,
      declarations[name]?.type === 'json' ? JSON.stringify(value) : value,
    ]),
  );
}

async function loadNaively(driver: Driver, nodes: readonly GraphNode[], now: string): Promise<void> {
  for (let i = 0; i < nodes.length; i += ROWS_PER_TRANSACTION) {
    const chunk = nodes.slice(i, i + ROWS_PER_TRANSACTION);
    const session = driver.session();
    try {
      await session.executeWrite(async (tx) => {
        for (const node of chunk)
          await tx.run(mergeOne(node), { id: node.id, properties: encode(node), now, runId: 'bench-naive' });
      });
    } finally {
      await session.close();
    }
  }
}

export async function naiveMerge(args: NaiveMergeArgs): Promise<NaiveMergeResult> {
  const input = await readInputFiles([args.dir]);
  const { nodes: all } = await transformResourceRows(input.resources, { source: 'azure-export' });
  const nodes = all.slice(0, args.slice);
  const now = new Date().toISOString();
  // Opening the store applies the uniqueness constraints, so the naive MERGEs find nodes by index too.
  const store = await Neo4jStore.open({ uri: args.uri, user: args.user, password: args.password });
  const driver = openDriver(args);
  try {
    await clearDatabase(driver);
    let started = performance.now();
    await loadNaively(driver, nodes, now);
    const naiveSeconds = (performance.now() - started) / 1000;
    if ((await countNodes(driver)) !== nodes.length) throw new Error('naive load wrote an unexpected node count');
    await clearDatabase(driver);
    started = performance.now();
    for (let i = 0; i < nodes.length; i += 10_000)
      await store.upsertNodes(nodes.slice(i, i + 10_000), { runId: 'bench-batched', startedAt: now });
    const batchedSeconds = (performance.now() - started) / 1000;
    if ((await countNodes(driver)) !== nodes.length) throw new Error('batched load wrote an unexpected node count');
    return { nodes: nodes.length, naiveSeconds, batchedSeconds };
  } finally {
    await driver.close();
    await store.close();
  }
}
