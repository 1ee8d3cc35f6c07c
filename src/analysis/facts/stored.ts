import { listAllNodes } from '../../store/list-all.js';
import type { GraphStore, StoreTarget } from '../../store/index.js';
import { NoDataError } from '../../util/errors.js';
import { cutPlan, type ChokePoint, type PlanSteps, type RemediationPlan } from '../chokepoints/index.js';
import { compareFixGain } from '../chokepoints/rank.js';
import { evaluateGoals, kindsCounted, subjectOfNode, type GoalPolicy, type GoalsEvaluation } from '../goals/index.js';
import { recordFromNode, type AttackPathRecord } from '../paths/index.js';
import { chokePointFromNode, planFromNode, subjectFromNode } from './decode.js';
import { GOAL_SUBJECT_KINDS, REMEDIATION_PLAN_ID } from './nodes.js';

/** The stored attack paths as records, riskiest first. */
export async function storedPathRecords(store: GraphStore): Promise<AttackPathRecord[]> {
  return (await listAllNodes(store, 'AttackPath')).map(recordFromNode).sort((a, b) => a.rank - b.rank);
}

/**
 * The facts the last analysis stored, read on demand and each read once: choke points, the remediation plan
 * and the goals' inputs. Nothing here re-runs the path engine. Whether the analysis is still current is the
 * caller's to check first (assertAnalysed): these are the facts of the last analysis, whatever changed since.
 */
export class StoredFacts {
  private readonly reads = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: GraphStore,
    private readonly target: StoreTarget,
  ) {}

  /** Riskiest first; without assets, only the recommendation fixes (each is ranked on its own, so the order holds). */
  async chokePoints(includeAssets: boolean): Promise<ChokePoint[]> {
    await this.planSteps();
    const points = await this.read('chokePoints', async () =>
      (await listAllNodes(this.store, 'ChokePoint')).map(chokePointFromNode).sort(compareFixGain),
    );
    return includeAssets ? points : points.filter((p) => p.kind === 'recommendation');
  }

  async plan(maxFixes: number): Promise<RemediationPlan> {
    return cutPlan(await this.planSteps(), maxFixes);
  }

  async goals(policy: GoalPolicy): Promise<GoalsEvaluation> {
    await this.planSteps();
    const [subjects, labels, paths] = await Promise.all([
      this.read('subjects', async () => (await listAllNodes(this.store, 'GoalSubject')).map(subjectFromNode)),
      this.read('labels', () => listAllNodes(this.store, 'SensitivityLabel')),
      this.read('paths', () => storedPathRecords(this.store)),
    ]);
    const all = new Map(subjects.map((s) => [s.id, s]));
    // Kinds no subject was stored for (a policy's own encrypted-only kinds): their nodes, as stored, scope themselves.
    for (const kind of kindsCounted(policy).filter((k) => !GOAL_SUBJECT_KINDS.includes(k))) {
      const read = await this.read(`kind:${kind}`, async () => (await listAllNodes(this.store, kind)).map(subjectOfNode));
      for (const subject of read) all.set(subject.id, subject);
    }
    return evaluateGoals(policy, { subjects: [...all.values()], labels, paths });
  }

  /** Every analysis writes the plan node, even with no step: without it, the analysis predates stored facts. */
  private planSteps(): Promise<PlanSteps> {
    return this.read('plan', async () => {
      const node = await this.store.getNode(REMEDIATION_PLAN_ID);
      if (node) return planFromNode(node);
      const analyze = `apiposture analyze${this.target.flags ? ` ${this.target.flags}` : ''}`;
      throw new NoDataError(`${this.target.where} was analysed by an earlier version, which kept no choke points or remediation plan; run \`${analyze}\``);
    });
  }

  /** One read per name, shared by concurrent callers; a failed one (a deadline, a store error) is forgotten, so the next call retries. */
  private read<T>(name: string, load: () => Promise<T>): Promise<T> {
    const hit = this.reads.get(name);
    if (hit) return hit as Promise<T>;
    const promise = load();
    this.reads.set(name, promise);
    promise.catch(() => {
      if (this.reads.get(name) === promise) this.reads.delete(name);
    });
    return promise;
  }
}
