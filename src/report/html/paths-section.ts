import type { AttackPathRecord } from '../../analysis/paths/record.js';
import type { PathRecommendation } from '../../analysis/recommendations/links.js';
import { html, raw, type Markup } from './escape.js';
import { pathChain } from '../paths/chain.js';
import { renderPathDiagram } from './path-diagram.js';

const levelBadge = (level: string) => html`<span class="level ${level.toLowerCase()}">${level}</span>`;


/** Every path in rank order with its whole chain (paths of one family share a name); the ones drawn below link to their diagram. */
export function renderPathsTableHtml(paths: readonly AttackPathRecord[], drawn: number): Markup {
  if (paths.length === 0) return html`<p>No attack paths.</p>`;
  const rows = paths.map(
    (p) =>
      html`<tr class="path-row" data-rank="${p.rank}" data-path-id="${p.id}"><td class="num">${p.rank}</td><td>${levelBadge(p.riskLevel)}</td><td class="num">${p.score.toFixed(2)}</td><td>${p.rank <= drawn ? html`<a href="#path-${p.rank}">${p.name}</a>` : p.name}</td><td>${pathChain(p)}</td></tr>`,
  );
  return html`<table class="paths"><caption>Attack paths, riskiest first</caption><thead><tr><th scope="col">Rank</th><th scope="col">Level</th><th scope="col">Score</th><th scope="col">Name</th><th scope="col">Chain</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function recommendationList(title: string, recs: readonly PathRecommendation[], reducing: boolean): Markup {
  if (recs.length === 0) return raw('');
  const items = recs.map(
    (r) =>
      html`<li>${r.recommendation} <span class="muted">(${r.severity})</span> on <code>${r.assetId}</code>${reducing && r.scoreReduction !== undefined ? html` <span class="muted">−${r.scoreReduction}</span>` : raw('')}</li>`,
  );
  return html`<h4>${title}</h4><ul>${items}</ul>`;
}

/** One drawn path: the diagram, why it scores what it scores, and the fixes that break or weaken it. */
export function renderPathArticle(p: AttackPathRecord): Markup {
  const factors = p.factors.map(
    (f) => html`<tr><td>${f.factor}</td><td>${f.axis}</td><td>${f.contribution}</td><td>${f.detail}</td></tr>`,
  );
  return html`<article class="path" id="path-${p.rank}" data-rank="${p.rank}" data-path-id="${p.id}" data-steps="${p.steps.length}" aria-labelledby="path-${p.rank}-heading">
<h3 id="path-${p.rank}-heading">${p.rank}. ${p.name}</h3>
<p>${levelBadge(p.riskLevel)} score <strong>${p.score}</strong> · <code>${p.id}</code></p>
<div class="diagram">${renderPathDiagram(p)}</div>
<table class="factors"><caption>Risk factors</caption><thead><tr><th scope="col">Factor</th><th scope="col">Axis</th><th scope="col">Contribution</th><th scope="col">Why</th></tr></thead><tbody>${factors}<tr><td>(impact base)</td><td>impact</td><td>${p.impactBase}</td><td>reaching a target</td></tr></tbody></table>
<p>Score: <span class="formula">${p.formula}</span></p>
${recommendationList('Breaks the path', p.breakingRecommendations, false)}
${recommendationList('Reduces its risk', p.reducingRecommendations, true)}
</article>`;
}

/** The paths section: the ranked table, then the top `drawn` paths each with its diagram. */
export function renderPathsSection(paths: readonly AttackPathRecord[], drawn: number): Markup {
  const top = paths.slice(0, drawn);
  return html`<section id="paths" aria-labelledby="paths-heading"><h2 id="paths-heading">Attack paths</h2>
<p>${paths.length} attack paths from the internet to APIs and data.${paths.length > drawn ? ` The ${drawn} riskiest are drawn below.` : ''}</p>
${renderPathsTableHtml(paths, drawn)}
${top.map(renderPathArticle)}
</section>`;
}
