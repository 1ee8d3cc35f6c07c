import type { Fix } from '../../analysis/chokepoints/index.js';
import type { StoredFacts } from '../../analysis/facts/index.js';
import { requireAdmin, type ApiContext } from '../context.js';
import { apiError } from '../errors.js';
import { checkDeadline } from '../loaders.js';
import { withinBudget } from '../../util/deadline.js';

/** Choke points and the remediation plan are limited to this many entries per answer. */
const MAX_FIXES = 100;

function fixCount(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_FIXES)
    throw apiError('BAD_USER_INPUT', `${what} must be an integer from 1 to ${MAX_FIXES}`);
  return value;
}

/** An answer from the last analysis's stored facts, within the request's budget. */
async function fromFacts<T>(context: ApiContext, answer: (facts: StoredFacts) => Promise<T>): Promise<T> {
  checkDeadline(context.signal, context.deadline);
  const result = await withinBudget(
    context.services.analysis.facts().then((facts) => answer(facts)),
    context.deadline,
  );
  checkDeadline(context.signal, context.deadline);
  return result;
}

async function chokePoints(_: unknown, args: { first: number; includeAssets: boolean }, context: ApiContext) {
  const first = fixCount(args.first, 'first');
  return (await fromFacts(context, (facts) => facts.chokePoints(args.includeAssets))).slice(0, first);
}

async function remediationPlan(_: unknown, args: { maxFixes: number }, context: ApiContext) {
  const maxFixes = fixCount(args.maxFixes, 'maxFixes');
  return fromFacts(context, (facts) => facts.plan(maxFixes));
}

async function postureGoals(_: unknown, __: unknown, context: ApiContext) {
  const policy = context.services.goals;
  if (!policy)
    throw apiError(
      'NOT_FOUND',
      'no posture goals policy: start the server with --policy FILE (or goals.policy in --config)',
    );
  const evaluation = await fromFacts(context, (facts) => facts.goals(policy));
  return { policy: policy.file, ...evaluation };
}

async function reanalyze(_: unknown, __: unknown, context: ApiContext) {
  requireAdmin(context, 'reanalyze');
  return context.services.reanalyze();
}

export const analysisQueries = { chokePoints, remediationPlan, postureGoals };
export const analysisMutations = { reanalyze };

const fixFields = {
  fixKind: (fix: Fix) => fix.kind,
  recommendationId: (fix: Fix) => fix.recommendationId ?? null,
  recommendation: (fix: Fix) => fix.recommendation ?? null,
  severity: (fix: Fix) => fix.severity ?? null,
  asset: (fix: Fix, _: unknown, context: ApiContext) => context.loaders.nodes.load(fix.assetId),
};

export const analysisTypes = { ChokePoint: fixFields, Fix: fixFields };
