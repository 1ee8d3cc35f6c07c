import type cytoscape from 'cytoscape';
import { graphql } from '../api.js';
import { formatScore, h, link, riskBadge, table, tags } from '../dom.js';
import { assetHref } from '../routes.js';
import { loadInto, type ViewContext } from './common.js';
import { drawPathGraph, graphLegend, selectStep } from './path-graph.js';

const QUERY = `query Path($id: ID!) {
  attackPath(id: $id) {
    id rank name riskLevel score exploitability impact formula anchor riskFactors
    factors { factor axis contribution detail }
    steps { id kind name insights labels }
    breakingRecommendations reducingRecommendations details
  }
}`;

interface Step {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly insights: readonly string[];
  readonly labels: readonly string[];
}

interface PathDetail {
  readonly id: string;
  readonly rank: number;
  readonly name: string;
  readonly riskLevel: string;
  readonly score: number;
  readonly exploitability: number | null;
  readonly impact: number | null;
  readonly formula: string | null;
  readonly anchor: string | null;
  readonly riskFactors: readonly string[];
  readonly factors: readonly { factor: string; axis: string; contribution: number; detail: string }[];
  readonly steps: readonly Step[];
  readonly breakingRecommendations: unknown;
  readonly reducingRecommendations: unknown;
  readonly details: { readonly edges?: readonly { readonly kind?: string }[] } | null;
}

/** The recommendation records the API returns as JSON: read only the fields shown, whatever else they hold. */
function recommendations(value: unknown): { text: string; detail: string }[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: unknown) => {
    const r = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const text =
      typeof r['recommendation'] === 'string' ? r['recommendation'] : String(r['findingId'] ?? 'recommendation');
    const parts = [
      typeof r['severity'] === 'string' ? `severity ${r['severity']}` : null,
      typeof r['assetId'] === 'string' ? `on ${r['assetId'].split('/').at(-1) ?? r['assetId']}` : null,
      typeof r['scoreReduction'] === 'number' ? `score −${formatScore(r['scoreReduction'])}` : null,
    ].filter((p): p is string => p !== null);
    return { text, detail: parts.join(', ') };
  });
}

function recommendationList(title: string, value: unknown, none: string): HTMLElement[] {
  const items = recommendations(value);
  return [
    h('h3', {}, title),
    items.length === 0
      ? h('p', { class: 'muted' }, none)
      : h(
          'ul',
          {},
          items.map((r) => h('li', {}, r.text, r.detail ? h('span', { class: 'muted' }, ` — ${r.detail}`) : null)),
        ),
  ];
}

