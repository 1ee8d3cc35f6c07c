/**
 * The risk model's numbers, all in one place. A path's score is
 *
 *     score = scale × min(1, Σ exploitability factors) × min(1, impact.base + Σ impact factors)
 *
 * rounded to two decimals, and its level comes from `levels` (score ≥ critical → critical, ≥ high → high,
 * ≥ medium → medium, else low). Every factor that holds adds its weight to its axis; nothing else enters the
 * score, so a path's JSON (its factors with their contributions) is enough to recompute it by hand.
 * docs/risk-model.md explains the choices with worked examples; a YAML or JSON file can override any number
 * (see weights-config.ts).
 */
import type { AccessLevel } from '../derive/access-level.js';
import { RISK_FACTORS, type RiskFactor } from '../../model/index.js';

export type RiskAxis = 'exploitability' | 'impact';

/** Which axis each named factor feeds: the one place a factor's axis is declared. */
export const FACTOR_AXIS = {
  InternetExposure: 'exploitability',
  AllowsAnonymousAccess: 'exploitability',
  UnencryptedAccess: 'exploitability',
  GatewayBypass: 'exploitability',
  Inactive: 'exploitability',
  SensitiveData: 'impact',
  LateralMovement: 'impact',
  PermissionLevel: 'impact',
  SharedServiceExposure: 'exploitability',
} as const satisfies Readonly<Record<RiskFactor, RiskAxis>>;

type FactorOn<A extends RiskAxis> = { [F in RiskFactor]: (typeof FACTOR_AXIS)[F] extends A ? F : never }[RiskFactor];
export type ExploitabilityFactor = FactorOn<'exploitability'>;
export type ImpactFactor = FactorOn<'impact'>;

/** The factors of one axis, in the model's order. */
function factorsOn<A extends RiskAxis>(axis: A): readonly FactorOn<A>[] {
  return RISK_FACTORS.filter((f): f is FactorOn<A> => FACTOR_AXIS[f] === axis);
}

export const EXPLOITABILITY_FACTORS = factorsOn('exploitability');
export const IMPACT_FACTORS = factorsOn('impact');

export interface ImpactWeights {
  /** What reaching a target at all is worth, before any factor: a path always leads somewhere that matters. */
  readonly base: number;
  /** Sensitive data on the path (an endpoint's SensitiveData insight or a sensitivity label on a step). */
  readonly SensitiveData: number;
  /** Added per point of the highest label priority on the path (Purview: higher order = more sensitive)… */
  readonly labelPriorityStep: number;
  /** …up to this bonus. */
  readonly maxLabelBonus: number;
  /** The path pivots through a managed identity to a resource the API itself does not expose. */
  readonly LateralMovement: number;
  /** The access the path ends with on the target data store. */
  readonly PermissionLevel: Readonly<Record<AccessLevel, number>>;
}

export interface RiskLevelThresholds {
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
}

export interface ExploitabilityWeights extends Readonly<Record<ExploitabilityFactor, number>> {
  /** InternetExposure when the internet gets in only from named public ranges (CAN_REACH scope `restricted`). */
  readonly restrictedInternetExposure: number;
}

export interface RiskWeights {
  readonly scale: number;
  readonly exploitability: ExploitabilityWeights;
  readonly impact: ImpactWeights;
  readonly levels: RiskLevelThresholds;
}

export const DEFAULT_RISK_WEIGHTS: RiskWeights = Object.freeze({
  // Scores run 0–10, like CVSS, so the numbers read familiarly.
  scale: 10,
  exploitability: Object.freeze({
    // Every path starts on the internet: this is the floor of every path's exploitability, so an authenticated
    // path is still reported, at half the likelihood of an open one ("authentication lowers risk, never hides").
    InternetExposure: 0.5,
    // Only named public ranges or service tags get in: an attacker must first stand on one of them.
    restrictedInternetExposure: 0.3,
    // No effective authentication on an endpoint of the path: anyone on the internet can call it.
    AllowsAnonymousAccess: 0.4,
    // The gateway (and every check in its policies) is skipped: as bad as no authentication at the gateway.
    GatewayBypass: 0.4,
    // Plain HTTP or weak TLS: credentials and data can be read or replayed on the wire.
    UnencryptedAccess: 0.1,
    // A dormant endpoint is nobody's: unmonitored, unpatched, forgotten (Defender flags it after 30 days).
    Inactive: 0.05,
    // In place of InternetExposure when the first hop admits a shared service's ranges (a customer-originatable
    // service tag, a shared edge without an owner check, an "allow Azure services" switch): anyone can become a
    // customer of that service for the price of a subscription, so it is only a step below the open internet.
    SharedServiceExposure: 0.45,
  }),
  impact: Object.freeze({
    base: 0.2,
    SensitiveData: 0.4,
    labelPriorityStep: 0.1,
    maxLabelBonus: 0.3,
    LateralMovement: 0.1,
    PermissionLevel: Object.freeze({ read: 0.3, write: 0.5, admin: 0.6 }),
  }),
  // Critical: exploitable for unauthorized access to data (an open path to sensitive data or a writable store);
  // high: address in a timely manner; medium and low: minor (Defender's one-line level definitions).
  levels: Object.freeze({ critical: 7, high: 4, medium: 2 }),
});

