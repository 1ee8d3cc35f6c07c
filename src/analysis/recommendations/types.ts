import type { Insight, JsonValue, NodeKind } from '../../model/index.js';

/** Defender's severity scale for recommendations. */
export const SEVERITIES = ['High', 'Medium', 'Low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * What applying a recommendation does to an attack path. The first three remove a node or an edge of the path,
 * so they **break** it; clearing the insight only **reduces** the path's risk (Defender: "additional
 * recommendations reduce exploitation risk but don't break the path").
 */
export type RecommendationEffect =
  /** Disable or remove the asset (an unused endpoint). */
  | { readonly kind: 'removeNode' }
  /** Close the asset to the internet: the CAN_REACH edge into it goes. */
  | { readonly kind: 'removeReachFromInternet' }
  /** Take away the identity's data-store permissions: its HAS_PERMISSION_TO edges go. */
  | { readonly kind: 'removePermissions' }
  /** Fix the configuration the insight rests on (authenticate, encrypt, …): the insight goes, the path stays. */
  | { readonly kind: 'clearInsight' };
export type EffectKind = RecommendationEffect['kind'];

/** Every effect kind, for the decoders of stored paths and plans (a record keyed by the type, so none is missed). */
const EFFECT_KIND_SET: Readonly<Record<EffectKind, true>> = { removeNode: true, removeReachFromInternet: true, removePermissions: true, clearInsight: true };
export const EFFECT_KINDS = Object.keys(EFFECT_KIND_SET) as EffectKind[];

export type EndpointSource = 'apim' | 'functionapp' | 'logicapp';

/** Marks a CAN_REACH evidence chain can carry, which some recommendations rest on. */
export type ReachEvidenceMark = 'serviceTags' | 'sharedSwitches' | 'scmBasicAuth';

export interface Recommendation {
  /** Stable id, used in JSON output and finding ids. */
  readonly id: string;
  /** Display name: Defender's where Defender has the recommendation (`origin: 'defender'`), ours otherwise. */
  readonly name: string;
  readonly origin: 'defender' | 'apiposture';
  readonly severity: Severity;
  /** The insight the recommendation rests on; null when it rests on the attack paths themselves. */
  readonly insight: Insight | null;
  readonly appliesTo: readonly NodeKind[];
  /** For API assets: only those of this source (APIM, Function Apps, Logic Apps). */
  readonly sources?: readonly EndpointSource[];
  /** Only assets whose property has this value (e.g. blob public access switched on). */
  readonly when?: { readonly property: string; readonly equals: JsonValue };
  /**
   * Only where the insight's reachability evidence names this: `serviceTags` (admitted through service tags other
   * tenants can send from), `sharedSwitches` (an "allow Azure services" switch) or `scmBasicAuth` (an SCM site
   * reachable with basic-auth publishing credentials accepted).
   */
  readonly whenEvidence?: ReachEvidenceMark;
  readonly effect: RecommendationEffect;
  readonly description: string;
  readonly remediation: readonly string[];
}

/** One recommendation on one asset. */
export interface Finding {
  /** `finding:<sha256 prefix of recommendation id and asset id>`: stable across scans. */
  readonly id: string;
  readonly recommendationId: string;
  readonly recommendation: string;
  readonly severity: Severity;
  readonly assetId: string;
  readonly assetKind: NodeKind;
  readonly assetName: string;
  readonly insight: Insight | null;
  /** What proved it: the insight's evidence from `insightEvidence`, or the path facts; null when none was recorded. */
  readonly evidence: JsonValue;
  readonly remediation: readonly string[];
  /**
   * Other assets the same fix repairs: the APIs and endpoints the asset holds (CONTAINS) that carry the same
   * insight because they inherit it (an API's protocols, an app's httpsOnly). They get no finding of their own.
   */
  readonly covers: readonly string[];
}
