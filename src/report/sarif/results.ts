import type { AttackPathRecord, PathStepRecord } from '../../analysis/paths/record.js';
import { recommendationById } from '../../analysis/recommendations/catalogue.js';
import { displayNameOf } from '../../model/index.js';
import type { FindingView } from '../paths/findings.js';
import { securitySeverity, sarifLevel, worstLevel } from './levels.js';
import { pascal, pathRuleText } from './path-rules.js';
import type { SarifLevel, SarifLocation, SarifLogicalLocation, SarifResult, SarifRule } from './types.js';

/**
 * Results and their rules: one rule per recommendation (findings) or per path family (paths), one result per finding
 * and per path. Assets are logical locations named by their ARM id: there is no source file to point at.
 */

/** The asset as a logical location. `kind: resource` for ARM resources; the synthetic internet node is `internet`. */
export function assetLocation(id: string, name: string): SarifLogicalLocation {
  return { name, fullyQualifiedName: id, kind: id.startsWith('/') ? 'resource' : id };
}

/** Rules in first-seen order, each result pointing at its rule by id and index. */
export class RuleSet {
  readonly rules: SarifRule[] = [];
  private readonly index = new Map<string, number>();
  private readonly levels = new Map<string, SarifLevel[]>();

  indexOf(id: string, make: () => SarifRule, level: SarifLevel): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.rules.push(make()) - 1;
      this.index.set(id, i);
    }
    this.levels.set(id, [...(this.levels.get(id) ?? []), level]);
    return i;
  }

  /** Each rule's default level becomes the worst level among its results in this log. */
  finish(): SarifRule[] {
    return this.rules.map((r) => ({ ...r, defaultConfiguration: { level: worstLevel(this.levels.get(r.id) ?? []) } }));
  }
}

function findingRule(f: FindingView, ruleId: string, level: SarifLevel): SarifRule {
  const rec = f.recommendationId ? recommendationById(f.recommendationId) : undefined;
  const remediation = rec?.remediation ?? f.remediation;
  const helpText = remediation.length ? remediation.join('\n') : f.recommendation;
  return {
    id: ruleId,
    name: pascal(rec?.id ?? ruleId),
    shortDescription: { text: rec?.name ?? f.recommendation },
    fullDescription: { text: rec?.description ?? f.recommendation },
    help: { text: helpText, markdown: remediation.map((r) => `- ${r}`).join('\n') || f.recommendation },
    defaultConfiguration: { level },
    properties: {
      tags: ['security', ...(rec?.origin ? [rec.origin] : []), ...(f.insight ? [f.insight] : []), ...(rec?.appliesTo ?? [])],
      'security-severity': securitySeverity(rec?.severity ?? f.severity),
      severity: rec?.severity ?? f.severity,
    },
  };
}

export function findingResult(f: FindingView, rules: RuleSet): SarifResult {
  const level = sarifLevel(f.severity);
  const ruleId = f.recommendationId ?? `finding/${pascal(f.recommendation)}`;
  const ruleIndex = rules.indexOf(ruleId, () => findingRule(f, ruleId, level), level);
  const name = displayNameOf(f.assetId, f.assetName);
  const related: SarifLocation[] = f.covers.map((id, i) => ({
    id: i + 1,
    logicalLocations: [assetLocation(id, id.slice(id.lastIndexOf('/') + 1))],
    message: { text: 'also repaired by the same fix' },
  }));
  return {
    ruleId,
    ruleIndex,
    kind: 'fail',
    level,
    message: { text: `${f.recommendation}: ${name}${f.assetKind ? ` (${f.assetKind})` : ''}` },
    locations: [{ logicalLocations: [assetLocation(f.assetId, name)] }],
    ...(related.length ? { relatedLocations: related } : {}),
    partialFingerprints: { 'apipostureFindingId/v1': f.id },
    properties: {
      findingId: f.id,
      severity: f.severity,
      assetKind: f.assetKind,
      insight: f.insight,
      evidence: f.evidence,
      covers: f.covers,
    },
  };
}

function pathRule(p: AttackPathRecord, level: SarifLevel): SarifRule {
  const t = pathRuleText(p.family);
  return {
    id: `path/${p.family}`,
    name: t.name,
    shortDescription: { text: t.short },
    fullDescription: { text: t.full },
    help: { text: t.help },
    defaultConfiguration: { level },
    properties: { tags: ['security', 'attack-path', ...t.tags], 'security-severity': securitySeverity(p.riskLevel) },
  };
}

const stepLocation = (s: PathStepRecord): SarifLocation => ({
  logicalLocations: [assetLocation(s.id, s.name)],
  message: { text: `${s.name} (${s.kind})${s.insights.length ? `: ${s.insights.join(', ')}` : ''}` },
});

export function pathResult(p: AttackPathRecord, rules: RuleSet): SarifResult {
  const level = sarifLevel(p.riskLevel);
  const ruleId = `path/${p.family}`;
  const ruleIndex = rules.indexOf(ruleId, () => pathRule(p, level), level);
  const route = p.steps.map((s) => s.name).join(' → ');
  const fixes = p.breakingRecommendations.map((r) => r.recommendation);
  return {
    ruleId,
    ruleIndex,
    kind: 'fail',
    level,
    message: {
      text: `${p.name} (rank ${p.rank}, ${p.riskLevel}, score ${p.score}): ${route}.${fixes.length ? ` Breaks it: ${[...new Set(fixes)].join('; ')}.` : ''}`,
    },
    locations: [{ logicalLocations: [assetLocation(p.target.id, p.target.name)] }],
    relatedLocations: p.steps.map((s, i) => ({ id: i + 1, ...stepLocation(s) })),
    // The path itself as SARIF's ordered flow: viewers show it step by step, internet first.
    codeFlows: [{ threadFlows: [{ locations: p.steps.map((s, i) => ({ executionOrder: i + 1, location: stepLocation(s) })) }] }],
    partialFingerprints: { 'apiposturePathId/v1': p.id },
    properties: {
      pathId: p.id,
      rank: p.rank,
      family: p.family,
      riskLevel: p.riskLevel,
      score: p.score,
      exploitability: p.exploitability,
      impact: p.impact,
      formula: p.formula,
      riskFactors: p.riskFactors,
      factors: p.factors,
      breakingRecommendations: p.breakingRecommendations,
      reducingRecommendations: p.reducingRecommendations,
    },
  };
}
