import { RISK_LEVELS } from '../../model/index.js';
import type { AttackPathRecord } from '../../analysis/paths/record.js';
import { pathChain, wrapChain } from './chain.js';
import { csv, mdCell, textTableWithDetails, type TableOptions } from './text.js';

/** `paths --format json`: `{ "paths": [ AttackPathRecord, … ] }` in rank order (fields: see index.ts). */
export function renderPathsJson(paths: readonly AttackPathRecord[]): string {
  return `${JSON.stringify({ paths }, null, 2)}\n`;
}

/**
 * `paths --format table`: per path, riskiest first, a line with its id, rank, risk and factors, then its
 * whole chain beneath it (wrapped at the arrows to `width`, never cut: two paths from the same gateway to the
 * same store differ in the endpoint between them).
 */
export function renderPathsTable(paths: readonly AttackPathRecord[], options: TableOptions = {}): string {
  if (paths.length === 0) return 'No attack paths.\n';
  const rows = paths.map((p) => ({
    cells: [p.id, String(p.rank), `${p.riskLevel.toUpperCase()} ${p.score.toFixed(2)}`, p.riskFactors.join(', ')],
    details: wrapChain(pathChain(p), options.width, '    '),
  }));
  return `${textTableWithDetails(['ID', 'RANK', 'RISK', 'FACTORS'], rows, { keep: [0, 1, 2], ...options })}\n`;
}

/** `paths --format csv`: one row per path; list cells joined with "; ", steps with " > ". */
export function renderPathsCsv(paths: readonly AttackPathRecord[]): string {
  const headers = [
    'rank',
    'id',
    'riskLevel',
    'score',
    'name',
    'family',
    'entryId',
    'targetId',
    'riskFactors',
    'steps',
    'breakingRecommendations',
    'reducingRecommendations',
    'chain',
  ];
  const rows = paths.map((p) => [
    p.rank,
    p.id,
    p.riskLevel,
    p.score,
    p.name,
    p.family,
    p.entry.id,
    p.target.id,
    p.riskFactors.join('; '),
    p.steps.map((s) => s.id).join(' > '),
    p.breakingRecommendations.map((r) => `${r.recommendation} (${r.assetId})`).join('; '),
    p.reducingRecommendations.map((r) => `${r.recommendation} (${r.assetId})`).join('; '),
    pathChain(p),
  ]);
  return csv(headers, rows);
}

function pathSection(p: AttackPathRecord, depth: number): string[] {
  const lines = [
    `${'#'.repeat(depth)} ${p.rank}. ${p.name}`,
    '',
    `**${p.riskLevel}**, score **${p.score}** · \`${p.id}\``,
    '',
    mdCell(pathChain(p)),
    '',
    '| factor | axis | contribution | why |',
    '|---|---|---|---|',
    ...p.factors.map((f) => `| ${f.factor} | ${f.axis} | ${f.contribution} | ${mdCell(f.detail)} |`),
    `| (impact base) | impact | ${p.impactBase} | reaching a target |`,
    '',
    `Score: \`${p.formula}\``,
  ];
  if (p.breakingRecommendations.length) {
    lines.push(
      '',
      'Breaks the path:',
      ...p.breakingRecommendations.map((r) => `- ${r.recommendation} — \`${r.assetId}\``),
    );
  }
  if (p.reducingRecommendations.length) {
    lines.push(
      '',
      'Reduces its risk:',
      ...p.reducingRecommendations.map((r) => `- ${r.recommendation} — \`${r.assetId}\` (−${r.scoreReduction ?? 0})`),
    );
  }
  return [...lines, ''];
}

/**
 * `paths --format md`: counts by level, a ranked GFM table, then each path with its factors and fixes.
 * `depth` is the heading level of the title (1 alone, 2 inside the posture report), so sections nest properly.
 */
export function renderPathsMarkdown(paths: readonly AttackPathRecord[], options: { readonly depth?: number } = {}): string {
  const depth = options.depth ?? 1;
  const counts = RISK_LEVELS.map((l) => `${paths.filter((p) => p.riskLevel === l).length} ${l}`).join(', ');
  const lines = [`${'#'.repeat(depth)} Attack paths`, '', `${paths.length} paths: ${counts}.`, ''];
  if (paths.length === 0) return `${lines.join('\n')}\n`;
  // Concatenated, not spread into push: a large estate has tens of thousands of paths and hundreds of thousands of
  // lines, more arguments than one call can take.
  return lines
    .concat(
      '| rank | risk | path | chain | factors |',
      '|---:|---|---|---|---|',
      paths.map((p) => `| ${p.rank} | ${p.riskLevel} ${p.score} | \`${p.id}\` | ${mdCell(pathChain(p))} | ${p.riskFactors.join(', ')} |`),
      '',
      `${'#'.repeat(depth + 1)} Paths`,
      '',
      paths.flatMap((p) => pathSection(p, depth + 2)),
    )
    .join('\n');
}
