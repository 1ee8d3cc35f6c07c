import { graphql } from '../api.js';
import { formatScore, h, link, riskBadge, table } from '../dom.js';
import { formatRoute } from '../routes.js';
import { errorBox, loading, type ViewContext } from './common.js';

const QUERY = `query Dashboard {
  inventory {
    endpoints attackPaths findings
    endpointsBySource { source count }
    endpointsByInsight { insight count }
    attackPathsByRiskLevel { riskLevel count }
  }
  attackPaths(first: 25) { edges { node { id rank name riskLevel score chain } } }
}`;

interface DashboardData {
  readonly inventory: {
    readonly endpoints: number;
    readonly attackPaths: number;
    readonly findings: number;
    readonly endpointsBySource: readonly { readonly source: string; readonly count: number }[];
    readonly endpointsByInsight: readonly { readonly insight: string; readonly count: number }[];
    readonly attackPathsByRiskLevel: readonly { readonly riskLevel: string; readonly count: number }[];
  };
  readonly attackPaths: {
    readonly edges: readonly {
      readonly node: { id: string; rank: number; name: string; riskLevel: string; score: number; chain: string };
    }[];
  };
}

const noFilter = { source: null, insights: [], method: null, urlContains: null, sensitiveInfoType: null } as const;

function stat(label: string, value: number, href: string, id: string): HTMLElement {
  return h(
    'li',
    { class: 'stat' },
    link(
      href,
      h('span', { class: 'stat-value', attrs: { 'data-stat': id } }, String(value)),
      h('span', { class: 'stat-label' }, label),
    ),
  );
}

export async function renderDashboard(context: ViewContext, section: HTMLElement): Promise<void> {
  section.appendChild(loading('the dashboard'));
  let data: DashboardData;
  try {
    data = await graphql<DashboardData>(QUERY);
  } catch (error) {
    if (context.current()) section.replaceChildren(errorBox(error));
    return;
  }
  if (!context.current()) return;
  const inv = data.inventory;
  // Distinct chains only: many paths share a name (their family), and the same chain may come in by two fronts.
  const seen = new Set<string>();
  const top = data.attackPaths.edges
    .map((e) => e.node)
    .filter((p) => !seen.has(p.chain) && seen.add(p.chain))
    .slice(0, 5);
  section.replaceChildren(
    h(
      'ul',
      { class: 'stats', attrs: { 'aria-label': 'Totals' } },
      stat('API endpoints', inv.endpoints, '#/inventory', 'endpoints'),
      stat('Attack paths', inv.attackPaths, '#/paths', 'attackPaths'),
      stat('Recommendations', inv.findings, '#/findings', 'findings'),
    ),
    h(
      'div',
      { class: 'grid' },
      table(
        'API endpoints by source',
        ['Source', 'Endpoints'],
        inv.endpointsBySource.map((s) => [
          link(formatRoute({ view: 'inventory', filter: { ...noFilter, source: s.source } }), s.source),
          String(s.count),
        ]),
      ),
      table(
        'API endpoints by insight',
        ['Insight', 'Endpoints'],
        inv.endpointsByInsight.map((i) => [
          link(formatRoute({ view: 'inventory', filter: { ...noFilter, insights: [i.insight] } }), i.insight),
          String(i.count),
        ]),
      ),
      table(
        'Attack paths by risk level',
        ['Risk level', 'Paths'],
        inv.attackPathsByRiskLevel.map((r) => [
          link(formatRoute({ view: 'paths', riskLevel: r.riskLevel }), riskBadge(r.riskLevel)),
          String(r.count),
        ]),
      ),
    ),
    h('h2', {}, 'Top attack paths'),
    top.length === 0
      ? h('p', { class: 'empty' }, 'No attack paths: nothing leads from the internet through an API to data.')
      : table(
          'The five riskiest attack paths',
          ['Rank', 'Path', 'Risk', 'Score'],
          top.map((p) => [
            String(p.rank),
            h('div', {}, link(formatRoute({ view: 'path', id: p.id }), p.chain), h('div', { class: 'muted' }, p.name)),
            riskBadge(p.riskLevel),
            formatScore(p.score),
          ]),
        ),
  );
}
