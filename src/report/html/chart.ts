import { RISK_LEVELS, type RiskLevel } from '../../model/index.js';
import { html, type Markup } from './escape.js';

/** Risk level colours: white text on each keeps above 4.5:1 contrast (WCAG AA). */
export const LEVEL_COLORS: Record<RiskLevel, string> = {
  critical: '#a4161a',
  high: '#b3430b',
  medium: '#7a5900',
  low: '#2b6a3a',
};

export function countByLevel(levels: readonly string[]): Record<RiskLevel, number> {
  const counts: Record<RiskLevel, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const l of levels) {
    const level = l.toLowerCase() as RiskLevel;
    if (level in counts) counts[level] += 1;
  }
  return counts;
}

/** Horizontal bars, one per risk level, with the count written beside each bar (not only its length). */
export function renderRiskChart(counts: Record<RiskLevel, number>, subject: string): Markup {
  const rowH = 30;
  const labelW = 80;
  const barMax = 360;
  const width = labelW + barMax + 60;
  const height = RISK_LEVELS.length * rowH + 10;
  const max = Math.max(1, ...RISK_LEVELS.map((l) => counts[l]));
  const summary = RISK_LEVELS.map((l) => `${counts[l]} ${l}`).join(', ');
  const rows = RISK_LEVELS.map((level, i) => {
    const y = 5 + i * rowH;
    const w = Math.round((counts[level] / max) * barMax);
    return html`<g class="bar" data-level="${level}" data-count="${counts[level]}"><text x="${labelW - 8}" y="${y + 18}" text-anchor="end" font-size="13" fill="#1a1a1a">${level}</text><rect x="${labelW}" y="${y + 4}" width="${Math.max(w, 1)}" height="${rowH - 10}" rx="3" fill="${LEVEL_COLORS[level]}"/><text x="${labelW + Math.max(w, 1) + 6}" y="${y + 18}" font-size="13" fill="#1a1a1a">${counts[level]}</text></g>`;
  });
  return html`<svg class="risk-chart" role="img" aria-labelledby="risk-chart-title risk-chart-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif"><title id="risk-chart-title">${subject} by risk level</title><desc id="risk-chart-desc">${summary}</desc>${rows}</svg>`;
}
