import type { AnalysisSummary } from '../../analysis/analyze.js';
import { renderTable } from '../format.js';

export function formatAnalysisSummary(summary: AnalysisSummary): string {
  const lines = ['', 'Analysis:'];
  const derived = Object.entries(summary.derivedEdges);
  lines.push(`  derived ${derived.map(([k, n]) => `${n} ${k}`).join(', ') || 'no edges'}${summary.externalHosts ? `; ${summary.externalHosts} backend host(s) outside the estate` : ''}`);
  const insights = Object.entries(summary.insights).sort(([a], [b]) => (a < b ? -1 : 1));
  if (insights.length) lines.push('', renderTable(['insight', 'assets'], insights.map(([k, n]) => [k, String(n)])));
  for (const p of summary.problems.slice(0, 10)) lines.push(`  warning: ${p.assetId}: ${p.problem}`);
  if (summary.problems.length > 10) lines.push(`  … and ${summary.problems.length - 10} more warnings`);
  return lines.join('\n');
}
