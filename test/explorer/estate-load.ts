/**
 * A generated estate as the explorer tests load it: its rows as the ingest pipeline reads them, and its analysis
 * computed once (on the memory store) so the same result can be written to each store under test.
 */
import { analyzeView } from '../../src/analysis/analyze.js';
import { GraphView } from '../../src/analysis/graph-view.js';
import type { InputRow } from '../../src/util/input/rows.js';
import type { AnalysisResult, GraphStore } from '../../src/store/index.js';
import { estateRows, type Estate } from '../../tools/estate/index.js';

/** The estate's rows, each named by its section's file and its place in the stream. */
export function estateInputRows(estate: Estate): InputRow[] {
  return [...estateRows(estate)].map(({ section, row }, index) => ({ file: `${section}.json`, index, value: row }));
}

/** What analysis writes that no explorer query looks at: attack paths and findings, with their edges. */
const RESULT_KINDS = new Set<string>(['AttackPath', 'Finding', 'TRAVERSES', 'AFFECTS']);

/**
 * The analysis of the estate ingested into `memory`. Attack paths and findings are left out: the queries do not
 * look at them, and with them the single analysis transaction outgrows the test server's transaction memory limit
 * (128 MiB). Traffic insights need gateway logs, which the generated estate has none of: a fixed share of
 * endpoints is marked Inactive or SensitiveData so the templates on those have rows.
 */
export async function estateAnalysis(memory: GraphStore): Promise<AnalysisResult> {
  const view = await GraphView.load(memory);
  const output = analyzeView(view);
  view.ofKind('ApiEndpoint').forEach((endpoint, i) => {
    if (i % 4 === 0) output.insights.add(endpoint, 'SensitiveData', { source: 'test' });
    if (i % 5 === 0) output.insights.add(endpoint, 'Inactive', { source: 'test' });
  });
  return {
    nodes: output.nodes.filter((n) => !RESULT_KINDS.has(n.kind)),
    edges: output.edges.filter((e) => !RESULT_KINDS.has(e.kind)),
    insights: output.insights.updates(),
  };
}
