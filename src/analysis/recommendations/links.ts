import type { PathCondition } from '../paths/families.js';
import type { PathFacts } from '../risk/facts.js';
import type { PathRisk } from '../risk/score.js';
import type { RiskWeights } from '../risk/weights.js';
import { recommendationById } from './catalogue.js';
import { effectOnPath } from './effects.js';
import type { EffectKind, Finding, Severity } from './types.js';

/** A recommendation as it bears on one path. */
export interface PathRecommendation {
  readonly findingId: string;
  readonly recommendationId: string;
  readonly recommendation: string;
  readonly severity: Severity;
  readonly assetId: string;
  readonly effect: EffectKind;
  /** Reducing recommendations only: how much the path's score drops when this one alone is applied. */
  readonly scoreReduction?: number;
}

export interface PathRecommendations {
  /** Remove a node or edge of the path: once applied, the path no longer exists. */
  readonly breaking: readonly PathRecommendation[];
  /** Leave the path in place but lower its risk. */
  readonly reducing: readonly PathRecommendation[];
}

export function indexFindingsByAsset(findings: readonly Finding[]): Map<string, Finding[]> {
  const byAsset = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const id of [f.assetId, ...f.covers]) {
      const list = byAsset.get(id);
      if (list) list.push(f);
      else byAsset.set(id, [f]);
    }
  }
  return byAsset;
}

/**
 * The findings on the path's steps (or covering them), split into those that break the path and those that only
 * reduce it. `findingsByAsset` comes from indexFindingsByAsset (by asset and by covered asset).
 */
export function linkRecommendations(
  facts: PathFacts,
  risk: PathRisk,
  findingsByAsset: ReadonlyMap<string, readonly Finding[]>,
  weights: RiskWeights,
  requires: readonly PathCondition[] = [],
): PathRecommendations {
  const breaking: PathRecommendation[] = [];
  const reducing: PathRecommendation[] = [];
  const seen = new Set<string>();
  for (const step of facts.steps) {
    for (const finding of findingsByAsset.get(step.id) ?? []) {
      if (seen.has(finding.id)) continue;
      seen.add(finding.id);
      const rec = recommendationById(finding.recommendationId);
      if (!rec) continue;
      const effect = effectOnPath(rec, finding, facts, risk, weights, requires);
      if (!effect) continue;
      const link = {
        findingId: finding.id,
        recommendationId: rec.id,
        recommendation: rec.name,
        severity: rec.severity,
        assetId: finding.assetId,
        effect: rec.effect.kind,
      };
      if (effect.kind === 'breaks') breaking.push(link);
      else reducing.push({ ...link, scoreReduction: effect.scoreReduction });
    }
  }
  return { breaking, reducing };
}
