/**
 * The streaming row reader (json-row-scanner + stream-file) against the whole-document reading it replaced:
 * the same rows, the same graph, the same error positions, and nothing stored lost on bad input.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEstate } from '../../tools/estate/index.js';
import { classifyRow, ingestFiles, ingestRows, type InputRow } from '../../src/ingest/index.js';
import { JsonRowScanner } from '../../src/util/input/json-row-scanner.js';
import { parseJson } from '../../src/util/input/parse-json.js';
import { streamInputFiles } from '../../src/util/input/read-files.js';
import { rowsOfDocument } from '../../src/util/input/rows.js';
import { MemoryStore } from '../../src/store/index.js';
import { InputError } from '../../src/util/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apiposture-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = { runId: 'stream-1', startedAt: '2026-01-01T00:00:00.000Z' };

/** Every node and edge of a store as JSON lines, sorted: property order counts, so any change shows. */
async function dump(store: MemoryStore): Promise<string[]> {
  const lines: string[] = [];
  for await (const chunk of store.streamGraph()) {
    for (const node of chunk.nodes) lines.push(JSON.stringify(node));
    for (const edge of chunk.edges) lines.push(JSON.stringify(edge));
  }
  return lines.sort();
}

/** The reading that streaming replaced: each file parsed whole, its rows taken by `rowsOfDocument`. */
async function wholeDocumentRows(estateDir: string): Promise<InputRow[]> {
  const rows: InputRow[] = [];
  for (const name of (await readdir(estateDir)).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(estateDir, name);
    for (const row of rowsOfDocument(file, parseJson(file, await readFile(file, 'utf8')))) {
      if (classifyRow(row.value) === 'resource') rows.push(row);
    }
  }
  return rows;
}

/** Rows the scanner hands over when the document arrives in chunks of `size` bytes. */
function scanInChunks(text: string, size: number): { rows: unknown[]; outcome: string } {
  const rows: unknown[] = [];
  const scanner = new JsonRowScanner({ row: (value) => rows.push(value) });
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) {
    if (scanner.push(bytes.subarray(i, i + size)) === 'document') return { rows, outcome: 'document' };
  }
  return { rows, outcome: scanner.end() };
}

describe('streaming resource rows', () => {
  it('gives the same graph as whole-document parsing on a generated S estate', async () => {
    const estateDir = join(dir, 'estate-s');
    await writeEstate(estateDir, { size: 'S', seed: 7 });
    const streamed = await MemoryStore.open();
    const summary = await ingestFiles(streamed, [estateDir], { source: 'azure-export', run });
    const reference = await MemoryStore.open();
    const rows = await wholeDocumentRows(estateDir);
    await ingestRows(reference, rows, { source: 'azure-export', run });
    expect(summary.resourceRows).toBe(rows.length);
    expect(summary.nodes).toBeGreaterThan(5_000);
    const [a, b] = [await dump(streamed), await dump(reference)];
    expect(a.length).toBe(b.length);
    expect(a).toEqual(b);
  });

  it('gives the same graph from NDJSON as from JSON', async () => {
    const jsonDir = join(dir, 'estate-json');
    const ndjsonDir = join(dir, 'estate-ndjson');
    await writeEstate(jsonDir, { size: 2_000, seed: 3 });
    await writeEstate(ndjsonDir, { size: 2_000, seed: 3, format: 'ndjson' });
    const [a, b] = [await MemoryStore.open(), await MemoryStore.open()];
    await ingestFiles(a, [jsonDir], { source: 'azure-export', run });
    await ingestFiles(b, [ndjsonDir], { source: 'azure-export', run });
    expect(await dump(a)).toEqual(await dump(b));
  });

  it('cuts rows out correctly whatever the chunk boundaries', () => {
    const rows = [
      { id: '/a', type: 't', name: 'quote " and backslash \\', tags: { '}': ']', '{': '[' } },
      { id: '/b', type: 't', properties: { list: [1, [2, { x: '\\"' }]], empty: {}, none: null, yes: true } },
      { id: '/c', type: 't', name: 'ünïcødé — 日本語 🙂', n: -1.5e3 },
    ];
    const documents = [
      JSON.stringify(rows),
      JSON.stringify({ totalRecords: 3, count: 3, data: rows, facets: [], resultTruncated: 'false' }, null, 2),
      `\uFEFF${JSON.stringify({ value: rows, nextLink: null })}`,
      JSON.stringify({ data: rows, value: [{ ignored: true }] }),
    ];
    for (const document of documents) {
      for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
        const scanned = scanInChunks(document, size);
        expect(scanned.outcome, `chunks of ${size}`).toBe('rows');
        expect(scanned.rows, `chunks of ${size}`).toEqual(rows);
      }
    }
  });

  it('leaves other document shapes to the whole-document parser, before handing over any row', () => {
    const shapes = [
      { id: '/single', type: 't', properties: { a: 1 } },
      { data: { columns: [{ name: 'id' }], rows: [['/x']] } },
      { tables: [{ columns: [{ name: 'id' }], rows: [['/x']] }] },
      { id: '/flat', type: 't' },
    ];
    for (const shape of shapes) {
      const scanned = scanInChunks(JSON.stringify(shape), 5);
      expect(scanned.outcome).toBe('document');
      expect(scanned.rows).toEqual([]);
    }
  });

  it('reads those other shapes through the file reader as before', async () => {
    const single = join(dir, 'single.json');
    const table = join(dir, 'table.json');
    await writeFile(single, JSON.stringify({ id: '/subscriptions/s1/resourceGroups/g/providers/x/y/z', type: 'x/y' }));
    await writeFile(table, JSON.stringify({ data: { columns: [{ name: 'id' }, { name: 'type' }], rows: [['/a', 't'], ['/b', 't']] } }));
    const rows: InputRow[] = [];
    await streamInputFiles([single, table], (row) => rows.push(row));
    expect(rows.map((r) => [r.index, r.value['id']])).toEqual([
      [0, '/subscriptions/s1/resourceGroups/g/providers/x/y/z'],
      [0, '/a'],
      [1, '/b'],
    ]);
  });
});

