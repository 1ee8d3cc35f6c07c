import { isInsight, nodeDisplayName, type GraphNode, type Insight, type JsonValue } from '../../model/index.js';
import type { Page } from '../../store/index.js';
import { encodeCursor } from '../../store/query-options.js';
import { num as readNum, str } from '../../util/json.js';

/** A Relay-style connection as the resolvers hand it to GraphQL; `totalCount` runs only when selected. */
export interface Connection<T> {
  readonly edges: readonly { readonly node: T; readonly cursor: string }[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
  readonly totalCount: () => Promise<number | null> | number | null;
}

/**
 * `totalCount` through a resolver of its own, not graphql-js's default one (which calls a function-valued property):
 * the compiled executor reads plain properties only.
 */
export const connectionFields = {
  totalCount: (connection: Pick<Connection<unknown>, 'totalCount'>) => connection.totalCount(),
};

/** A store page as a connection: cursors are the store's own (keyset by node id). */
export function nodeConnection(
  page: Page<GraphNode>,
  totalCount: () => Promise<number | null> | number | null = () => null,
): Connection<GraphNode> {
  return {
    edges: page.items.map((node) => ({ node, cursor: encodeCursor(node.id) })),
    pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    totalCount,
  };
}

/** GraphQL answers a missing scalar with null. */
export const text = (value: JsonValue | undefined): string | null => str(value) ?? null;
export const num = (value: JsonValue | undefined): number | null => readNum(value) ?? null;

export function insightsOf(node: GraphNode): Insight[] {
  const held = node.properties['insights'];
  return Array.isArray(held) ? held.filter((i): i is Insight => typeof i === 'string' && isInsight(i)) : [];
}

/** `Asset.name`: the display name every surface shows (model/display-name.ts). */
export const nameOf = nodeDisplayName;
