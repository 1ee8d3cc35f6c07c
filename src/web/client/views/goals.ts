import { ApiRequestError, graphql } from '../api.js';
import { formatScore, h, link } from '../dom.js';
import { assetHref } from '../routes.js';
import { errorBox, loadInto, type ViewContext } from './common.js';

const QUERY = `query Goals {
  postureGoals {
    policy passed postureScore
    goals { id type description passed enforce weight compliance summary offenders { id kind name detail } }
  }
}`;

interface GoalsData {
  readonly postureGoals: {
    readonly policy: string;
    readonly passed: boolean;
    readonly postureScore: number;
    readonly goals: readonly {
      readonly id: string;
      readonly type: string;
      readonly description: string;
      readonly passed: boolean;
      readonly enforce: boolean;
      readonly weight: number;
      readonly compliance: number;
      readonly summary: string;
      readonly offenders: readonly { id: string; kind: string; name: string; detail: string }[];
    }[];
  };
}

export async function renderGoals(context: ViewContext, section: HTMLElement): Promise<void> {
  const loaded = await loadInto(context, section, 'the posture goals', () => graphql<GoalsData>(QUERY), {
    // No policy is a normal state of a server, not a failure: say how to set one.
    failure: (error) =>
      error instanceof ApiRequestError && error.code === 'NOT_FOUND'
        ? h(
            'p',
            { class: 'empty' },
            'This server has no posture goals policy. Start it with `apiposture serve --policy FILE` (see examples/goals.yaml) to see the goals here.',
          )
        : errorBox(error),
  });
  if (!loaded) return;
  const data = loaded.data;
  const g = data.postureGoals;
  const body = h('tbody');
  for (const goal of g.goals) {
    const offenders =
      goal.offenders.length === 0
        ? h('span', { class: 'muted' }, 'none')
        : h(
            'details',
            {},
            h('summary', {}, `${goal.offenders.length} offender${goal.offenders.length === 1 ? '' : 's'}`),
            h(
              'ul',
              {},
              goal.offenders.map((o) => h('li', {}, link(assetHref(o.id), o.name), ` (${o.kind}): ${o.detail}`)),
            ),
          );
    body.appendChild(
      h(
        'tr',
        {},
        h('th', { attrs: { scope: 'row' } }, goal.description),
        h('td', {}, h('span', { class: goal.passed ? 'pass' : 'fail' }, goal.passed ? 'met' : 'not met')),
        h('td', {}, goal.enforce ? 'enforced' : 'advisory'),
        h('td', {}, `${formatScore(goal.compliance * 100)} %`),
        h('td', {}, goal.summary),
        h('td', {}, offenders),
      ),
    );
  }
  section.replaceChildren(
    h(
      'p',
      { class: 'lead' },
      `Posture score ${formatScore(g.postureScore)} / 100 — `,
      h(
        'span',
        { class: g.passed ? 'pass' : 'fail' },
        g.passed ? 'every enforced goal is met' : 'an enforced goal is not met',
      ),
      h('span', { class: 'muted' }, ` (policy ${g.policy})`),
    ),
    h(
      'table',
      { class: 'data' },
      h('caption', {}, 'Posture goals'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Goal', 'Status', 'Enforcement', 'Compliance', 'Summary', 'Offenders'].map((t) =>
            h('th', { attrs: { scope: 'col' } }, t),
          ),
        ),
      ),
      body,
    ),
  );
}
