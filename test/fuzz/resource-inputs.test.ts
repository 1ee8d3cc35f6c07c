/**
 * Fuzzing of Azure resource input: whole files (text cut, bytes spliced in) through the JSON reader, and mutated
 * real fixtures (test/fixtures/azure, examples/contoso) through row shapes, the transforms and the memory store.
 * Every case ends in a result that keeps the stated invariants or in an InputError naming the file (and a position
 * inside the text).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseLenient, type ParseError } from 'jsonc-parser';
import { locateJsonError } from '../../src/util/input/locate-json-error.js';
import { parseJson } from '../../src/util/input/parse-json.js';
import { rowsOfDocument } from '../../src/util/input/rows.js';
import { ingestRows, transformResourceRows } from '../../src/ingest/pipeline.js';
import { validateEdge, validateNode } from '../../src/model/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { InputError } from '../../src/util/errors.js';
import { fuzz, fuzzAsync, outcome, outcomeAsync, type FuzzCount, FUZZ_TIMEOUT_MS } from '../support/fuzz.js';
import { newRun } from '../support/graph-fixture.js';
import { mutate, mutationsArb, oddString, type Json } from '../support/json-mutation.js';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(dir, name))
    .sort();
}

/** Every resource fixture: the hand-written family fixtures and the shipped example estate. */
const FIXTURES = [
  ...jsonFiles('test/fixtures/azure'),
  ...jsonFiles('examples/contoso/arm'),
  ...jsonFiles('examples/contoso/resourcegraph'),
].map((file) => ({ file, text: readFileSync(file, 'utf8'), document: JSON.parse(readFileSync(file, 'utf8')) as Json }));

const fixtureArb = fc.constantFrom(...FIXTURES);

/** Edits to a file's text: cut it short, splice in bytes, duplicate a slice, or flip a character. */
const textEditArb = fc.oneof(
  fc.record({ edit: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    edit: fc.constant('splice' as const),
    at: fc.nat(),
    insert: fc.oneof(oddString, fc.constantFrom('{', '}', '[', ']', ',', '"', ':', '\\', '/*', '\uFEFF', '\r\n')),
  }),
  fc.record({ edit: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ edit: fc.constant('flip' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 0xffff }) }),
);
type TextEdit = typeof textEditArb extends fc.Arbitrary<infer T> ? T : never;

