/** Rows of a write cut into UNWIND statements of bounded size. */

/** One UNWIND statement of a write: its rows are encoded only when it runs (and again if the transaction is retried). */
export interface Statement {
  readonly cypher: string;
  readonly rows: number;
  readonly parameters: () => Record<string, unknown>;
  /** What runs instead when the server refuses `cypher` on a uniqueness constraint (a CREATE raced by another writer). */
  readonly onConflict?: string;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