export async function renderPath(
  context: ViewContext,
  section: HTMLElement,
  id: string,
  setHeading: (text: string) => void,
): Promise<void> {
  const loaded = await loadInto(context, section, 'the attack path', () => graphql<{ attackPath: PathDetail | null }>(QUERY, { id }));
  if (!loaded) return;
  const path = loaded.data.attackPath;
  if (!path) {
    section.replaceChildren(
      h(
        'p',
        { class: 'empty', attrs: { role: 'alert' } },
        `No attack path with id ${id}: it may have gone after a new analysis.`,
      ),
    );
    return;
  }
  setHeading(`${path.rank}. ${path.name}`);
  const steps = path.steps;
  const detail = h('div', { class: 'step-detail', attrs: { 'aria-live': 'polite', id: 'step-detail' } });
  const buttons: HTMLButtonElement[] = [];
  let cy: cytoscape.Core | null = null;

  const show = (index: number, fromGraph: boolean) => {
    const step = steps[index];
    if (!step) return;
    buttons.forEach((b, i) => b.setAttribute('aria-pressed', String(i === index)));
    if (cy && !fromGraph) selectStep(cy, index);
    detail.replaceChildren(
      h('h3', {}, `Step ${index + 1}: ${step.name}`),
      h(
        'dl',
        {},
        h('dt', {}, 'Kind'),
        h('dd', {}, step.kind),
        h('dt', {}, 'Id'),
        h('dd', { class: 'url' }, step.id),
        step.kind === 'Internet' ? null : h('dt', {}, 'Asset page'),
        step.kind === 'Internet' ? null : h('dd', {}, link(assetHref(step.id), step.name)),
        h('dt', {}, 'Insights'),
        h('dd', {}, tags(step.insights)),
        h('dt', {}, 'Sensitivity labels'),
        h('dd', {}, tags(step.labels)),
      ),
    );
    if (fromGraph) buttons[index]?.focus();
  };

  const stepList = h(
    'ol',
    { class: 'steps', attrs: { 'aria-label': 'Steps of the path, internet first' } },
    steps.map((step, i) => {
      const button = h(
        'button',
        {
          attrs: { type: 'button', 'aria-pressed': 'false', 'aria-controls': 'step-detail' },
          on: { click: () => show(i, false) },
        },
        step.name,
      );
      buttons.push(button);
      return h(
        'li',
        { attrs: { 'data-step-id': step.id } },
        button,
        h('span', { class: 'muted' }, ` ${step.kind} `),
        // The internet is not an asset; every other step has its page (properties, insights, paths through it).
        step.kind === 'Internet'
          ? null
          : h(
              'a',
              { class: 'asset-link', attrs: { href: assetHref(step.id), 'aria-label': `Asset page of ${step.name} (${step.kind})` } },
              'asset page',
            ),
        ' ',
        step.insights.length ? tags(step.insights) : null,
      );
    }),
  );
  const canvas = h('div', {
    class: 'graph',
    attrs: {
      id: 'path-graph',
      role: 'img',
      'aria-label': `Graph of the ${steps.length} steps of this path, from ${steps[0]?.name ?? '?'} to ${steps.at(-1)?.name ?? '?'}. The list of steps beside it gives the same steps as text.`,
    },
  });
  const zoom = (factor: number) =>
    cy?.zoom({
      level: cy.zoom() * factor,
      renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 },
    });
  const controls = h(
    'div',
    { class: 'graph-controls', attrs: { role: 'group', 'aria-label': 'Graph view' } },
    h('button', { attrs: { type: 'button' }, on: { click: () => zoom(1.25) } }, 'Zoom in'),
    h('button', { attrs: { type: 'button' }, on: { click: () => zoom(0.8) } }, 'Zoom out'),
    h('button', { attrs: { type: 'button' }, on: { click: () => cy?.fit(undefined, 40) } }, 'Fit'),
  );

  section.replaceChildren(
    h(
      'dl',
      { class: 'summary' },
      h('dt', {}, 'Risk'),
      h('dd', {}, riskBadge(path.riskLevel), ` score ${formatScore(path.score)}`),
      h('dt', {}, 'Score'),
      h('dd', {}, path.formula ?? `exploitability ${path.exploitability ?? '?'} × impact ${path.impact ?? '?'}`),
      h('dt', {}, 'Anchored on'),
      h('dd', {}, path.anchor === 'gatewayBypass' ? 'a backend reached around its gateway' : 'an API endpoint'),
    ),
    h('h2', {}, 'Path'),
    h(
      'div',
      { class: 'path-view' },
      h('div', { class: 'graph-box' }, controls, canvas, graphLegend()),
      h('div', {}, stepList, detail),
    ),
    h('h2', {}, 'Risk factors'),
    table(
      'How each factor contributes to the score',
      ['Factor', 'Axis', 'Contribution', 'Why'],
      path.factors.map((f) => [f.factor, f.axis, formatScore(f.contribution), f.detail]),
    ),
    h('h2', {}, 'Fixes'),
    ...recommendationList(
      'Recommendations that break this path',
      path.breakingRecommendations,
      'None breaks it on its own.',
    ),
    ...recommendationList('Recommendations that reduce its risk', path.reducingRecommendations, 'None.'),
  );
  const edgeKinds = (path.details?.edges ?? []).map((e) => e.kind ?? '');
  cy = drawPathGraph(canvas, steps, (index) => show(index, true), edgeKinds);
  if (!cy)
    canvas.replaceChildren(h('p', { class: 'muted' }, 'The graph could not be drawn; the list of steps is complete.'));
}