function editText(text: string, edit: TextEdit): string {
  const at = edit.at % (text.length + 1);
  switch (edit.edit) {
    case 'cut':
      return text.slice(0, at);
    case 'splice':
      return text.slice(0, at) + edit.insert + text.slice(at);
    case 'repeat':
      return text.slice(0, at) + text.slice(at, at + edit.length) + text.slice(at);
    case 'flip':
      return text.slice(0, at) + String.fromCharCode(edit.code) + text.slice(at + 1);
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function expectInputErrorInside(error: unknown, file: string, text: string): 'error' {
  expect(error).toBeInstanceOf(InputError);
  const e = error as InputError;
  expect(e.position.file).toBe(file);
  expect(e.message.startsWith(file)).toBe(true);
  if (e.position.line !== undefined) {
    expect(e.position.line).toBeGreaterThanOrEqual(1);
    expect(e.position.line).toBeLessThanOrEqual(text.split('\n').length);
  }
  if (e.position.column !== undefined) expect(e.position.column).toBeGreaterThanOrEqual(1);
  return 'error';
}

/** Neither side vacuous: some cases produced a result and some an error. */
function expectBoth(count: FuzzCount): void {
  expect(count.outcomes['ok'] ?? 0, JSON.stringify(count.outcomes)).toBeGreaterThan(0);
  expect(count.outcomes['error'] ?? 0, JSON.stringify(count.outcomes)).toBeGreaterThan(0);
}

describe('fuzz: whole resource files', () => {
  it(
    'parses edited files into rows, or fails naming the file, line and column',
    () => {
      const count = fuzz(
        'resource files: text edits',
        fc.tuple(fixtureArb, fc.array(textEditArb, { minLength: 1, maxLength: 3 })),
        ([fixture, edits]) => {
          const text = edits.reduce(editText, fixture.text);
          const parsed = outcome(() => rowsOfDocument(fixture.file, parseJson(fixture.file, text)));
          if (!parsed.ok) return expectInputErrorInside(parsed.error, fixture.file, text);
          for (const [i, row] of parsed.value.entries()) {
            expect(row).toMatchObject({ file: fixture.file, index: i });
            expect(typeof row.value).toBe('object');
          }
          return 'ok';
        },
        400,
      );
      expectBoth(count);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'reads any JSON value as rows or as a clear "not an object" error',
    () => {
      const count = fuzz(
        'resource files: arbitrary JSON documents',
        fc.jsonValue({ maxDepth: 4 }),
        (document) => {
          const text = JSON.stringify(document) ?? 'null';
          const parsed = outcome(() => rowsOfDocument('any.json', parseJson('any.json', text)));
          return parsed.ok ? 'ok' : expectInputErrorInside(parsed.error, 'any.json', text);
        },
        400,
      );
      expectBoth(count);
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('fuzz: locating JSON errors', () => {
  it(
    'agrees with jsonc-parser on where the first error is, and with JSON.parse on whether there is one',
    () => {
      const insert = fc.constantFrom(
        '',
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '"',
        'x',
        '1',
        'tru',
        '/*',
        '//',
        ' ',
        '\n',
        '-',
        '1.',
        '"\\u12"',
        '\u0001',
      );
      fuzz(
        'JSON error locator vs jsonc-parser',
        fc.tuple(fc.json({ maxDepth: 3 }), fc.nat(), insert),
        ([json, at, extra]) => {
          const cut = at % (json.length + 1);
          const text = json.slice(0, cut) + extra + json.slice(cut);
          const errors: ParseError[] = [];
          parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
          const mine = locateJsonError(text);
          expect(mine === null).toBe(isJson(text));
          expect(mine?.offset).toBe(errors[0]?.offset);
          return mine ? 'error' : 'ok';
        },
        2_000,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'names the line and column of an error in a document nested 100,000 levels deep',
    () => {
      const count = fuzz(
        'resource files: very deep documents',
        fc.record({
          depth: fc.integer({ min: 20_000, max: 100_000 }),
          tail: fc.constantFrom('', ']', '}', ',', 'x', '"'),
        }),
        ({ depth, tail }) => {
          const text = `{"value":[${'['.repeat(depth)}${']'.repeat(depth - 1)}${tail}]}`;
          const parsed = outcome(() => rowsOfDocument('deep.json', parseJson('deep.json', text)));
          if (parsed.ok) return 'ok';
          expectInputErrorInside(parsed.error, 'deep.json', text);
          // A syntax error sits past the opening brackets; a valid document fails as a row that is not an object.
          const { column, index } = (parsed.error as InputError).position;
          if (column !== undefined) expect(column).toBeGreaterThan(depth);
          else expect(index).toBe(0);
          return 'error';
        },
        20,
      );
      expect(count.outcomes['error']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('fuzz: mutated resource rows through the transforms', () => {
  it(
    'turns mutated fixtures into valid nodes and edges, or an InputError naming the file and row',
    async () => {
      const count = await fuzzAsync(
        'resource rows: mutated fixtures → transforms',
        fc.tuple(fixtureArb, mutationsArb),
        async ([fixture, mutations]) => {
          const document = mutate(fixture.document, mutations);
          const result = await outcomeAsync(async () =>
            transformResourceRows(rowsOfDocument(fixture.file, document), { source: 'azure-export' }),
          );
          if (!result.ok) {
            expect(result.error).toBeInstanceOf(InputError);
            expect((result.error as InputError).position.file).toBe(fixture.file);
            return 'error';
          }
          const ids = new Set<string>();
          for (const node of result.value.nodes) {
            expect(ids.has(node.id), `duplicate node ${node.id}`).toBe(false);
            ids.add(node.id);
            // What the store will accept: the transform's output passes the model's own validation again.
            expect(validateNode(node)).toEqual(node);
          }
          for (const edge of result.value.edges) expect(validateEdge(edge)).toEqual(edge);
          for (const sub of result.value.subscriptions) expect(sub).toBe(sub.toLowerCase());
          return 'ok';
        },
        300,
      );
      expectBoth(count);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'loads mutated fixtures into the memory store, or leaves it exactly as it was',
    async () => {
      const store = await MemoryStore.open();
      const base = FIXTURES.filter((f) => f.file.startsWith('examples/contoso/resourcegraph'));
      for (const f of base)
        await ingestRows(store, rowsOfDocument(f.file, f.document), { source: 'azure-export', run: newRun() });
      const count = await fuzzAsync(
        'resource rows: mutated fixtures → memory store',
        fc.tuple(fixtureArb, mutationsArb),
        async ([fixture, mutations]) => {
          const before = { nodes: await store.countNodesByKind(), edges: await store.countEdgesByKind() };
          const rows = outcome(() => rowsOfDocument(fixture.file, mutate(fixture.document, mutations)));
          if (!rows.ok) return 'error';
          const loaded = await outcomeAsync(() =>
            ingestRows(store, rows.value, { source: 'azure-export', run: newRun() }),
          );
          if (!loaded.ok) {
            expect(loaded.error.code).toBe('INPUT_ERROR');
            expect({ nodes: await store.countNodesByKind(), edges: await store.countEdgesByKind() }).toEqual(before);
            return 'error';
          }
          // Every subscription the rows named is in the store as a Subscription node.
          const subs = await store.getNodes(loaded.value.subscriptions.map((s) => `/subscriptions/${s}`));
          expect(subs.map((n) => n.kind)).toEqual(loaded.value.subscriptions.map(() => 'Subscription'));
          return 'ok';
        },
        150,
      );
      expectBoth(count);
    },
    FUZZ_TIMEOUT_MS,
  );
});
