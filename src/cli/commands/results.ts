import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { diffAnalyses, type ScanDiff } from '../../analysis/diff/index.js';
import { ANALYSIS_FACT_KINDS, storedPathRecords, type StoredFacts } from '../../analysis/facts/index.js';
import { loadPolicy, parsePolicy } from '../../analysis/goals/index.js';
import type { AttackPathRecord } from '../../analysis/paths/index.js';
import { NODE_KINDS, RISK_LEVELS, type GraphNode, type NodeKind, type RiskLevel } from '../../model/index.js';
import { dirname } from 'node:path';
import type { ReadContext } from '../read-store.js';
import { listAllNodes as allNodes, unreadinessMessage, unreadinessOf, type GraphStore } from '../../store/index.js';
import { readSnapshot, snapshotPath } from '../../store/memory/snapshot.js';
import { normalizeId } from '../../model/arm-ids.js';
import { InputError, NoDataError, NotFoundError, StoreError } from '../../util/errors.js';
import { compareIds } from '../../util/order.js';
import { findingViewFromNode, type FindingView } from '../../report/paths/index.js';

export { listAllNodes as allNodes } from '../../store/index.js';

/**
 * A stored asset by an id as the user typed it: ARM ids are case-insensitive and stored lower-cased, so the
 * portal's casing (`/resourceGroups/…/Microsoft.Web/sites/…`), a trailing slash or a management URL find it too.
 */
export async function findAsset(store: GraphStore, id: string): Promise<GraphNode> {
  const node = (await store.getNode(id)) ?? (await store.getNode(normalizeId(id)));
  if (!node) throw new NotFoundError(`no asset with id ${id} in the store (\`apiposture explore\` or the inventory list ids)`);
  return node;
}

/** The paths that pass through an asset: it is one of their steps (entry, target or in between). */
export function pathsThrough(paths: readonly AttackPathRecord[], assetId: string): AttackPathRecord[] {
  return paths.filter((p) => p.steps.some((s) => s.id === assetId));
}

/** Stored attack paths, riskiest first, at or above a risk level. */
export async function loadPaths(store: GraphStore, minRisk?: RiskLevel): Promise<AttackPathRecord[]> {
  const floor = minRisk ? RISK_LEVELS.indexOf(minRisk) : RISK_LEVELS.length - 1;
  return (await storedPathRecords(store)).filter((p) => RISK_LEVELS.indexOf(p.riskLevel) <= floor);
}

export async function loadFindings(store: GraphStore): Promise<FindingView[]> {
  const severity = ['critical', 'high', 'medium', 'low'];
  return (await allNodes(store, 'Finding'))
    .map(findingViewFromNode)
    .sort((a, b) => severity.indexOf(a.severity.toLowerCase()) - severity.indexOf(b.severity.toLowerCase()) || compareIds(a.id, b.id));
}

/** Fixes in the report's remediation plan. */
export const REPORT_PLAN_FIXES = 10;

/** Choke points (assets included) and the report's plan, as the last analysis stored them. */
export async function chokePointsAndPlan(facts: StoredFacts) {
  return { chokePoints: await facts.chokePoints(true), plan: await facts.plan(REPORT_PLAN_FIXES) };
}

/** The bundled default posture goals: examples/goals.yaml, used when --policy is not given. */
export function defaultPolicyFile(): string {
  return fileURLToPath(new URL('../../../examples/goals.yaml', import.meta.url));
}

/** How a goals result names its policy: the bundled example is never used silently. */
export function describePolicy(file: string, bundled: boolean): string {
  return bundled ? `the bundled example policy ${file} (no --policy given; pass --policy FILE for your own goals)` : file;
}

/**
 * What a report was computed from, one fact per line: the store, the last scan and analysis, what the graph holds,
 * and the goals policy.
 */
export function provenanceLines(
  context: ReadContext,
  counts: Partial<Record<NodeKind, number>>,
  policy: { file: string; bundled: boolean },
): string[] {
  const n = (kind: NodeKind) => counts[kind] ?? 0;
  // The stored facts (choke points, plan, goal subjects) summarise the graph; they are not part of it.
  const total = NODE_KINDS.reduce((sum, kind) => sum + (ANALYSIS_FACT_KINDS.includes(kind) ? 0 : n(kind)), 0);
  return [
    `Store: ${context.target.where}`,
    `Last scan: ${context.state.lastIngest?.at ?? 'not recorded'}; last analysis: ${context.state.lastAnalysis?.at ?? 'not recorded'}`,
    `Input: ${n('Subscription')} subscription(s), ${n('ApiGateway')} API gateway(s), ${n('Api')} API(s), ${n('ApiEndpoint')} endpoint(s); ${total} graph nodes`,
    `Goals policy: ${describePolicy(policy.file, policy.bundled)}`,
  ];
}

/** The goals policy (the bundled example without --policy) evaluated over the facts the last analysis stored. */
export async function evaluateStoredGoals(facts: StoredFacts, policyFile: string | undefined) {
  const file = policyFile ?? defaultPolicyFile();
  const policy = policyFile ? await loadPolicy(file) : parsePolicy(await readFile(file, 'utf8'), file);
  return { file, bundled: policyFile === undefined, evaluation: await facts.goals(policy) };
}

/** A scan to compare: a data dir or a snapshot file of the memory store, refused (exit 7) when not analysed. */
async function analysisNodesOf(path: string): Promise<GraphNode[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new NoDataError(`${path}: no such data dir or snapshot file; run \`apiposture scan <files> --data-dir ${path}\` first`);
  }
  const file = info.isDirectory() ? snapshotPath(path) : path;
  let snapshot: Awaited<ReturnType<typeof readSnapshot>>;
  try {
    snapshot = await readSnapshot(file);
  } catch (error) {
    // A file the user named that is not a snapshot is bad input, not an unavailable store.
    if (!info.isDirectory() && error instanceof StoreError) throw new InputError({ file: path }, `not a snapshot of the memory store (${error.message})`);
    throw error;
  }
  const state = { exists: snapshot.exists, ...snapshot.state };
  const counts: Partial<Record<NodeKind, number>> = {};
  for (const node of snapshot.nodes) counts[node.kind] = (counts[node.kind] ?? 0) + 1;
  const reason = unreadinessOf(state, counts);
  if (reason) throw new NoDataError(unreadinessMessage(reason, { where: `snapshot ${file}`, flags: `--data-dir ${info.isDirectory() ? path : dirname(path)}` }, state));
  return snapshot.nodes.filter((n) => n.kind === 'AttackPath' || n.kind === 'Finding');
}

export async function diffScans(before: string, after: string): Promise<ScanDiff> {
  return diffAnalyses(await analysisNodesOf(before), await analysisNodesOf(after));
}
