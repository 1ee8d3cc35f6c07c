import { graphql } from '../api.js';
import { formatScore, h, link, riskBadge, table } from '../dom.js';
import { assetHref, formatRoute } from '../routes.js';
import { loadInto, type ViewContext } from './common.js';

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

const GROUP_BY = ['endpoint', 'target', 'fix'] as const;
type GroupBy = (typeof GROUP_BY)[number];
const GROUP_TEXT: Record<GroupBy, string> = { endpoint: 'entry endpoint', target: 'target', fix: 'fix that breaks them' };

const GROUPS_QUERY = `query PathGroups($by: PathGroupBy!) {
  attackPathGroups(by: $by) { key label count topRiskLevel topScore assetId pathIds }
}`;

interface PathGroupRow {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  readonly topRiskLevel: string;
  readonly topScore: number;
  readonly assetId: string | null;
  readonly pathIds: readonly string[];
}

/** Paths collapsed on a shared entry endpoint, target or fix (as `paths --group-by`): a few root causes, not dozens of rows. */
function groupedPaths(context: ViewContext): HTMLElement {
  const into = h('div', { attrs: { 'aria-live': 'polite', 'data-groups': '' } });
  const load = async (by: GroupBy) => {
    const loaded = await loadInto(context, into, 'the path groups', () => graphql<{ attackPathGroups: PathGroupRow[] }>(GROUPS_QUERY, { by: by.toUpperCase() }), {
      replace: true,
    });
    if (!loaded) return;
    const groups: readonly PathGroupRow[] = loaded.data.attackPathGroups;
    const total = groups.reduce((n, g) => n + g.count, 0);
    into.replaceChildren(
      groups.length === 0
        ? h('p', { class: 'empty' }, 'No attack paths to group.')
        : table(
            `${total} attack paths in ${groups.length} groups by ${GROUP_TEXT[by]}`,
            ['Paths', 'Top risk', GROUP_TEXT[by][0]!.toUpperCase() + GROUP_TEXT[by].slice(1)],
            groups.map((g) => [
              String(g.count),
              h('span', {}, riskBadge(g.topRiskLevel), ` ${formatScore(g.topScore)}`),
              h(
                'div',
                {},
                g.assetId ? link(assetHref(g.assetId), g.label) : g.label,
                g.pathIds[0] ? h('div', { class: 'muted' }, link(formatRoute({ view: 'path', id: g.pathIds[0] }), 'riskiest path of the group')) : null,
              ),
            ]),
          ),
    );
  };
  const select = h(
    'select',
    { attrs: { id: 'group-by' }, on: { change: () => void load(select.value as GroupBy) } },
    GROUP_BY.map((by) => h('option', { attrs: { value: by } }, GROUP_TEXT[by])),
  );
  void load('endpoint');
  return h(
    'section',
    { attrs: { 'aria-labelledby': 'groups-heading' } },
    h('h2', { attrs: { id: 'groups-heading' } }, 'Attack paths by root cause'),
    h('p', {}, h('label', { attrs: { for: 'group-by' } }, 'Group paths by '), select),
    into,
  );
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
  const loaded = await loadInto(context, section, 'the dashboard', () => graphql<DashboardData>(QUERY));
  if (!loaded) return;
  const data = loaded.data;
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
    groupedPaths(context),
  );
}
