/**
 * Neo4j query plans as the driver returns them (`summary.plan` after EXPLAIN, `summary.profile` after PROFILE),
 * walked to check how a query is executed: where it starts reading and whether it stops at its page.
 */
import { INSIGHTS } from '../../src/model/index.js';
import { insightLabel } from '../../src/store/neo4j/insight-labels.js';

export interface PlanNode {
  readonly operatorType: string;
  readonly identifiers: readonly string[];
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly children: readonly PlanNode[];
}

/** The operator's name without the runtime suffix Neo4j appends (`NodeByLabelScan@neo4j`). */
export const operatorName = (node: PlanNode) => node.operatorType.split('@')[0]!;
const details = (node: PlanNode) => String(node.arguments['Details'] ?? '');

export function* planNodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.children) yield* planNodes(child);
}

const INSIGHT_LABELS = new Set(INSIGHTS.map(insightLabel));

/** The variable and the labels named in a label scan's details: `n:A`, `n:A&B`, `n:A|B`. */
function scanned(node: PlanNode): { readonly variable: string; readonly labels: string[] } {
  const match = /^\s*(\w+):([\w&|`]+)/.exec(details(node));
  return match ? { variable: match[1]!, labels: match[2]!.replaceAll('`', '').split(/[&|]/) } : { variable: '', labels: [] };
}

/**
 * What is wrong with a plan, in words (empty when nothing is):
 * - an AllNodesScan reads the whole database;
 * - a label scan is a seek only on an insight label (the token index is that condition's index); on a kind or
 *   family label it reads every node of the kind, where the kind's id index gives them in order and LIMIT stops
 *   the read at the page, and an indexed anchor condition reads fewer still. The exception is `kindScans`: the
 *   far end of a matched connection whose target has no condition, where the kind's label is the only index
 *   there is, and which the planner starts from when that kind is the smaller side;
 * - without a Limit or Top on `$first` nothing stops the query at its page.
 */
export function planFaults(plan: PlanNode, kindScans: ReadonlySet<string> = new Set()): string[] {
  const faults: string[] = [];
  let limited = false;
  for (const node of planNodes(plan)) {
    const name = operatorName(node);
    if (name === 'AllNodesScan') faults.push(`AllNodesScan (${details(node)})`);
    if (/^(Node|IntersectionNodeBy|UnionNodeBy|SubtractionNodeBy)\w*Labels?Scan$/.test(name) || name === 'NodeByLabelScan') {
      const { variable, labels } = scanned(node);
      const anchoredOnInsight = name.startsWith('Union')
        ? labels.every((l) => INSIGHT_LABELS.has(l))
        : labels.some((l) => INSIGHT_LABELS.has(l));
      if (!anchoredOnInsight && !kindScans.has(variable))
        faults.push(`${name} over every node of ${labels.join(', ') || details(node)}`);
    }
    if ((name === 'Limit' || name === 'Top') && details(node).includes('$first')) limited = true;
  }
  if (!limited) faults.push('no Limit or Top on $first: the whole match is read before the page is cut');
  return faults;
}

/** The plan as indented text, for a failure message. */
export function planText(plan: PlanNode, depth = 0): string {
  return [`${'  '.repeat(depth)}${operatorName(plan)} ${details(plan)}`.trimEnd(), ...plan.children.map((c) => planText(c, depth + 1))].join('\n');
}
