import { assertNever, RISK_LEVELS, type NodeKind } from '../../model/index.js';
import { DEFAULT_LABELS } from '../../classify/labels.js';
import { InputError } from '../../util/errors.js';
import type { AttackPathRecord } from '../paths/record.js';
import { limitCompliance, postureScore, shareCompliance } from './score.js';
import { inScope, type GoalInputs, type GoalSubject } from './subjects.js';
import type {
  EncryptedOnlyGoal,
  Goal,
  GoalPolicy,
  GoalResult,
  GoalScope,
  GoalsEvaluation,
  MaxAttackPathsGoal,
  MaxDormantEndpointsGoal,
  NoExposedSensitiveDataGoal,
  Offender,
} from './types.js';
import { compareIds } from '../../util/order.js';

interface Context {
  readonly inputs: GoalInputs;
  readonly subjects: ReadonlyMap<string, GoalSubject>;
  readonly policy: GoalPolicy;
}

type Outcome = Omit<GoalResult, 'id' | 'type' | 'enforce' | 'weight' | 'description'> & {
  readonly description: string;
};

const offender = (subject: GoalSubject, detail: string): Offender => ({ id: subject.id, kind: subject.kind, name: subject.name, detail });
const has = (subject: GoalSubject, insight: GoalSubject['insights'][number]) => subject.insights.includes(insight);
const ofKinds = (c: Context, goal: Goal, kinds: readonly NodeKind[]) =>
  [...c.subjects.values()]
    .filter((s) => kinds.includes(s.kind) && inScope(s, goal.scope ?? c.policy.scope))
    .sort((a, b) => compareIds(a.id, b.id));

function pathInScope(c: Context, path: AttackPathRecord, scope: GoalScope | undefined): boolean {
  return (
    !scope ||
    path.steps.slice(1).some((s) => {
      const subject = c.subjects.get(s.id);
      return subject !== undefined && inScope(subject, scope);
    })
  );
}

function maxAttackPaths(c: Context, goal: MaxAttackPathsGoal): Outcome {
  const levels = goal.orAbove ? RISK_LEVELS.slice(0, RISK_LEVELS.indexOf(goal.level) + 1) : [goal.level];
  const matching = c.inputs.paths.filter(
    (p) => levels.includes(p.riskLevel) && pathInScope(c, p, goal.scope ?? c.policy.scope),
  );
  const what = `${goal.level}${goal.orAbove ? ' or worse' : ''} attack paths`;
  return {
    description: goal.max === 0 ? `No ${what}` : `At most ${goal.max} ${what}`,
    passed: matching.length <= goal.max,
    compliance: limitCompliance(matching.length, goal.max),
    summary: `${matching.length} ${what} (limit ${goal.max})`,
    offenders: matching.map((p) => ({
      id: p.id,
      kind: 'AttackPath',
      name: p.name,
      detail: `${p.riskLevel} ${p.score}: ${p.entry.name} → ${p.target.name}`,
    })),
  };
}

/** A label threshold as a priority: a number, or a label name found in the graph or in the default label set. */
function labelPriority(c: Context, goal: NoExposedSensitiveDataGoal): number | undefined {
  const wanted = goal.minLabel;
  if (wanted === undefined || typeof wanted === 'number') return wanted;
  const name = wanted.toLowerCase();
  const inGraph = c.inputs.labels.find(
    (n) => String(n.properties['name'] ?? '').toLowerCase() === name || n.id === `label:${name}`,
  );
  const priority = inGraph?.properties['priority'];
  if (typeof priority === 'number') return priority;
  const known = DEFAULT_LABELS.find((l) => l.name.toLowerCase() === name);
  if (known) return known.priority;
  throw new InputError(
    goal.position,
    `goal ${goal.id}: minLabel "${wanted}" is neither a sensitivity label in the graph nor a default label (${DEFAULT_LABELS.map((l) => l.name).join(', ')})`,
  );
}

function noExposedSensitiveData(c: Context, goal: NoExposedSensitiveDataGoal): Outcome {
  const threshold = labelPriority(c, goal);
  const endpoints = ofKinds(c, goal, ['ApiEndpoint']);
  const offenders: Offender[] = [];
  for (const ep of endpoints) {
    if (!has(ep, 'InternetExposed') || (goal.anonymousOnly && !has(ep, 'AllowsAnonymousAccess'))) continue;
    const top = ep.topLabel;
    const sensitive =
      threshold === undefined
        ? has(ep, 'SensitiveData') || top !== undefined
        : top !== undefined && top.priority >= threshold;
    if (sensitive)
      offenders.push(offender(ep, top ? `label ${top.name} (priority ${top.priority})` : 'sensitive data in traffic'));
  }
  const who = goal.anonymousOnly ? 'internet-exposed anonymous endpoints' : 'internet-exposed endpoints';
  const data = goal.minLabel === undefined ? 'sensitive data' : `a label at or above ${String(goal.minLabel)}`;
  return {
    description: `No ${who} carry ${data}`,
    passed: offenders.length === 0,
    compliance: shareCompliance(offenders.length, endpoints.length),
    summary: `${offenders.length} of ${endpoints.length} endpoints are ${who} carrying ${data}`,
    offenders,
  };
}

