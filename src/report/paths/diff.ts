import type { FindingSummary, PathSummary, ScanDiff } from '../../analysis/diff/index.js';
import { displayNameOf, RISK_LEVELS, type RiskLevel } from '../../model/index.js';
import { wrapChain } from './chain.js';
import { textTableWithDetails, wrapWords, type TableOptions } from './text.js';

/** A diff summary carries ids only: the display name's fallback, the id's last segment. */
const nameOf = (id: string) => displayNameOf(id, undefined);

type Row = { cells: string[]; details: string[] };

function pathRows(diff: ScanDiff, width: number | undefined): Row[] {
  const p = diff.paths;
  // The chain from the step ids' last segments: the names Azure shows, as in `paths`.
  const row = (mark: string, s: PathSummary, what: string): Row => ({
    cells: [mark, `${s.riskLevel.toUpperCase()} ${s.score}`, s.id, what],
    details: [...wrapWords(s.name, width, '    '), ...wrapChain(s.stepIds.map(nameOf).join(' → '), width, '    ')],
  });
  return [
    ...p.new.map((s) => row('new', s, '')),
    ...p.resolved.map((s) => row('resolved', s, '')),
    ...p.changed.map((c) =>
      row('changed', c.after, [
        c.changes.score ? `score ${c.changes.score.from} → ${c.changes.score.to}` : '',
        c.changes.riskLevel ? `level ${c.changes.riskLevel.from} → ${c.changes.riskLevel.to}` : '',
        c.changes.factorsAdded?.length ? `+${c.changes.factorsAdded.join(', +')}` : '',
        c.changes.factorsRemoved?.length ? `-${c.changes.factorsRemoved.join(', -')}` : '',
      ].filter(Boolean).join('; ')),
    ),
  ];
}

function findingRows(diff: ScanDiff, width: number | undefined): Row[] {
  const f = diff.findings;
  const row = (mark: string, s: FindingSummary, what: string): Row => ({
    cells: [mark, s.severity.toUpperCase(), nameOf(s.assetId), what],
    details: wrapWords(s.recommendation, width, '    '),
  });
  return [
    ...f.new.map((s) => row('new', s, '')),
    ...f.resolved.map((s) => row('resolved', s, '')),
    ...f.changed.map((c) =>
      row('changed', c.after, [c.changes.severity ? `severity ${c.changes.severity.from} → ${c.changes.severity.to}` : '', c.changes.evidence ? 'evidence changed' : ''].filter(Boolean).join('; ')),
    ),
  ];
}

/** `diff`: counts, then every new, resolved and changed path (with its chain) and finding (with its recommendation), in tables. */
export function renderDiffTable(diff: ScanDiff, options: TableOptions = {}): string {
  const p = diff.paths;
  const f = diff.findings;
  const lines = [`Attack paths: ${p.new.length} new, ${p.resolved.length} resolved, ${p.changed.length} changed, ${p.unchanged} unchanged`];
  const paths = pathRows(diff, options.width);
  if (paths.length) lines.push('', textTableWithDetails(['CHANGE', 'RISK', 'ID', 'WHAT CHANGED'], paths, { keep: [0, 1, 2], ...options }));
  lines.push('', `Findings: ${f.new.length} new, ${f.resolved.length} resolved, ${f.changed.length} changed, ${f.unchanged} unchanged`);
  const findings = findingRows(diff, options.width);
  if (findings.length) lines.push('', textTableWithDetails(['CHANGE', 'SEVERITY', 'ASSET', 'WHAT CHANGED'], findings, options));
  return `${lines.join('\n')}\n`;
}

/** Recommendation severities (Defender's High/Medium/Low) at or above a risk level: critical and high mean High. */
function severityFloor(level: RiskLevel): number {
  return { critical: 0, high: 0, medium: 1, low: 2 }[level];
}
const SEVERITY_ORDER = ['high', 'medium', 'low'];

/** `diff --fail-on-new LEVEL`: a new path at or above the level, or a new finding of that severity or worse. */
export function newAtOrAbove(diff: ScanDiff, level: RiskLevel): number {
  const floor = RISK_LEVELS.indexOf(level);
  const paths = diff.paths.new.filter((p) => {
    const at = RISK_LEVELS.indexOf(p.riskLevel as RiskLevel);
    return at >= 0 && at <= floor;
  }).length;
  const findings = diff.findings.new.filter((f) => {
    const at = SEVERITY_ORDER.indexOf(f.severity.toLowerCase());
    return at >= 0 && at <= severityFloor(level);
  }).length;
  return paths + findings;
}
