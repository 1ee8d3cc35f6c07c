import { graphql, type Connection } from '../api.js';
import { formatScore, h, link, riskBadge, tags } from '../dom.js';
import { formatRoute } from '../routes.js';
import { choiceForm, pagedTable, type ViewContext } from './common.js';

const QUERY = `query Paths($filter: AttackPathFilter, $after: String) {
  attackPaths(filter: $filter, first: 25, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    edges { cursor node { id rank name riskLevel score riskFactors entry { name } target { name kind } } }
  }
}`;

const LEVELS = ['critical', 'high', 'medium', 'low'] as const;

interface PathNode {
  readonly id: string;
  readonly rank: number;
  readonly name: string;
  readonly riskLevel: string;
  readonly score: number;
  readonly riskFactors: readonly string[];
  readonly entry: { readonly name: string } | null;
  readonly target: { readonly name: string; readonly kind: string } | null;
}

function levelForm(level: string | null): HTMLFormElement {
  const field = { id: 'path-risk', name: 'risk', label: 'Risk level', ariaLabel: 'Filter attack paths' };
  return choiceForm(field, LEVELS, level, (value) => {
    location.hash = formatRoute({ view: 'paths', riskLevel: value });
  });
}

export async function renderPaths(context: ViewContext, section: HTMLElement, riskLevel: string | null): Promise<void> {
  const results = h('div');
  section.append(levelForm(riskLevel), results);
  const filter = riskLevel ? { riskLevel } : null;
  await pagedTable<PathNode>({
    context,
    into: results,
    caption: 'Attack paths, riskiest first',
    headers: ['Rank', 'Path', 'Risk', 'Score', 'Risk factors', 'From → to'],
    emptyText: riskLevel
      ? `No ${riskLevel} attack paths.`
      : 'No attack paths: nothing leads from the internet through an API to data.',
    fetchPage: async (after) =>
      (await graphql<{ attackPaths: Connection<PathNode> }>(QUERY, { filter, after })).attackPaths,
    row: (p) => [
      String(p.rank),
      link(formatRoute({ view: 'path', id: p.id }), p.name),
      riskBadge(p.riskLevel),
      formatScore(p.score),
      tags(p.riskFactors),
      `${p.entry?.name ?? '?'} → ${p.target?.name ?? '?'}`,
    ],
  });
}
