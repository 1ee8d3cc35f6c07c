import { recordFromNode, type AttackPathRecord, type PathStepRecord } from '../../analysis/paths/index.js';
import { pathChain } from '../../report/paths/chain.js';
import { groupPaths, type GroupBy } from '../../report/paths/group.js';
import { RISK_LEVELS, type GraphNode } from '../../model/index.js';
import type { PropertyFilter } from '../../store/index.js';
import { MAX_PAGE_SIZE } from '../../store/query-options.js';
import { pageSize, storeOf, type ApiContext } from '../context.js';
import type { QueryAttackPathArgs, QueryAttackPathGroupsArgs, QueryAttackPathsArgs, RequireFields } from '../generated/resolver-types.js';
import { apiError } from '../errors.js';
import { connectionFields, nodeConnection, num, type Connection } from './connection.js';

/** The SDL's defaults (`orderBy: RANK`, `first: 50`) are filled in by GraphQL before a resolver runs. */
type AttackPathArgs = RequireFields<QueryAttackPathsArgs, 'first' | 'orderBy'>;

function pathWhere(args: AttackPathArgs): PropertyFilter[] {
  const where: PropertyFilter[] = [];
  const f = args.filter;
  if (args.minRisk)
    where.push({ property: 'riskLevel', op: 'in', value: RISK_LEVELS.slice(0, RISK_LEVELS.indexOf(args.minRisk) + 1) });
  if (f?.riskLevel) where.push({ property: 'riskLevel', op: 'eq', value: f.riskLevel });
  if (f?.family) where.push({ property: 'family', op: 'eq', value: f.family });
  if (f?.entryId) where.push({ property: 'entryId', op: 'eq', value: f.entryId });
  if (f?.targetId) where.push({ property: 'targetId', op: 'eq', value: f.targetId });
  if (f?.traverses) where.push({ property: 'stepIds', op: 'contains', value: f.traverses });
  return where;
}

const rankCursor = (rank: number) => Buffer.from(`rank:${rank}`, 'utf8').toString('base64url');

function decodeRankCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^rank:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || rankCursor(Number(match[1])) !== cursor)
    throw apiError('BAD_USER_INPUT', `malformed cursor "${cursor}" (a cursor from orderBy: RANK is needed)`);
  return Number(match[1]);
}

const rankOf = (node: GraphNode) => num(node.properties['rank']) ?? Number.MAX_SAFE_INTEGER;

/**
 * Paths in rank order. The store pages by id, so ranks are read in windows (`rank` in (lo, hi]), the window
 * doubling while the filters leave it sparse: an unfiltered page costs one store call, a very selective filter
 * a few (ranks run 1..N without gaps, N being the number of stored paths).
 */
async function byRank(args: AttackPathArgs, context: ApiContext): Promise<Connection<GraphNode>> {
  const first = pageSize(args.first, context);
  const where = pathWhere(args);
  const total = (await context.loaders.counts()).AttackPath ?? 0;
  const collected: GraphNode[] = [];
  let lo = decodeRankCursor(args.after);
  let window = first + 1;
  while (collected.length <= first && lo < total) {
    const hi = lo + window;
    const page = await storeOf(context).listNodes({
      kind: 'AttackPath',
      where: [...where, { property: 'rank', op: 'gt', value: lo }, { property: 'rank', op: 'lt', value: hi + 1 }],
      first: MAX_PAGE_SIZE,
    });
    collected.push(...[...page.items].sort((a, b) => rankOf(a) - rankOf(b)));
    lo = hi;
    window = Math.min(window * 2, MAX_PAGE_SIZE);
  }
  const items = collected.slice(0, first);
  const last = items.at(-1);
  return {
    edges: items.map((node) => ({ node, cursor: rankCursor(rankOf(node)) })),
    pageInfo: { endCursor: last ? rankCursor(rankOf(last)) : null, hasNextPage: collected.length > first },
    totalCount: () => (where.length === 0 ? total : null),
  };
}

