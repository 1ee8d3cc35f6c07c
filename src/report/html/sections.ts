import type { ChokePoint } from '../../analysis/chokepoints/rank.js';
import type { RemediationPlan } from '../../analysis/chokepoints/plan.js';
import type { Fix } from '../../analysis/chokepoints/fixes.js';
import type { GoalsEvaluation } from '../../analysis/goals/types.js';
import type { AttackPathRecord } from '../../analysis/paths/record.js';
import { displayNameOf, RISK_LEVELS } from '../../model/index.js';
import type { FindingView } from '../paths/findings.js';
import { countByLevel, renderRiskChart } from './chart.js';
import { html, raw, type Markup } from './escape.js';

const fixText = (f: Fix) =>
  f.kind === 'recommendation' ? (f.recommendation ?? f.recommendationId ?? '') : 'Isolate the asset (every path through it breaks)';

export interface TopRecommendation {
  readonly text: string;
  readonly assetName: string;
  readonly detail: string;
}

/** The plan's first fixes; without a plan, the recommendations that break the most paths. */
export function topRecommendations(paths: readonly AttackPathRecord[], plan: RemediationPlan | undefined, limit = 5): TopRecommendation[] {
  if (plan) {
    return plan.steps.slice(0, limit).map((s) => ({
      text: fixText(s.fix),
      assetName: s.fix.assetName,
      detail: `breaks ${s.pathsBroken} paths, reduces ${s.pathsReduced}; ${s.cumulativeRiskPercent} % of all risk removed so far`,
    }));
  }
  const byKey = new Map<string, { text: string; assetId: string; name: string; count: number }>();
  for (const p of paths) {
    for (const r of p.breakingRecommendations) {
      const key = `${r.recommendationId}|${r.assetId}`;
      // The asset's display name as the path's step carries it (Azure's casing, `<owner> (system-assigned)`).
      const name = displayNameOf(r.assetId, p.steps.find((s) => s.id === r.assetId)?.name);
      const entry = byKey.get(key) ?? { text: r.recommendation, assetId: r.assetId, name, count: 0 };
      entry.count += 1;
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()]
    .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1))
    .slice(0, limit)
    .map((e) => ({ text: e.text, assetName: e.name, detail: `breaks ${e.count} paths` }));
}

export interface SummaryInput {
  readonly paths: readonly AttackPathRecord[];
  readonly findings?: readonly FindingView[];
  readonly postureScore?: number;
  readonly recommendations: readonly TopRecommendation[];
}

export function renderSummary(input: SummaryInput): Markup {
  const counts = countByLevel(input.paths.map((p) => p.riskLevel));
  const cards = RISK_LEVELS.map(
    (l) => html`<li class="card level-${l}" data-level="${l}"><span class="value">${counts[l]}</span>${l} paths</li>`,
  );
  const extra = [
    input.postureScore !== undefined ? html`<li class="card" id="posture-score"><span class="value">${input.postureScore}/100</span>posture score</li>` : raw(''),
    input.findings ? html`<li class="card"><span class="value">${input.findings.length}</span>findings</li>` : raw(''),
  ];
  const recs = input.recommendations.map((r) => html`<li><strong>${r.text}</strong> on ${r.assetName} <span class="muted">(${r.detail})</span></li>`);
  return html`<section id="summary" aria-labelledby="summary-heading"><h2 id="summary-heading">Executive summary</h2>
<ul class="cards">${cards}${extra}</ul>
<h3>Risk distribution</h3>
${renderRiskChart(counts, 'Attack paths')}
<h3>Top recommendations</h3>
${recs.length ? html`<ol class="top-recommendations">${recs}</ol>` : html`<p>Nothing to fix: no attack path has a breaking recommendation.</p>`}
</section>`;
}