describe('malformed input while streaming', () => {
  const rowText = (i: number) => JSON.stringify({ id: `/subscriptions/s1/resourcegroups/g/providers/microsoft.web/sites/app${i}`, type: 'microsoft.web/sites', properties: {} });

  /** The error the whole-document parser gives for the same text: streaming must report exactly this. */
  function wholeDocumentError(file: string, text: string): InputError {
    try {
      parseJson(file, text);
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
    throw new Error('expected the text to be malformed');
  }

  const cases: Record<string, string> = {
    'a broken row deep in the data array': `{"data":[\n${[0, 1, 2].map(rowText).join(',\n')},\n{"id": "/x", "type": tru}\n]}`,
    'a missing comma between rows': `[\n${rowText(0)}\n${rowText(1)}\n]`,
    'a file cut short': `{"value":[\n${rowText(0)},\n${rowText(1).slice(0, 40)}`,
    'text after the document': `[${rowText(0)}] x`,
  };

  for (const [name, text] of Object.entries(cases)) {
    it(`names the file, line, column and reason: ${name}`, async () => {
      const file = join(dir, `bad-${name.replaceAll(' ', '-')}.json`);
      await writeFile(file, text);
      const expected = wholeDocumentError(file, text);
      const failure = streamInputFiles([file], () => {}).then(
        () => null,
        (error: unknown) => error,
      );
      const error = await failure;
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).position).toEqual({ ...expected.position, file: expect.stringContaining('bad-') as string });
      expect((error as InputError).reason).toBe(expected.reason);
      expect((error as InputError).position.line).toBeGreaterThan(0);
    });
  }

  it('a malformed file after good ones stores nothing, and loses nothing stored before', async () => {
    const before = join(dir, 'before');
    await writeEstate(before, { size: 1_000, seed: 11 });
    const store = await MemoryStore.open();
    await ingestFiles(store, [before], { source: 'azure-export', run });
    const stored = await dump(store);
    expect(stored.length).toBeGreaterThan(500);

    const next = join(dir, 'next');
    await writeEstate(next, { size: 1_000, seed: 12 });
    const names = (await readdir(next)).filter((n) => n.endsWith('.json')).sort();
    const last = join(next, names.at(-1)!);
    const text = await readFile(last, 'utf8');
    // A doubled comma between two rows halfway through the file: the rows before it were already transformed.
    const cut = text.indexOf(',\n', Math.floor(text.length / 2));
    expect(cut).toBeGreaterThan(0);
    await writeFile(last, `${text.slice(0, cut)},${text.slice(cut)}`);
    await expect(
      ingestFiles(store, [next], { source: 'azure-export', run: { runId: 'stream-2', startedAt: '2026-01-02T00:00:00.000Z' } }),
    ).rejects.toMatchObject({ code: 'INPUT_ERROR', position: { file: expect.stringContaining(names.at(-1)!) as string } });
    expect(await dump(store)).toEqual(stored);
  });

  it('reports a row that is not an object at its index', async () => {
    const file = join(dir, 'not-object.json');
    await writeFile(file, `{"data":[${rowText(0)}, 42]}`);
    await expect(streamInputFiles([file], () => {})).rejects.toMatchObject({
      code: 'INPUT_ERROR',
      position: { index: 1 },
      reason: 'row is not a JSON object',
    });
  });
});