function maxDormantEndpoints(c: Context, goal: MaxDormantEndpointsGoal): Outcome {
  const endpoints = ofKinds(c, goal, ['ApiEndpoint']);
  const inactive = endpoints.filter((e) => has(e, 'Inactive'));
  const withData = endpoints.filter((e) => !has(e, 'AwaitingData')).length;
  const share = withData === 0 ? 0 : inactive.length / withData;
  const parts = [
    ...(goal.max !== undefined
      ? [
          {
            ok: inactive.length <= goal.max,
            c: limitCompliance(inactive.length, goal.max),
            text: `at most ${goal.max}`,
          },
        ]
      : []),
    ...(goal.maxShare !== undefined
      ? [
          {
            ok: share <= goal.maxShare,
            c: share <= goal.maxShare ? 1 : goal.maxShare / share,
            text: `at most ${Math.round(goal.maxShare * 100)} %`,
          },
        ]
      : []),
  ];
  return {
    description: `Dormant endpoints: ${parts.map((p) => p.text).join(' and ')}`,
    passed: parts.every((p) => p.ok),
    compliance: Math.min(...parts.map((p) => p.c)),
    summary: `${inactive.length} dormant endpoints, ${Math.round(share * 100)} % of the ${withData} with traffic data`,
    offenders: inactive.map((e) => offender(e, 'no traffic in the inactivity window')),
  };
}

function encryptedOnly(c: Context, goal: EncryptedOnlyGoal): Outcome {
  const assets = ofKinds(c, goal, goal.kinds);
  const offenders = assets
    .filter((n) => has(n, 'UnencryptedAccess'))
    .map((n) => offender(n, 'allows unencrypted access (HTTP, WS or TLS below 1.2)'));
  return {
    description: `Only encrypted access to ${goal.kinds.join(', ')}`,
    passed: offenders.length === 0,
    compliance: shareCompliance(offenders.length, assets.length),
    summary: `${offenders.length} of ${assets.length} assets allow unencrypted access`,
    offenders,
  };
}

function outcomeOf(c: Context, goal: Goal): Outcome {
  switch (goal.type) {
    case 'max-attack-paths':
      return maxAttackPaths(c, goal);
    case 'no-exposed-sensitive-data':
      return noExposedSensitiveData(c, goal);
    case 'max-dormant-endpoints':
      return maxDormantEndpoints(c, goal);
    case 'encrypted-only':
      return encryptedOnly(c, goal);
    default:
      return assertNever(goal, 'goal');
  }
}

function evaluateGoal(c: Context, goal: Goal): GoalResult {
  const outcome = outcomeOf(c, goal);
  return {
    id: goal.id,
    type: goal.type,
    enforce: goal.enforce,
    weight: goal.weight,
    ...outcome,
    description: goal.description ?? outcome.description,
  };
}

/**
 * Evaluates a policy: pass or fail per goal with the offending assets (or paths), the posture score, and
 * `passed` — true exactly when every enforced goal passes (the CLI's exit code).
 */
export function evaluateGoals(policy: GoalPolicy, inputs: GoalInputs): GoalsEvaluation {
  const context: Context = { inputs, policy, subjects: new Map(inputs.subjects.map((s) => [s.id, s])) };
  const goals = policy.goals.map((g) => evaluateGoal(context, g));
  return { passed: goals.every((g) => g.passed || !g.enforce), postureScore: postureScore(goals), goals };
}

/** The kinds whose every asset a policy's goals count (paths count their own steps). */
export function kindsCounted(policy: GoalPolicy): NodeKind[] {
  const kinds = new Set<NodeKind>();
  for (const goal of policy.goals) {
    switch (goal.type) {
      case 'max-attack-paths':
        break;
      case 'no-exposed-sensitive-data':
      case 'max-dormant-endpoints':
        kinds.add('ApiEndpoint');
        break;
      case 'encrypted-only':
        for (const kind of goal.kinds) kinds.add(kind);
        break;
      default:
        assertNever(goal, 'goal');
    }
  }
  return [...kinds];
}
