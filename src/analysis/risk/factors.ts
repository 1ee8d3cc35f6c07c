import { assertNever, isDataStoreKind, RISK_FACTORS, type Insight, type RiskFactor } from '../../model/index.js';
import { ACCESS_RANK, type AccessLevel } from '../derive/access-level.js';
import type { PathFacts, StepFacts } from './facts.js';
import { round } from './round.js';
import { FACTOR_AXIS, type RiskAxis, type RiskWeights } from './weights.js';

/** One factor that holds on a path: what it adds to its axis, on which steps, and why. */
export interface FactorContribution {
  readonly factor: RiskFactor;
  readonly axis: RiskAxis;
  readonly contribution: number;
  readonly stepIds: readonly string[];
  readonly detail: string;
}

const hit = (
  factor: RiskFactor,
  contribution: number,
  steps: readonly StepFacts[],
  detail: string,
): FactorContribution => ({
  factor,
  axis: FACTOR_AXIS[factor],
  contribution: round(contribution, 6),
  stepIds: steps.map((s) => s.id),
  detail,
});

const withInsight = (facts: PathFacts, insight: Insight) =>
  facts.steps.slice(1).filter((s) => s.insights.includes(insight));
const names = (steps: readonly StepFacts[]) => steps.map((s) => s.name).join(', ');

function internetExposure(facts: PathFacts, w: RiskWeights): FactorContribution | null {
  const entry = facts.steps[1];
  if (!entry) return null;
  const first = facts.edges[0];
  const on = first?.ports?.length ? ` on ${first.ports.join(', ')}` : '';
  // Shared-service ranges are their own factor (SharedServiceExposure), in place of this one.
  if (first?.scope === 'restricted' && first.sharedServiceTags?.length) return null;
  // A restricted reach (named public ranges only) is less likely to be used than the open internet.
  if (first?.scope === 'restricted') {
    return hit(
      'InternetExposure',
      w.exploitability.restrictedInternetExposure,
      [entry],
      `named public ranges reach ${entry.name}${on}`,
    );
  }
  return hit('InternetExposure', w.exploitability.InternetExposure, [entry], `the internet reaches ${entry.name}${on}`);
}

/** The first hop admits ranges other tenants of a shared service can send from (the tags are named). */
function sharedServiceExposure(facts: PathFacts, w: RiskWeights): FactorContribution | null {
  const entry = facts.steps[1];
  const first = facts.edges[0];
  if (!entry || first?.scope !== 'restricted' || !first.sharedServiceTags?.length) return null;
  const on = first.ports?.length ? ` on ${first.ports.join(', ')}` : '';
  return hit(
    'SharedServiceExposure',
    w.exploitability.SharedServiceExposure,
    [entry],
    `other tenants of a shared service reach ${entry.name}${on} through ${first.sharedServiceTags.join(', ')}`,
  );
}

function insightFactor(factor: 'AllowsAnonymousAccess' | 'UnencryptedAccess' | 'Inactive', what: string) {
  return (facts: PathFacts, w: RiskWeights): FactorContribution | null => {
    const steps = withInsight(facts, factor);
    return steps.length ? hit(factor, w.exploitability[factor], steps, `${names(steps)} ${what}`) : null;
  };
}

/** The backend a bypass reaches: the first step, or the second when the first is the estate's own Front Door. */
function gatewayBypass(facts: PathFacts, w: RiskWeights): FactorContribution | null {
  const entry = facts.steps[1];
  if (facts.anchor !== 'gatewayBypass' || !entry) return null;
  const backend = entry.kind === 'FrontDoor' ? facts.steps[2] : entry;
  if (!backend) return null;
  const how = backend === entry ? 'without its gateway' : `through Front Door ${entry.name}, around its gateway`;
  return hit(
    'GatewayBypass',
    w.exploitability.GatewayBypass,
    [backend],
    `${backend.name} is an API backend the internet reaches ${how}`,
  );
}

/** Sensitive data: an endpoint's SensitiveData insight or any label on the path; labels raise it by priority. */
function sensitiveData(facts: PathFacts, w: RiskWeights): FactorContribution | null {
  const steps = facts.steps.filter((s) => s.insights.includes('SensitiveData') || s.labels.length > 0);
  if (steps.length === 0) return null;
  const top = steps
    .flatMap((s) => s.labels)
    .reduce<StepFacts['labels'][number] | undefined>((a, b) => (!a || b.priority > a.priority ? b : a), undefined);
  const priority = Math.max(0, top?.priority ?? 0);
  const bonus = Math.min(w.impact.maxLabelBonus, w.impact.labelPriorityStep * priority);
  const label = top ? `, label ${top.name} (priority ${top.priority})` : '';
  return hit('SensitiveData', w.impact.SensitiveData + bonus, steps, `sensitive data on ${names(steps)}${label}`);
}

