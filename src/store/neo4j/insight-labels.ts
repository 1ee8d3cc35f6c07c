/**
 * Insights as labels, beside the `insights` list property the reads return. Neo4j 5 indexes cannot serve "this
 * value is an element of that list" (a range index on a list property is not used for `$x IN n.insights`), so a
 * query anchored on an insight would scan every node of its kind. A label per insight (`InsightInternetExposed`,
 * …) is served by the token lookup index and counted in the count store, so the planner can start from the nodes
 * that carry the insight, or intersect it with the kind's label, and knows how many there are.
 *
 * The labels are written and cleared with the analysis that owns the insights: `insightLabelStatements` and
 * `clearInsightLabelsCypher` are the analysis write's only concern here; they take plain ids so they fit whatever
 * way the analysis is batched.
 */
import { INSIGHTS, type Insight } from '../../model/index.js';
import { ENTITY_LABEL, quoteName as q } from './cypher.js';

/** The label a node carries while the current analysis gives it `insight`. */
export function insightLabel(insight: Insight): string {
  return `Insight${insight}`;
}

export interface InsightLabelStatement {
  readonly cypher: string;
  readonly parameters: { readonly ids: readonly string[] };
}

/**
 * Statements that label the nodes carrying each insight, at most `batchSize` ids each; one per insight and batch,
 * because a label cannot be a parameter (dynamic labels need Neo4j 5.26, and the store supports every 5.x).
 */
export function insightLabelStatements(
  updates: readonly { readonly id: string; readonly insights: readonly Insight[] }[],
  batchSize: number,
): InsightLabelStatement[] {
  const idsByInsight = new Map<Insight, string[]>();
  for (const update of updates) {
    for (const insight of update.insights) {
      const ids = idsByInsight.get(insight);
      if (ids) ids.push(update.id);
      else idsByInsight.set(insight, [update.id]);
    }
  }
  return INSIGHTS.flatMap((insight) => {
    const ids = idsByInsight.get(insight) ?? [];
    const cypher = `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) SET n:${q(insightLabel(insight))}`;
    const statements: InsightLabelStatement[] = [];
    for (let i = 0; i < ids.length; i += batchSize) statements.push({ cypher, parameters: { ids: ids.slice(i, i + batchSize) } });
    return statements;
  });
}

/** Statements that take every insight label off the nodes that carry it (the previous analysis's). */
export function clearInsightLabelsCypher(): string[] {
  return INSIGHTS.map((insight) => `MATCH (n:${q(insightLabel(insight))}) REMOVE n:${q(insightLabel(insight))}`);
}
