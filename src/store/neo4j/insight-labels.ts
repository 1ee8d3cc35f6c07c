/**
 * Insights as labels, beside the `insights` list property the reads return. Neo4j 5 indexes cannot serve "this
 * value is an element of that list" (a range index on a list property is not used for `$x IN n.insights`), so a
 * query anchored on an insight would scan every node of its kind. A label per insight (`InsightInternetExposed`,
 * …) is served by the token lookup index and counted in the count store, so the planner can start from the nodes
 * that carry the insight, or intersect it with the kind's label, and knows how many there are.
 *
 * Labels are not versioned like the insight slots (generation.ts): a generation being written adds its labels
 * before the switch, so a label may be one the current analysis does not give. A label is therefore only the index
 * that narrows a query; the current slot's `insights` decides (explore-cypher.ts tests both). Once a generation is
 * current, `staleInsightLabelsCypher` takes off the labels it does not give, in batches.
 */
import { INSIGHTS, type Insight } from '../../model/index.js';
import { insightsOf } from './generation.js';
import { quoteName as q } from './names.js';

/** The label a node carries while the current analysis gives it `insight`. */
export function insightLabel(insight: Insight): string {
  return `Insight${insight}`;
}

/**
 * Clauses labelling the matched node `n` with each insight its `row.insights` lists, one FOREACH per insight (not a
 * dynamic `SET n:$(…)`: the planner cannot tell such a label from the Entity label the statement matches on, so it
 * would buffer every row of the batch before the first write). They run in the
 * statement that writes the slot's lists (generation.ts), after the SET, so a labelled node always carries this
 * generation's insights and each node is looked up once rather than once more per insight it has. The insight is a
 * parameter, `$labelInsights[i]`, taken from LABEL_INSIGHTS.
 */
export function insightLabelClauses(): string[] {
  return INSIGHTS.map(
    (insight, i) => `FOREACH (_ IN CASE WHEN $labelInsights[${i}] IN row.insights THEN [1] ELSE [] END | SET n:${q(insightLabel(insight))})`,
  );
}

/**
 * Bounded removals (generation-writer.ts repeats each until it removes fewer than `$batchSize`) of the labels the
 * current generation (`$generation`) does not give: a previous analysis's, or an interrupted write's. The insight
 * is a parameter, `$labelInsights[i]`, taken from LABEL_INSIGHTS.
 */
export function staleInsightLabelsCypher(): string[] {
  return INSIGHTS.map((insight, i) => {
    const label = q(insightLabel(insight));
    return `MATCH (n:${label}) WHERE NOT $labelInsights[${i}] IN coalesce(${insightsOf('n')}, []) WITH n LIMIT toInteger($batchSize) REMOVE n:${label} RETURN count(*) AS removed`;
  });
}

/** The parameter `staleInsightLabelsCypher` reads. */
export const LABEL_INSIGHTS: readonly Insight[] = INSIGHTS;
