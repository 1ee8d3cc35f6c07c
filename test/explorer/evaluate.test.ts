import { describe, expect, it } from 'vitest';
import type { ExplorerQuery } from '../../src/explorer/index.js';
import { MemoryStore, type GraphStore, type Page } from '../../src/store/index.js';
import type { GraphNode } from '../../src/model/index.js';
import { ValidationError } from '../../src/util/errors.js';
import { newRun } from '../support/graph-fixture.js';
import { FIXTURE_CASES, expectedIds } from './fixture-cases.js';
import { explorerFixture, writeFixture } from './fixture.js';

const SUB = '6d1c0f9e-3a57-4b8e-9c2d-7e4f5a6b8c90';

async function loadFixture(): Promise<GraphStore> {
  const store = await MemoryStore.open();
  const fixture = explorerFixture(SUB);
  const run = newRun();
  await writeFixture(store, fixture, run);
  await store.replaceAnalysis(fixture.analysis, run);
  return store;
}

async function allPages(store: GraphStore, query: ExplorerQuery, first: number): Promise<Page<GraphNode>[]> {
  const pages: Page<GraphNode>[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.explore(query, { first, after });
    pages.push(page);
    if (!page.hasNextPage) return pages;
    after = page.endCursor;
  }
}

describe('explorer queries on the memory store', () => {
  const fixture = explorerFixture(SUB);

  for (const c of FIXTURE_CASES) {
    it(c.name, async () => {
      const store = await loadFixture();
      const page = await store.explore(c.query, { first: 100 });
      expect(page.items.map((n) => n.id)).toEqual(expectedIds(fixture, c.expected));
      expect(page.hasNextPage).toBe(false);
    });
  }

  it('pages in id order with an opaque cursor, and the pages add up to the whole result', async () => {
    const store = await loadFixture();
    const query: ExplorerQuery = { kind: 'ApiEndpoint' };
    const pages = await allPages(store, query, 3);
    expect(pages.map((p) => [p.items.length, p.hasNextPage])).toEqual([
      [3, true],
      [1, false],
    ]);
    expect(pages.flatMap((p) => p.items.map((n) => n.id))).toEqual(expectedIds(fixture, ['ep1', 'ep2', 'ep3', 'ep4']));
    expect(pages[0]!.endCursor).not.toContain('/');
  });

  it('applies the limit to all pages together', async () => {
    const store = await loadFixture();
    const pages = await allPages(store, { kind: 'ApiEndpoint', limit: 3 }, 2);
    expect(pages.map((p) => p.items.length)).toEqual([2, 1]);
    expect(pages.at(-1)!.hasNextPage).toBe(false);
  });

  it('returns an empty page, not an error, when nothing matches or the store is empty', async () => {
    const empty = await MemoryStore.open();
    expect(await empty.explore({ kind: 'ApiEndpoint' }, { first: 10 })).toEqual({
      items: [],
      endCursor: null,
      hasNextPage: false,
    });
  });

  it('rejects an invalid query, page size or cursor before evaluating', async () => {
    const store = await loadFixture();
    await expect(store.explore({ kind: 'Nope' } as unknown as ExplorerQuery, { first: 10 })).rejects.toThrow(
      ValidationError,
    );
    await expect(store.explore({ kind: 'ApiEndpoint' }, { first: 0 })).rejects.toThrow(/Page size/);
    await expect(store.explore({ kind: 'ApiEndpoint' }, { first: 5, after: 'not a cursor!' })).rejects.toThrow(
      /Malformed cursor/,
    );
  });
});
