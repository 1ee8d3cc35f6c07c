import { APP_SERVICE_KINDS, type NodeKind, type RiskLevel } from '../../model/index.js';
import type { InputPosition } from '../../util/errors.js';

/** Which assets a goal looks at. Empty = everything. Tags must all match (keys case-insensitive, as in Azure). */
export interface GoalScope {
  /** Subscription GUIDs, lower case. */
  readonly subscriptions?: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
}

export const GOAL_TYPES = [
  'max-attack-paths',
  'no-exposed-sensitive-data',
  'max-dormant-endpoints',
  'encrypted-only',
] as const;
export type GoalType = (typeof GOAL_TYPES)[number];

interface GoalBase {
  readonly id: string;
  readonly description?: string;
  /** Weight in the posture score. Default 1. */
  readonly weight: number;
  /** A failing enforced goal fails the evaluation (non-zero exit); an advisory one (enforce: false) only lowers the score. */
  readonly enforce: boolean;
  /** Replaces the policy's scope for this goal. */
  readonly scope?: GoalScope;
  /** Where the goal is written, for messages. */
  readonly position: InputPosition;
}

/** Risk threshold: at most `max` attack paths at `level` (or at it and above, with orAbove). */
export interface MaxAttackPathsGoal extends GoalBase {
  readonly type: 'max-attack-paths';
  readonly level: RiskLevel;
  readonly orAbove: boolean;
  readonly max: number;
}

/**
 * Data policy: no internet-exposed endpoint that accepts anonymous calls (unless `anonymousOnly: false`) and
 * carries a sensitivity label at or above `minLabel` (a label name or priority); without `minLabel`, any
 * endpoint with the SensitiveData insight offends.
 */
export interface NoExposedSensitiveDataGoal extends GoalBase {
  readonly type: 'no-exposed-sensitive-data';
  readonly minLabel?: string | number;
  readonly anonymousOnly: boolean;
}

/** Dormant-API limit: at most `max` Inactive endpoints and/or at most `maxShare` (0–1) of the endpoints with traffic data. */
export interface MaxDormantEndpointsGoal extends GoalBase {
  readonly type: 'max-dormant-endpoints';
  readonly max?: number;
  readonly maxShare?: number;
}

/** Encryption policy: no asset of these kinds allows unencrypted access (UnencryptedAccess). */
export interface EncryptedOnlyGoal extends GoalBase {
  readonly type: 'encrypted-only';
  readonly kinds: readonly NodeKind[];
}

export type Goal = MaxAttackPathsGoal | NoExposedSensitiveDataGoal | MaxDormantEndpointsGoal | EncryptedOnlyGoal;

export interface GoalPolicy {
  readonly file: string;
  readonly version: 1;
  readonly scope?: GoalScope;
  readonly goals: readonly Goal[];
}

export interface Offender {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly detail: string;
}

export interface GoalResult {
  readonly id: string;
  readonly type: GoalType;
  readonly description: string;
  readonly passed: boolean;
  readonly enforce: boolean;
  readonly weight: number;
  /** 0–1: how far the estate is from the goal (1 = met); see score.ts. */
  readonly compliance: number;
  /** One line: what was measured against what. */
  readonly summary: string;
  readonly offenders: readonly Offender[];
}

export interface GoalsEvaluation {
  /** True when every enforced goal passes: the CLI exits 0 exactly then. */
  readonly passed: boolean;
  /** 0–100, see score.ts. */
  readonly postureScore: number;
  readonly goals: readonly GoalResult[];
}

/** Where plain HTTP shows: API protocols, App Service sites' httpsOnly, Container Apps' allowInsecure. */
export const DEFAULT_ENCRYPTION_KINDS: readonly NodeKind[] = ['Api', 'ApiEndpoint', ...APP_SERVICE_KINDS, 'ContainerApp'];
