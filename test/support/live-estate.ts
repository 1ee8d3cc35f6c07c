import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FakeArmEstate } from './fake-arm-server.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);

interface Manifest {
  readonly resourceGraph: Record<string, string[]>;
  readonly arm: Record<string, string>;
}

async function readFixture(name: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(name, FIXTURES), 'utf8')) as unknown;
}

/** The estate a manifest names (test/fixtures/live/estate.json): Resource Graph rows by table, ARM answers by path. */
export async function loadEstate(manifest = 'live/estate.json'): Promise<FakeArmEstate> {
  const { resourceGraph, arm } = (await readFixture(manifest)) as Manifest;
  const tables: Record<string, Record<string, unknown>[]> = {};
  for (const [table, files] of Object.entries(resourceGraph)) {
    tables[table] = [];
    for (const file of files)
      tables[table].push(...((await readFixture(file)) as { data: Record<string, unknown>[] }).data);
  }
  const answers: Record<string, unknown> = {};
  for (const [path, file] of Object.entries(arm)) answers[path] = await readFixture(file);
  return { tables, arm: answers };
}

/** The same estate in another subscription: every id, scope and column naming the subscription is rewritten. */
export function inSubscription(estate: FakeArmEstate, from: string, to: string): FakeArmEstate {
  return JSON.parse(JSON.stringify(estate).replaceAll(from, to)) as FakeArmEstate;
}

export function mergeEstates(...estates: FakeArmEstate[]): FakeArmEstate {
  const tables: Record<string, Record<string, unknown>[]> = {};
  for (const estate of estates) {
    for (const [table, rows] of Object.entries(estate.tables)) tables[table] = [...(tables[table] ?? []), ...rows];
  }
  return { tables, arm: Object.assign({}, ...estates.map((e) => e.arm)) as Record<string, unknown> };
}

/**
 * The estate as a user would export it: one Resource Graph result per table (`az graph query` output) and one
 * file per ARM answer (`az rest` output), ready for the offline ingest.
 */
export async function writeEstateAsExport(estate: FakeArmEstate, dir: string): Promise<void> {
  await mkdir(join(dir, 'resourcegraph'), { recursive: true });
  await mkdir(join(dir, 'arm'), { recursive: true });
  for (const [table, rows] of Object.entries(estate.tables)) {
    const result = { totalRecords: rows.length, count: rows.length, resultTruncated: 'false', data: rows };
    await writeFile(join(dir, 'resourcegraph', `${table}.json`), JSON.stringify(result, null, 2));
  }
  let n = 0;
  for (const body of Object.values(estate.arm)) {
    n += 1;
    await writeFile(join(dir, 'arm', `answer-${String(n).padStart(3, '0')}.json`), JSON.stringify(body, null, 2));
  }
}
