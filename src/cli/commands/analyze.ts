import type { Command } from 'commander';
import type { AnalysisOptions, AnalysisSummary } from '../../analysis/analyze.js';
import { loadRiskModel } from '../../analysis/risk/index.js';
import { UsageError } from '../../util/errors.js';
import { renderTable } from '../format.js';
import { compareIds } from '../../util/order.js';

export function formatAnalysisSummary(summary: AnalysisSummary): string {
  const lines = ['', 'Analysis:'];
  const derived = Object.entries(summary.derivedEdges);
  lines.push(`  derived ${derived.map(([k, n]) => `${n} ${k}`).join(', ') || 'no edges'}${summary.externalHosts ? `; ${summary.externalHosts} backend host(s) outside the estate` : ''}`);
  const insights = Object.entries(summary.insights).sort(([a], [b]) => compareIds(a, b));
  if (insights.length) lines.push('', renderTable(['insight', 'assets'], insights.map(([k, n]) => [k, String(n)])));
  const paths = Object.entries(summary.paths);
  lines.push('', `Attack paths: ${paths.length ? paths.map(([level, n]) => `${n} ${level}`).join(', ') : 'none'}; ${summary.findings} findings.`);
  for (const note of summary.searchNotes) lines.push(`  note: ${note}`);
  if (summary.problems.length) lines.push(`  ${summary.problems.length} warning(s): policies, fragments or named values that could not be read or resolved; the rest of the analysis went on`);
  for (const p of summary.problems.slice(0, 10)) lines.push(`  warning: ${p.assetId}: ${p.problem}`);
  if (summary.problems.length > 10) lines.push(`  … and ${summary.problems.length - 10} more warnings`);
  return lines.join('\n');
}

function wholeNumber(flag: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max}, not "${text}"`);
  return n;
}

export interface AnalysisFlags {
  readonly inactiveDays?: string;
  readonly riskModel?: string;
  readonly maxPaths?: string;
  readonly maxPathsPerPair?: string;
}

/** Analysis settings from the command line, checked once; flags win over the risk model file's search limits. */
export async function analysisOptions(flags: AnalysisFlags): Promise<AnalysisOptions> {
  const inactiveDays = wholeNumber('--inactive-days', flags.inactiveDays, 3650);
  const maxPaths = wholeNumber('--max-paths', flags.maxPaths, 10_000_000);
  const maxPathsPerPair = wholeNumber('--max-paths-per-pair', flags.maxPathsPerPair, 100_000);
  const model = flags.riskModel ? await loadRiskModel(flags.riskModel) : undefined;
  const limits = { ...model?.search, ...(maxPaths !== undefined ? { maxPaths } : {}), ...(maxPathsPerPair !== undefined ? { maxPathsPerPair } : {}) };
  return {
    ...(inactiveDays !== undefined ? { inactiveDays } : {}),
    ...(model ? { weights: model.weights } : {}),
    ...limits,
  };
}

/** Adds the analysis options to a command. */
export function withAnalysisOptions(command: Command): Command {
  return command
    .option('--inactive-days <n>', 'days without calls (before the end of the logs) after which an endpoint is Inactive', '30')
    .option('--risk-model <file>', 'risk weights and path limits overriding the defaults (YAML or JSON, see docs/risk-model.md)')
    .option('--max-paths <n>', 'most attack paths kept in all (default 10000)')
    .option('--max-paths-per-pair <n>', 'most attack paths kept per entry and target (default 25)');
}