async function attackPaths(_: unknown, args: AttackPathArgs, context: ApiContext): Promise<Connection<GraphNode>> {
  if (args.orderBy === 'RANK') return byRank(args, context);
  const where = pathWhere(args);
  const page = await storeOf(context).listNodes({
    kind: 'AttackPath',
    where,
    first: pageSize(args.first, context),
    after: args.after ?? null,
  });
  return nodeConnection(page, async () =>
    where.length === 0 ? ((await context.loaders.counts()).AttackPath ?? 0) : null,
  );
}

async function attackPath(_: unknown, args: QueryAttackPathArgs, context: ApiContext): Promise<GraphNode | null> {
  const node = await context.loaders.nodes.load(args.id);
  return node?.kind === 'AttackPath' ? node : null;
}

const records = new WeakMap<GraphNode, AttackPathRecord>();

/** The path record kept in the node's `details` (read once per node object). */
function record(node: GraphNode): AttackPathRecord {
  let found = records.get(node);
  if (!found) {
    found = recordFromNode(node);
    records.set(node, found);
  }
  return found;
}

const GROUP_PAGE = 1_000;

/**
 * `attackPathGroups`: the paths collapsed as `paths --group-by` does (the same groupPaths), riskiest group first.
 * `assetId` is the asset the groups share (the entry endpoint, the target, or where the fix applies).
 */
async function attackPathGroups(_: unknown, args: QueryAttackPathGroupsArgs, context: ApiContext) {
  const by = args.by.toLowerCase() as GroupBy;
  const floor = args.minRisk ? RISK_LEVELS.indexOf(args.minRisk) : RISK_LEVELS.length - 1;
  const paths: AttackPathRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await storeOf(context).listNodes({ kind: 'AttackPath', first: GROUP_PAGE, after });
    for (const node of page.items) {
      const path = record(node);
      if (RISK_LEVELS.indexOf(path.riskLevel) <= floor) paths.push(path);
    }
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  return groupPaths(paths, by).map((g) => {
    const top = g.paths[0]!;
    const assetId = by === 'fix' ? (g.key.split('|')[1] ?? null) : g.key;
    return { key: g.key, label: g.label, count: g.paths.length, topRiskLevel: top.riskLevel, topScore: top.score, assetId: assetId || null, pathIds: g.paths.map((p) => p.id) };
  });
}

export const pathQueries = { attackPaths, attackPath, attackPathGroups };

export const pathTypes = {
  AttackPathConnection: connectionFields,
  AttackPath: {
    rank: (node: GraphNode) => record(node).rank,
    name: (node: GraphNode) => record(node).name,
    family: (node: GraphNode) => record(node).family,
    riskLevel: (node: GraphNode) => record(node).riskLevel,
    score: (node: GraphNode) => record(node).score,
    exploitability: (node: GraphNode) => record(node).exploitability,
    impact: (node: GraphNode) => record(node).impact,
    formula: (node: GraphNode) => record(node).formula,
    riskFactors: (node: GraphNode) => record(node).riskFactors,
    factors: (node: GraphNode) => record(node).factors,
    anchor: (node: GraphNode) => record(node).anchor,
    steps: (node: GraphNode) => record(node).steps,
    chain: (node: GraphNode) => pathChain(record(node)),
    entry: (node: GraphNode) => record(node).steps[1] ?? null,
    target: (node: GraphNode) => record(node).steps.at(-1) ?? null,
    breakingRecommendations: (node: GraphNode) => record(node).breakingRecommendations,
    reducingRecommendations: (node: GraphNode) => record(node).reducingRecommendations,
    details: (node: GraphNode) => record(node),
  },
  PathStep: {
    asset: (step: PathStepRecord, _: unknown, context: ApiContext) => context.loaders.nodes.load(step.id),
  },
};
