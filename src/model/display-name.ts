import type { GraphNode } from './graph.js';

/**
 * The name every surface shows for an asset (CLI tables and JSON, GraphQL `Asset.name`, path steps, reports,
 * the web page). Ingest sets `name` in Azure's casing and in the shape people recognise — an identity as
 * `<owner> (system-assigned)` or its resource name, a Logic App trigger as `<workflow>/<trigger>` — so that wins;
 * only a node without one falls back to its id's last segment (ids are lower-cased, so that loses Azure's casing).
 */
export function displayNameOf(id: string, name: unknown): string {
  if (typeof name === 'string' && name.length > 0) return name;
  return id.slice(id.lastIndexOf('/') + 1) || id;
}

/** {@link displayNameOf} for a node of the graph. */
export function nodeDisplayName(node: GraphNode): string {
  return displayNameOf(node.id, node.properties['name']);
}
