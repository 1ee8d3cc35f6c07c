import GraphologyGraph from 'graphology';
import { streamInputFiles } from '../../src/util/input/read-files.js';
import { ResourceTransformer } from '../../src/ingest/resource-transformer.js';
import { edgeKey } from '../../src/model/index.js';

export interface IngestFloorsArgs {
  readonly dir: string;
}

export interface IngestFloorsResult {
  /** Reading the files and cutting and parsing every row (JSON.parse), with nothing done with the rows. */
  readonly parseSeconds: number;
  /** Adding the ingest's nodes and edges, keyed as the memory store keys them, to an empty graphology multigraph. */
  readonly graphologySeconds: number;
  readonly nodes: number;
  readonly edges: number;
}

/**
 * Two floors under the memory ingest, each timed alone: what reading the JSON costs, and what the graph library the
 * embedded store is built on (graphology, DESIGN §8) costs to hold the result. Together they bound how fast any
 * transform on top of them can make the whole ingest.
 */
export async function ingestFloors(args: IngestFloorsArgs): Promise<IngestFloorsResult> {
  let started = performance.now();
  let rows = 0;
  await streamInputFiles([args.dir], () => void (rows += 1), () => {});
  const parseSeconds = (performance.now() - started) / 1000;

  const transformer = new ResourceTransformer({ source: 'azure-export' });
  await streamInputFiles([args.dir], (row) => transformer.add(row), () => {});
  const { nodes, edges } = await transformer.finish();
  const graph = new GraphologyGraph.MultiDirectedGraph({ allowSelfLoops: true });
  started = performance.now();
  for (const node of nodes) graph.addNode(node.id, { kind: node.kind, properties: node.properties });
  for (const edge of edges) {
    if (graph.hasNode(edge.from) && graph.hasNode(edge.to))
      graph.addEdgeWithKey(edgeKey(edge), edge.from, edge.to, { kind: edge.kind, properties: edge.properties });
  }
  const graphologySeconds = (performance.now() - started) / 1000;
  if (rows === 0) throw new Error(`no rows in ${args.dir}`);
  return { parseSeconds, graphologySeconds, nodes: graph.order, edges: graph.size };
}
