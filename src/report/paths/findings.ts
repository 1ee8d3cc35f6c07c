import type { GraphNode, JsonValue } from '../../model/index.js';
import { recommendationById } from '../../analysis/recommendations/catalogue.js';
import type { Finding } from '../../analysis/recommendations/types.js';
import { csv, mdTable, textTable, type TableOptions } from './text.js';

/**
 * One finding as `findings --format json` prints it. `recommendation`, `severity`, `assetId`, `insight`,
 * `evidence` are the contract (DESIGN §6); the rest is added detail.
 */
export interface FindingView {
  readonly id: string;
  readonly recommendation: string;
  readonly recommendationId: string | null;
  readonly severity: string;
  readonly assetId: string;
  readonly assetKind: string | null;
  readonly assetName: string | null;
  readonly insight: string | null;
  readonly evidence: JsonValue;
  readonly remediation: readonly string[];
  /** Why the recommendation applies, from the catalogue: the text before the remediation steps. */
  readonly remediationText: string | null;
  /** APIs and endpoints the same fix repairs (they inherit the insight from the asset). */
  readonly covers: readonly string[];
}

export function findingView(f: Finding): FindingView {
  return {
    id: f.id,
    recommendation: f.recommendation,
    recommendationId: f.recommendationId,
    severity: f.severity,
    assetId: f.assetId,
    assetKind: f.assetKind,
    assetName: f.assetName,
    insight: f.insight,
    evidence: f.evidence,
    remediation: f.remediation,
    remediationText: recommendationById(f.recommendationId)?.description ?? null,
    covers: f.covers,
  };
}

const text = (v: JsonValue | undefined) => (typeof v === 'string' ? v : null);

/** The same view from a stored Finding node (remediation comes from the catalogue by recommendation id). */
export function findingViewFromNode(node: GraphNode): FindingView {
  const p = node.properties;
  const recommendationId = text(p['recommendationId']);
  const assetId = text(p['assetId']) ?? '';
  return {
    id: node.id,
    recommendation: text(p['recommendation']) ?? text(p['name']) ?? '',
    recommendationId,
    severity: text(p['severity']) ?? '',
    assetId,
    assetKind: text(p['assetKind']),
    // The name the analysis gave (Azure's casing, an identity's owner); analyses stored before it was kept: the id's end.
    assetName: text(p['assetName']) ?? (assetId ? assetId.slice(assetId.lastIndexOf('/') + 1) : null),
    insight: text(p['insight']),
    evidence: p['evidence'] ?? null,
    remediation: recommendationById(recommendationId ?? '')?.remediation ?? [],
    remediationText: recommendationById(recommendationId ?? '')?.description ?? null,
    covers: Array.isArray(p['covers']) ? p['covers'].filter((c): c is string => typeof c === 'string') : [],
  };
}

export function renderFindingsJson(findings: readonly FindingView[]): string {
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}

const FINDING_HEADERS = ['SEVERITY', 'RECOMMENDATION', 'ASSET', 'INSIGHT'];
const findingRow = (f: FindingView) => [f.severity.toUpperCase(), f.recommendation, f.assetName ?? f.assetId, f.insight ?? '(attack paths)'];

export function renderFindingsTable(findings: readonly FindingView[], options: TableOptions = {}): string {
  if (findings.length === 0) return 'No findings.\n';
  return `${textTable(FINDING_HEADERS, findings.map(findingRow), options)}\n`;
}

/** Findings as a GFM table, for the Markdown report. */
export function renderFindingsMarkdown(findings: readonly FindingView[]): string {
  if (findings.length === 0) return 'No findings.\n';
  return `${mdTable(FINDING_HEADERS.map((h) => h.toLowerCase()), findings.map(findingRow))}\n`;
}

export function renderFindingsCsv(findings: readonly FindingView[]): string {
  const headers = [
    'id',
    'severity',
    'recommendation',
    'recommendationId',
    'assetId',
    'assetKind',
    'insight',
    'evidence',
  ];
  return csv(
    headers,
    findings.map((f) => [
      f.id,
      f.severity,
      f.recommendation,
      f.recommendationId,
      f.assetId,
      f.assetKind,
      f.insight,
      f.evidence === null ? '' : JSON.stringify(f.evidence),
    ]),
  );
}
