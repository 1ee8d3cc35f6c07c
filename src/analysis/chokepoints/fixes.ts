import type { NodeKind } from '../../model/index.js';
import type { AnalyzedPath } from '../paths/analyze.js';
import { recommendationById } from '../recommendations/catalogue.js';
import { effectOnPath } from '../recommendations/effects.js';
import type { EffectKind, Finding, Recommendation, Severity } from '../recommendations/types.js';
import { withoutInsight, type PathFacts } from '../risk/facts.js';
import type { PathRisk } from '../risk/score.js';
import type { RiskWeights } from '../risk/weights.js';

/**
 * A candidate fix: a recommendation on one asset (a finding), or an asset taken out of every path through it
 * (removed, or isolated from what it leads to). Asset fixes show where paths converge even when no
 * recommendation names the asset.
 */
export interface Fix {
  /** The finding id for a recommendation fix, `asset:<id>` for an asset fix. */
  readonly id: string;
  readonly kind: 'recommendation' | 'asset';
  readonly assetId: string;
  readonly assetKind: NodeKind;
  readonly assetName: string;
  readonly effect: EffectKind | 'isolateAsset';
  readonly recommendationId?: string;
  readonly recommendation?: string;
  readonly severity?: Severity;
  /** Recommendation fixes: the APIs and endpoints the same fix repairs (Finding.covers). */
  readonly covers?: readonly string[];
}

/** A path's state while fixes are applied one after another. */
export interface PathState {
  readonly path: AnalyzedPath;
  facts: PathFacts;
  risk: PathRisk;
  broken: boolean;
}

export type FixOutcome =
  | { readonly kind: 'breaks' }
  | { readonly kind: 'reduces'; readonly risk: PathRisk; readonly facts: PathFacts; readonly scoreReduction: number };

/** Candidate fixes: every finding on an asset some path passes, and (optionally) every non-target step of a path. */
export function candidateFixes(
  paths: readonly AnalyzedPath[],
  findings: readonly Finding[],
  includeAssets: boolean,
): Fix[] {
  const onPaths = new Map<string, { kind: NodeKind; name: string; asNonTarget: boolean }>();
  for (const { facts } of paths) {
    facts.steps.forEach((step, i) => {
      if (i === 0) return;
      const seen = onPaths.get(step.id);
      const asNonTarget = i < facts.steps.length - 1 || (seen?.asNonTarget ?? false);
      onPaths.set(step.id, { kind: step.kind, name: step.name, asNonTarget });
    });
  }
  const fixes: Fix[] = findings
    .filter((f) => onPaths.has(f.assetId) || f.covers.some((c) => onPaths.has(c)))
    .map((f) => ({
      id: f.id,
      kind: 'recommendation',
      assetId: f.assetId,
      assetKind: f.assetKind,
      assetName: f.assetName,
      effect: recommendationById(f.recommendationId)?.effect.kind ?? 'clearInsight',
      recommendationId: f.recommendationId,
      recommendation: f.recommendation,
      severity: f.severity,
      covers: f.covers,
    }));
  if (includeAssets) {
    for (const [id, step] of onPaths) {
      if (step.asNonTarget)
        fixes.push({
          id: `asset:${id}`,
          kind: 'asset',
          assetId: id,
          assetKind: step.kind,
          assetName: step.name,
          effect: 'isolateAsset',
        });
    }
  }
  return fixes;
}

/** What one fix does to one path in its current state; null when nothing. */
export function outcomeOf(fix: Fix, state: PathState, weights: RiskWeights): FixOutcome | null {
  if (state.broken) return null;
  const steps = state.facts.steps;
  if (fix.kind === 'asset') {
    const at = steps.findIndex((s) => s.id === fix.assetId);
    return at > 0 && at < steps.length - 1 ? { kind: 'breaks' } : null;
  }
  const rec = recommendationById(fix.recommendationId ?? '') as Recommendation | undefined;
  if (!rec) return null;
  const effect = effectOnPath(rec, fix, state.facts, state.risk, weights, state.path.family.requires);
  if (!effect) return null;
  if (effect.kind === 'breaks') return effect;
  if (rec.insight === null) return null;
  return {
    kind: 'reduces',
    risk: effect.risk,
    facts: withoutInsight(state.facts, [fix.assetId, ...(fix.covers ?? [])], rec.insight),
    scoreReduction: effect.scoreReduction,
  };
}

/** Paths by the assets they pass (the internet excluded). Use `statesFor` to look a fix up. */
export function pathsByAsset(states: readonly PathState[]): Map<string, PathState[]> {
  const index = new Map<string, PathState[]>();
  for (const state of states) {
    for (const step of state.facts.steps.slice(1)) {
      const list = index.get(step.id);
      if (list) list.push(state);
      else index.set(step.id, [state]);
    }
  }
  return index;
}

export function initialStates(paths: readonly AnalyzedPath[]): PathState[] {
  return paths.map((path) => ({ path, facts: path.facts, risk: path.risk, broken: false }));
}

/** The paths a fix may touch: those through its asset or through an asset it covers, each once. */
export function statesFor(fix: Fix, byAsset: ReadonlyMap<string, readonly PathState[]>): PathState[] {
  if (!fix.covers?.length) return [...(byAsset.get(fix.assetId) ?? [])];
  return [...new Set([fix.assetId, ...fix.covers].flatMap((id) => byAsset.get(id) ?? []))];
}
