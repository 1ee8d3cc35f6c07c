/**
 * Renderers for attack paths, findings, goals and the remediation plan. Pure: data in, text out.
 *
 * paths (AttackPathRecord[], from analyzeAttackPaths(...).paths.map((p) => p.record) or recordFromNode):
 *   renderPathsJson / renderPathsTable / renderPathsMarkdown / renderPathsCsv
 * findings (FindingView[], from findingView(finding) or findingViewFromNode(node)):
 *   renderFindingsJson / renderFindingsTable / renderFindingsCsv
 * goals: renderGoalsText(evaluation); plan: renderPlanText(plan), renderChokePointsTable(points)
 *
 * JSON contract (stable; fields are only ever added):
 *   { "paths": [ {
 *       "id": "path:<16 hex>",            stable: sha256 of the step ids
 *       "rank": 1,                         1 = riskiest
 *       "name": "…",                       the family's display name (Defender's where Defender names the path)
 *       "family": "unauthenticated-sensitive-api" | …,
 *       "riskLevel": "critical" | "high" | "medium" | "low",
 *       "score": 8.1,                      0–10
 *       "exploitability": 0.9, "impact": 0.9, "impactBase": 0.2,
 *       "formula": "10 × min(1, 0.5 + 0.4) × min(1, 0.2 + 0.4 + 0.3) = …",
 *       "riskFactors": ["InternetExposure", …],            factor names
 *       "factors": [ { "factor", "axis", "contribution", "stepIds", "detail" } ],
 *       "anchor": "endpoint" | "gatewayBypass",
 *       "entry": { "id", "kind", "name" }, "target": { "id", "kind", "name" },
 *       "steps": [ { "id", "kind", "name", "insights", "labels" } ],   first internet, last the target
 *       "edges": [ { "kind", "from", "to", "ports"?, "scope"?, "accessLevel"?, "roles"?, "resolvedBy"? } ],
 *       "breakingRecommendations": [ { "findingId", "recommendationId", "recommendation", "severity", "assetId", "effect" } ],
 *       "reducingRecommendations": [ { …same…, "scoreReduction" } ]
 *   } ] }
 *   { "findings": [ { "id", "recommendation", "recommendationId", "severity", "assetId", "assetKind",
 *                     "assetName", "insight", "evidence", "remediation", "remediationText", "covers" } ] }
 *   (`covers`: the APIs and endpoints the same fix repairs, which get no finding of their own)
 */
export { renderPathsJson, renderPathsTable, renderPathsMarkdown, renderPathsCsv } from './paths.js';
export { pathChain, wrapChain } from './chain.js';
export { GROUP_BY, groupPaths, renderPathGroupsJson, renderPathGroupsTable, type GroupBy, type PathGroup } from './group.js';
export {
  findingView,
  findingViewFromNode,
  renderFindingsJson,
  renderFindingsTable,
  renderFindingsCsv,
  renderFindingsMarkdown,
  type FindingView,
} from './findings.js';
export { renderGoalsMarkdown, renderGoalsText } from './goals.js';
export { fixText, renderChokePointsMarkdown, renderChokePointsTable, renderPlanMarkdown, renderPlanText } from './plan.js';
export { csvCell, mdTable, shortenMiddle, textTable, truncate, type TableOptions } from './text.js';