function lateralMovement(facts: PathFacts, w: RiskWeights): FactorContribution | null {
  const identities = facts.edges.flatMap((e, i) =>
    e.kind === 'CAN_AUTHENTICATE_AS' ? [facts.steps[i + 1] as StepFacts] : [],
  );
  if (identities.length === 0) return null;
  return hit(
    'LateralMovement',
    w.impact.LateralMovement,
    identities,
    `pivots through the identity ${names(identities)}`,
  );
}

/**
 * The access the path ends with on a data store: the identity's access level (HAS_PERMISSION_TO), read when an
 * API routes straight to the store (it serves the store's data), and read when the store allows anonymous blob
 * reads (PublicDataAccess on a storage account with allowBlobPublicAccess); the highest wins. An open firewall
 * alone grants nothing: the data plane still asks for a key or a token.
 */
export function finalAccess(facts: PathFacts): { level: AccessLevel; why: string } | null {
  const target = facts.steps[facts.steps.length - 1];
  const last = facts.edges[facts.edges.length - 1];
  if (!target || !last || !isDataStoreKind(target.kind)) return null;
  const grants: { level: AccessLevel; why: string }[] = [];
  if (last.kind === 'HAS_PERMISSION_TO' && last.accessLevel) {
    const roles = last.roles?.length ? ` (${last.roles.join(', ')})` : '';
    grants.push({ level: last.accessLevel, why: `${last.accessLevel} access to ${target.name}${roles}` });
  }
  if (last.kind === 'CALLS' && last.accessLevel) {
    const roles = last.roles?.length ? ` (${last.roles.join(', ')})` : '';
    grants.push({ level: last.accessLevel, why: `the gateway calls ${target.name} as its identity, with ${last.accessLevel} access${roles}` });
  }
  if (last.kind === 'ROUTES_TO') grants.push({ level: 'read', why: `an API serves ${target.name} to its callers` });
  if (target.insights.includes('PublicDataAccess') && target.anonymousBlobAccess) {
    grants.push({ level: 'read', why: `${target.name} allows anonymous blob reads` });
  }
  return grants.reduce<{ level: AccessLevel; why: string } | null>(
    (a, b) => (!a || ACCESS_RANK[b.level] > ACCESS_RANK[a.level] ? b : a),
    null,
  );
}

function permissionLevel(facts: PathFacts, w: RiskWeights): FactorContribution | null {
  const access = finalAccess(facts);
  if (!access) return null;
  return hit(
    'PermissionLevel',
    w.impact.PermissionLevel[access.level],
    [facts.steps[facts.steps.length - 1] as StepFacts],
    access.why,
  );
}

export function evaluateFactor(factor: RiskFactor, facts: PathFacts, w: RiskWeights): FactorContribution | null {
  switch (factor) {
    case 'InternetExposure':
      return internetExposure(facts, w);
    case 'AllowsAnonymousAccess':
      return insightFactor('AllowsAnonymousAccess', 'accepts anonymous calls')(facts, w);
    case 'UnencryptedAccess':
      return insightFactor('UnencryptedAccess', 'allows unencrypted traffic')(facts, w);
    case 'SensitiveData':
      return sensitiveData(facts, w);
    case 'LateralMovement':
      return lateralMovement(facts, w);
    case 'PermissionLevel':
      return permissionLevel(facts, w);
    case 'GatewayBypass':
      return gatewayBypass(facts, w);
    case 'Inactive':
      return insightFactor('Inactive', 'had no traffic in the inactivity window')(facts, w);
    case 'SharedServiceExposure':
      return sharedServiceExposure(facts, w);
    default:
      return assertNever(factor, 'risk factor');
  }
}

/** Every factor that holds on the path, in RISK_FACTORS order. */
export function evaluateFactors(facts: PathFacts, w: RiskWeights): FactorContribution[] {
  return RISK_FACTORS.map((f) => evaluateFactor(f, facts, w)).filter((c): c is FactorContribution => c !== null);
}
