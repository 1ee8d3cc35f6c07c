import type { Command } from 'commander';
import type { AnalysisOptions, AnalysisSummary } from '../../analysis/analyze.js';
import { loadRiskWeights } from '../../analysis/risk/index.js';
import { ConfigError } from '../../util/errors.js';
import { renderTable } from '../format.js';

export function formatAnalysisSummary(summary: AnalysisSummary): string {
  const lines = ['', 'Analysis:'];
  const derived = Object.entries(summary.derivedEdges);
  lines.push(`  derived ${derived.map(([k, n]) => `${n} ${k}`).join(', ') || 'no edges'}${summary.externalHosts ? `; ${summary.externalHosts} backend host(s) outside the estate` : ''}`);
  const insights = Object.entries(summary.insights).sort(([a], [b]) => (a < b ? -1 : 1));
  if (insights.length) lines.push('', renderTable(['insight', 'assets'], insights.map(([k, n]) => [k, String(n)])));
  const paths = Object.entries(summary.paths);
  lines.push('', `Attack paths: ${paths.length ? paths.map(([level, n]) => `${n} ${level}`).join(', ') : 'none'}; ${summary.findings} findings.`);
  for (const note of summary.searchNotes) lines.push(`  note: ${note}`);
  if (summary.problems.length) lines.push(`  ${summary.problems.length} warning(s): policies, fragments or named values that could not be read or resolved; the rest of the analysis went on`);
  for (const p of summary.problems.slice(0, 10)) lines.push(`  warning: ${p.assetId}: ${p.problem}`);
  if (summary.problems.length > 10) lines.push(`  … and ${summary.problems.length - 10} more warnings`);
  return lines.join('\n');
}

/** Analysis settings from the command line, checked once. */
export async function analysisOptions(flags: { inactiveDays?: string; riskModel?: string }): Promise<AnalysisOptions> {
  let inactiveDays: number | undefined;
  if (flags.inactiveDays !== undefined) {
    inactiveDays = Number(flags.inactiveDays);
    if (!Number.isInteger(inactiveDays) || inactiveDays < 1 || inactiveDays > 3650) throw new ConfigError('--inactive-days must be a whole number of days from 1 to 3650');
  }
  return {
    ...(inactiveDays !== undefined ? { inactiveDays } : {}),
    ...(flags.riskModel ? { weights: await loadRiskWeights(flags.riskModel) } : {}),
  };
}

/** Adds the analysis options to a command. */
export function withAnalysisOptions(command: Command): Command {
  return command
    .option('--inactive-days <n>', 'days without calls (before the end of the logs) after which an endpoint is Inactive', '30')
    .option('--risk-model <file>', 'risk weights overriding the defaults (YAML or JSON, see docs/risk-model.md)');
}
