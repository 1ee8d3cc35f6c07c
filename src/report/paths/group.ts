import type { AttackPathRecord } from '../../analysis/paths/record.js';
import { assertNever } from '../../model/index.js';
import { pathChain } from './chain.js';
import { textTable, type TableOptions } from './text.js';

/** What `paths --group-by` collapses on: many paths usually come from a few root causes. */
export const GROUP_BY = ['endpoint', 'target', 'fix'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface PathGroup {
  readonly key: string;
  /** The shared part in words: the entry endpoint's chain, the target, or the fix and where it applies. */
  readonly label: string;
  /** Riskiest first (the paths' own rank order). */
  readonly paths: readonly AttackPathRecord[];
}

/** The entry endpoint: the path's first API operation, or its first step after the internet (a bypassed backend). */
function entryEndpoint(path: AttackPathRecord): { key: string; label: string } {
  const index = path.steps.findIndex((s) => s.kind === 'ApiEndpoint');
  const end = index >= 0 ? index : Math.min(1, path.steps.length - 1);
  return { key: path.steps[end]!.id, label: pathChain({ steps: path.steps.slice(0, end + 1) }) };
}

function breakingFix(path: AttackPathRecord): { key: string; label: string } {
  const fix = path.breakingRecommendations[0];
  if (!fix) return { key: '', label: '(no single fix breaks these paths; see their reducing recommendations)' };
  const asset = path.steps.find((s) => s.id === fix.assetId)?.name ?? fix.assetId;
  return { key: `${fix.recommendationId}|${fix.assetId}`, label: `${fix.recommendation} — on ${asset}` };
}

function keyOf(path: AttackPathRecord, by: GroupBy): { key: string; label: string } {
  switch (by) {
    case 'endpoint':
      return entryEndpoint(path);
    case 'target':
      return { key: path.target.id, label: `${path.target.name} (${path.target.kind})` };
    case 'fix':
      return breakingFix(path);
    default:
      return assertNever(by, 'group-by');
  }
}

/** Paths grouped, the group holding the riskiest path first; groups keep the paths' rank order. */
export function groupPaths(paths: readonly AttackPathRecord[], by: GroupBy): PathGroup[] {
  const groups = new Map<string, { key: string; label: string; paths: AttackPathRecord[] }>();
  for (const path of [...paths].sort((a, b) => a.rank - b.rank)) {
    const { key, label } = keyOf(path, by);
    const group = groups.get(key);
    if (group) group.paths.push(path);
    else groups.set(key, { key, label, paths: [path] });
  }
  return [...groups.values()];
}

export function renderPathGroupsTable(groups: readonly PathGroup[], by: GroupBy, options: TableOptions = {}): string {
  if (groups.length === 0) return 'No attack paths.\n';
  const rows = groups.map((g) => {
    const top = g.paths[0]!;
    return [String(g.paths.length), `${top.riskLevel.toUpperCase()} ${top.score.toFixed(2)}`, g.paths.map((p) => p.rank).join(','), g.label];
  });
  const total = groups.reduce((n, g) => n + g.paths.length, 0);
  return `${textTable(['PATHS', 'TOP RISK', 'RANKS', by.toUpperCase()], rows, { shrinkFirst: [2], ...options })}\n\n${total} paths in ${groups.length} groups by ${by}.\n`;
}

/** `paths --group-by … --format json`: `{ "groupBy", "groups": [ { key, label, count, paths: [ids] } ] }`. */
export function renderPathGroupsJson(groups: readonly PathGroup[], by: GroupBy): string {
  const out = groups.map((g) => ({ key: g.key, label: g.label, count: g.paths.length, topScore: g.paths[0]?.score ?? 0, paths: g.paths.map((p) => p.id) }));
  return `${JSON.stringify({ groupBy: by, groups: out }, null, 2)}\n`;
}