export function renderPlanSection(plan: RemediationPlan, chokePoints: readonly ChokePoint[]): Markup {
  const steps = plan.steps.map(
    (s) =>
      html`<tr><td class="num">${s.order}</td><td>${fixText(s.fix)}</td><td>${s.fix.assetName}</td><td class="num">${s.pathsBroken}</td><td class="num">${s.cumulativeCriticalPercent} %</td><td class="num">${s.cumulativeRiskPercent} %</td></tr>`,
  );
  const points = chokePoints.map(
    (c, i) =>
      html`<tr><td class="num">${i + 1}</td><td>${fixText(c)}</td><td>${c.assetName}</td><td class="num">${c.riskRemoved.toFixed(2)}</td><td class="num">${c.pathsBroken.length}</td><td class="num">${c.pathsReduced.length}</td></tr>`,
  );
  return html`<section id="plan" aria-labelledby="plan-heading"><h2 id="plan-heading">Remediation plan</h2>
<p>${plan.summary}</p>
${steps.length ? html`<table class="plan"><caption>Fixes in order</caption><thead><tr><th scope="col">#</th><th scope="col">Fix</th><th scope="col">Asset</th><th scope="col">Paths broken</th><th scope="col">Critical risk removed</th><th scope="col">All risk removed</th></tr></thead><tbody>${steps}</tbody></table>` : raw('')}
<h3 id="choke-points">Choke points</h3>
${points.length ? html`<table class="choke-points"><caption>Fixes that remove the most risk at once</caption><thead><tr><th scope="col">#</th><th scope="col">Fix</th><th scope="col">Asset</th><th scope="col">Risk removed</th><th scope="col">Breaks</th><th scope="col">Reduces</th></tr></thead><tbody>${points}</tbody></table>` : html`<p>No choke points.</p>`}
</section>`;
}

function evidenceOf(f: FindingView): Markup {
  if (f.evidence === null && f.remediation.length === 0) return raw('');
  const steps = f.remediation.map((r) => html`<li>${r}</li>`);
  return html`<details><summary>Evidence and remediation</summary>${steps.length ? html`<ol>${steps}</ol>` : raw('')}${f.evidence === null ? raw('') : html`<pre>${JSON.stringify(f.evidence, null, 2)}</pre>`}</details>`;
}

export function renderFindingsSection(findings: readonly FindingView[]): Markup {
  const rows = findings.map(
    (f) =>
      html`<tr class="finding" data-finding-id="${f.id}"><td><span class="level ${f.severity.toLowerCase()}">${f.severity}</span></td><td>${f.recommendation}${evidenceOf(f)}</td><td>${f.assetName ?? ''} <span class="muted">(${f.assetKind ?? 'asset'})</span><br><code>${f.assetId}</code></td><td>${f.insight ?? '(attack paths)'}</td></tr>`,
  );
  return html`<section id="findings" aria-labelledby="findings-heading"><h2 id="findings-heading">Findings</h2>
${rows.length ? html`<table class="findings"><caption>${findings.length} recommendations per asset</caption><thead><tr><th scope="col">Severity</th><th scope="col">Recommendation</th><th scope="col">Asset</th><th scope="col">Insight</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>No findings.</p>`}
</section>`;
}

export function renderGoalsSection(evaluation: GoalsEvaluation, maxOffenders = 10): Markup {
  const rows = evaluation.goals.map((g) => {
    const status = g.passed ? 'pass' : g.enforce ? 'fail' : 'warn';
    const offenders = g.offenders.slice(0, maxOffenders).map((o) => html`<li>${o.name} (${o.kind}): ${o.detail}</li>`);
    const more = g.offenders.length > maxOffenders ? html`<li>… and ${g.offenders.length - maxOffenders} more</li>` : raw('');
    return html`<tr class="goal" data-goal="${g.id}" data-status="${status}"><td><span class="status ${status}">${status.toUpperCase()}</span></td><td><strong>${g.id}</strong>: ${g.description}</td><td>${g.summary}${offenders.length ? html`<ul>${offenders}${more}</ul>` : raw('')}</td></tr>`;
  });
  const verdict = evaluation.passed ? 'All enforced goals are met.' : 'At least one enforced goal fails.';
  return html`<section id="goals" aria-labelledby="goals-heading"><h2 id="goals-heading">Posture goals</h2>
<p>Posture score <strong>${evaluation.postureScore}/100</strong>. ${verdict}</p>
<table class="goals"><caption>Goals</caption><thead><tr><th scope="col">Status</th><th scope="col">Goal</th><th scope="col">Measured</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}
