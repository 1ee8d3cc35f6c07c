import { graphql } from '../api.js';
import { formatScore, h, table } from '../dom.js';
import { loadInto, type ViewContext } from './common.js';

const QUERY = `query Remediation {
  chokePoints(first: 10) {
    id fixKind assetName assetKind effect recommendation severity riskRemoved criticalRiskRemoved
    pathsBroken pathsReduced { pathId }
  }
  remediationPlan(maxFixes: 10) {
    totalRisk totalCriticalRisk remainingRisk summary
    steps {
      order riskRemoved pathsBroken pathsReduced cumulativeRiskPercent cumulativeCriticalPercent
      fix { id fixKind assetName assetKind effect recommendation severity }
    }
  }
}`;

interface FixFields {
  readonly id: string;
  readonly fixKind: string;
  readonly assetName: string;
  readonly assetKind: string;
  readonly effect: string;
  readonly recommendation: string | null;
  readonly severity: string | null;
}

interface RemediationData {
  readonly chokePoints: readonly (FixFields & {
    readonly riskRemoved: number;
    readonly criticalRiskRemoved: number;
    readonly pathsBroken: readonly string[];
    readonly pathsReduced: readonly { pathId: string }[];
  })[];
  readonly remediationPlan: {
    readonly totalRisk: number;
    readonly totalCriticalRisk: number;
    readonly remainingRisk: number;
    readonly summary: string;
    readonly steps: readonly {
      readonly order: number;
      readonly riskRemoved: number;
      readonly pathsBroken: number;
      readonly pathsReduced: number;
      readonly cumulativeRiskPercent: number;
      readonly cumulativeCriticalPercent: number;
      readonly fix: FixFields;
    }[];
  };
}

const EFFECTS: Readonly<Record<string, string>> = {
  removeNode: 'removes the asset from the paths',
  removeReachFromInternet: 'cuts reach from the internet',
  removePermissions: 'removes data permissions',
  clearInsight: 'clears the weakness',
  isolateAsset: 'takes the asset out of every path',
};

function fixText(fix: FixFields): HTMLElement {
  const effect = EFFECTS[fix.effect] ?? fix.effect;
  // A recommendation names what to do, the asset says where; an asset fix is the asset itself.
  if (fix.recommendation)
    return h(
      'span',
      {},
      fix.recommendation,
      h('span', { class: 'muted' }, ` — ${fix.assetName} (${fix.assetKind}), ${effect}`),
    );
  return h('span', {}, `Isolate ${fix.assetName}`, h('span', { class: 'muted' }, ` (${fix.assetKind}) — ${effect}`));
}

export async function renderRemediation(context: ViewContext, section: HTMLElement): Promise<void> {
  const loaded = await loadInto(context, section, 'choke points and the remediation plan', () =>
    graphql<RemediationData>(QUERY),
  );
  if (!loaded) return;
  const data = loaded.data;
  const plan = data.remediationPlan;
  section.replaceChildren(
    h('h2', {}, 'Choke points'),
    data.chokePoints.length === 0
      ? h('p', { class: 'empty' }, 'No choke points: there are no attack paths to break.')
      : table(
          'The fixes that remove the most risk on their own',
          ['Fix', 'Severity', 'Risk removed', 'Critical risk removed', 'Paths broken', 'Paths reduced'],
          data.chokePoints.map((c) => [
            fixText(c),
            c.severity ?? '—',
            formatScore(c.riskRemoved),
            formatScore(c.criticalRiskRemoved),
            String(c.pathsBroken.length),
            String(c.pathsReduced.length),
          ]),
        ),
    h('h2', {}, 'Remediation plan'),
    h('p', { class: 'lead' }, plan.summary),
    h(
      'p',
      { class: 'muted' },
      `Total risk ${formatScore(plan.totalRisk)} (critical ${formatScore(plan.totalCriticalRisk)}); ${formatScore(plan.remainingRisk)} remains after these fixes.`,
    ),
    plan.steps.length === 0
      ? h('p', { class: 'empty' }, 'Nothing to fix.')
      : table(
          'Fixes in order, the one removing the most remaining risk first',
          [
            'Order',
            'Fix',
            'Risk removed',
            'Paths broken',
            'Paths reduced',
            'Risk removed so far',
            'Critical risk removed so far',
          ],
          plan.steps.map((s) => [
            String(s.order),
            fixText(s.fix),
            formatScore(s.riskRemoved),
            String(s.pathsBroken),
            String(s.pathsReduced),
            `${formatScore(s.cumulativeRiskPercent)} %`,
            `${formatScore(s.cumulativeCriticalPercent)} %`,
          ]),
        ),
  );
}
