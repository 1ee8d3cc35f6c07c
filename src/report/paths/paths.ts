import { RISK_LEVELS } from '../../model/index.js';
import type { AttackPathRecord } from '../../analysis/paths/record.js';
import { csv, mdCell, textTable, truncate } from './text.js';

/** `paths --format json`: `{ "paths": [ AttackPathRecord, … ] }` in rank order (fields: see index.ts). */
export function renderPathsJson(paths: readonly AttackPathRecord[]): string {
  return `${JSON.stringify({ paths }, null, 2)}\n`;
}

const route = (p: AttackPathRecord) => `${p.entry.name} → ${p.target.name}`;

/** `paths --format table`: one line per path, riskiest first. */
export function renderPathsTable(
  paths: readonly AttackPathRecord[],
  options: { readonly nameWidth?: number } = {},
): string {
  if (paths.length === 0) return 'No attack paths.\n';
  const rows = paths.map((p) => [
    String(p.rank),
    p.riskLevel.toUpperCase(),
    p.score.toFixed(2),
    truncate(p.name, options.nameWidth ?? 72),
    route(p),
  ]);
  return `${textTable(['RANK', 'LEVEL', 'SCORE', 'NAME', 'ENTRY → TARGET'], rows)}\n`;
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
  ]);
  return csv(headers, rows);
}

function pathSection(p: AttackPathRecord): string[] {
  const lines = [
    `### ${p.rank}. ${p.name}`,
    '',
    `**${p.riskLevel}**, score **${p.score}** · \`${p.id}\``,
    '',
    p.steps.map((s) => `${s.name} (${s.kind})`).join(' → '),
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

/** `paths --format md`: counts by level, a ranked table, then each path with its factors and fixes. */
export function renderPathsMarkdown(paths: readonly AttackPathRecord[]): string {
  const counts = RISK_LEVELS.map((l) => `${paths.filter((p) => p.riskLevel === l).length} ${l}`).join(', ');
  const lines = ['# Attack paths', '', `${paths.length} paths: ${counts}.`, ''];
  if (paths.length === 0) return `${lines.join('\n')}\n`;
  lines.push(
    '| rank | level | score | name | entry → target |',
    '|---|---|---|---|---|',
    ...paths.map((p) => `| ${p.rank} | ${p.riskLevel} | ${p.score} | ${mdCell(p.name)} | ${mdCell(route(p))} |`),
    '',
    '## Paths',
    '',
    ...paths.flatMap(pathSection),
  );
  return lines.join('\n');
}
