import { isDeepStrictEqual } from 'node:util';
import type { GraphNode, JsonValue } from '../../model/index.js';
import { str, strs } from '../../util/json.js';
import { compareIds } from '../../util/order.js';

export interface PathSummary {
  readonly id: string;
  readonly name: string;
  readonly riskLevel: string;
  readonly score: number;
  readonly riskFactors: readonly string[];
  readonly stepIds: readonly string[];
}

/** One item in both scans that changed: both versions, and only the fields that changed. */
interface Change<Summary, Changes> {
  readonly id: string;
  readonly before: Summary;
  readonly after: Summary;
  readonly changes: Changes;
}

type FromTo<T> = { readonly from: T; readonly to: T };

export type PathChange = Change<
  PathSummary,
  {
    readonly score?: FromTo<number>;
    readonly riskLevel?: FromTo<string>;
    readonly factorsAdded?: readonly string[];
    readonly factorsRemoved?: readonly string[];
  }
>;

export interface FindingSummary {
  readonly id: string;
  readonly recommendation: string;
  readonly severity: string;
  readonly assetId: string;
  readonly insight: string | null;
  readonly evidence: JsonValue;
}

export type FindingChange = Change<
  FindingSummary,
  { readonly severity?: FromTo<string>; readonly evidence?: FromTo<JsonValue> }
>;

export interface DiffPart<S, C> {
  readonly new: readonly S[];
  readonly resolved: readonly S[];
  readonly changed: readonly C[];
  readonly unchanged: number;
}

export interface ScanDiff {
  readonly paths: DiffPart<PathSummary, PathChange>;
  readonly findings: DiffPart<FindingSummary, FindingChange>;
}

const text = (v: JsonValue | undefined) => str(v) ?? '';
const texts = (v: JsonValue | undefined) => strs(v) ?? [];

function pathSummary(node: GraphNode): PathSummary {
  const p = node.properties;
  return {
    id: node.id,
    name: text(p['name']),
    riskLevel: text(p['riskLevel']),
    score: typeof p['score'] === 'number' ? p['score'] : 0,
    riskFactors: texts(p['riskFactors']),
    stepIds: texts(p['stepIds']),
  };
}

function findingSummary(node: GraphNode): FindingSummary {
  const p = node.properties;
  return {
    id: node.id,
    recommendation: text(p['recommendation']),
    severity: text(p['severity']),
    assetId: text(p['assetId']),
    insight: typeof p['insight'] === 'string' ? p['insight'] : null,
    evidence: p['evidence'] ?? null,
  };
}

function pathChange(before: PathSummary, after: PathSummary): PathChange | null {
  const added = after.riskFactors.filter((f) => !before.riskFactors.includes(f));
  const removed = before.riskFactors.filter((f) => !after.riskFactors.includes(f));
  const changes = {
    ...(before.score !== after.score ? { score: { from: before.score, to: after.score } } : {}),
    ...(before.riskLevel !== after.riskLevel ? { riskLevel: { from: before.riskLevel, to: after.riskLevel } } : {}),
    ...(added.length ? { factorsAdded: added } : {}),
    ...(removed.length ? { factorsRemoved: removed } : {}),
  };
  return Object.keys(changes).length ? { id: after.id, before, after, changes } : null;
}

function findingChange(before: FindingSummary, after: FindingSummary): FindingChange | null {
  const changes = {
    ...(before.severity !== after.severity ? { severity: { from: before.severity, to: after.severity } } : {}),
    ...(!isDeepStrictEqual(before.evidence, after.evidence)
      ? { evidence: { from: before.evidence, to: after.evidence } }
      : {}),
  };
  return Object.keys(changes).length ? { id: after.id, before, after, changes } : null;
}

const byId = <T extends { id: string }>(a: T, b: T) => compareIds(a.id, b.id);

function diffPart<S extends { id: string }, C>(
  before: readonly S[],
  after: readonly S[],
  change: (b: S, a: S) => C | null,
): DiffPart<S, C> {
  const old = new Map(before.map((s) => [s.id, s]));
  const now = new Map(after.map((s) => [s.id, s]));
  const changed: C[] = [];
  let unchanged = 0;
  for (const s of [...now.values()].sort(byId)) {
    const previous = old.get(s.id);
    if (!previous) continue;
    const c = change(previous, s);
    if (c) changed.push(c);
    else unchanged++;
  }
  return {
    new: [...now.values()].filter((s) => !old.has(s.id)).sort(byId),
    resolved: [...old.values()].filter((s) => !now.has(s.id)).sort(byId),
    changed,
    unchanged,
  };
}

/**
 * What changed between two analyses (two snapshots or two runs): new, resolved and changed attack paths
 * (score, level, risk factors) and findings (severity, evidence), matched by their stable ids. Nodes of other
 * kinds are ignored, so a whole snapshot's node list can be passed as it is.
 */
export function diffAnalyses(before: readonly GraphNode[], after: readonly GraphNode[]): ScanDiff {
  const of = (nodes: readonly GraphNode[], kind: 'AttackPath' | 'Finding') => nodes.filter((n) => n.kind === kind);
  return {
    paths: diffPart(of(before, 'AttackPath').map(pathSummary), of(after, 'AttackPath').map(pathSummary), pathChange),
    findings: diffPart(
      of(before, 'Finding').map(findingSummary),
      of(after, 'Finding').map(findingSummary),
      findingChange,
    ),
  };
}
