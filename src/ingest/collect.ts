import { validateEdge, validateNode, type EdgeKind, type GraphEdge, type GraphNode, type JsonValue, type NodeKind } from '../model/index.js';
import { ingestedProperties } from '../store/property-owners.js';
import { InputError, ValidationError, type InputPosition } from '../util/errors.js';
import type { NodeRef, PropertyInput, TransformOutput } from './azure/transform.js';

interface Pending {
  kind: NodeKind;
  properties: Record<string, JsonValue | undefined>;
  origin: InputPosition;
}

interface PendingUpdate {
  properties: Record<string, JsonValue | undefined>;
  origin: InputPosition;
}

/** A child row left out because its parent is neither in the input nor stored: no phantom node is made for it. */
export interface IncompleteRow {
  readonly file: string;
  readonly index: number;
  /** What the row would have made or described, e.g. `ApiEndpoint /subscriptions/…/operations/get`. */
  readonly what: string;
  readonly parentId: string;
}

/**
 * Kinds that exist only inside a parent (gateway → API → endpoint, gateway → product/backend, app → API): without
 * the parent they would be phantoms, e.g. an endpoint with no method, URL or source.
 */
const NEEDS_PARENT: ReadonlySet<NodeKind> = new Set<NodeKind>(['Api', 'ApiEndpoint', 'ApiProduct', 'ApiBackend']);

interface PendingEdge {
  kind: EdgeKind;
  from: NodeRef;
  to: NodeRef;
  properties: PropertyInput;
  origin: InputPosition;
}

/**
 * Gathers what transforms emit for a whole run. A node seen in several rows is merged (later values win), so
 * a reference-only node (a user-assigned identity named by a VM) and the identity's own row become one node.
 */
export class GraphCollector implements TransformOutput {
  readonly nodes = new Map<string, Pending>();
  private readonly edges = new Map<string, PendingEdge>();
  private readonly updates = new Map<string, PendingUpdate>();
  private origin: InputPosition = { file: '(none)' };
  /** Child rows left out so far: updates with no node to describe, nodes whose parent is absent. */
  readonly incomplete: IncompleteRow[] = [];

  at(origin: InputPosition): this {
    this.origin = origin;
    return this;
  }

  node(kind: NodeKind, id: string, properties: PropertyInput): NodeRef {
    const existing = this.nodes.get(id);
    if (existing && existing.kind !== kind) {
      throw new InputError(this.origin, `${id} is both ${existing.kind} and ${kind}`);
    }
    if (existing) {
      const target = existing.properties;
      for (const name of Object.keys(properties)) {
        const value = properties[name];
        if (value !== undefined && value !== null) target[name] = value;
      }
    } else {
      // Transforms hand over a fresh object per call (see TransformOutput.node): kept as it is, not copied.
      if (!('source' in properties)) properties['source'] = undefined;
      this.nodes.set(id, { kind, properties, origin: this.origin });
    }
    return { id, kind };
  }

  append(ref: NodeRef, property: string, item: JsonValue): void {
    this.node(ref.kind, ref.id, {});
    const pending = this.nodes.get(ref.id)!;
    const list = Array.isArray(pending.properties[property]) ? (pending.properties[property] as JsonValue[]) : [];
    const key = JSON.stringify(item);
    if (!list.some((existing) => JSON.stringify(existing) === key)) list.push(item);
    pending.properties[property] = list;
  }

  update(id: string, properties: PropertyInput): void {
    const pending = this.updates.get(id) ?? { properties: {}, origin: this.origin };
    for (const name of Object.keys(properties)) {
      const value = properties[name];
      if (value !== undefined && value !== null) pending.properties[name] = value;
    }
    this.updates.set(id, pending);
  }

  /** Ids that pending updates name but no row of this run wrote: the pipeline looks them up in the store. */
  updateDependencies(): string[] {
    return [...this.updates.keys()].filter((id) => !this.nodes.has(id));
  }

  /**
   * Merges pending updates into this run's nodes, or into a copy of the stored node as ingest wrote it: the store
   * replaces a node's properties exactly on upsert, so the update is written as the whole node it completes. An
   * update naming a node found nowhere is dropped: there is nothing to describe.
   */
  applyUpdates(stored: ReadonlyMap<string, GraphNode> = new Map()): void {
    for (const [id, update] of this.updates) {
      const storedNode = this.nodes.has(id) ? undefined : stored.get(id);
      if (storedNode) this.at(update.origin).node(storedNode.kind, id, { ...ingestedProperties(storedNode), ...update.properties });
      else if (this.nodes.has(id)) this.at(update.origin).node(this.nodes.get(id)!.kind, id, update.properties);
      else this.incomplete.push({ file: update.origin.file, index: update.origin.index ?? 0, what: `settings of ${id}`, parentId: id });
    }
    this.updates.clear();
  }

  /** The parents (by CONTAINS) of every pending node that needs one, by child id. */
  private parentsOf(): Map<string, string[]> {
    const parents = new Map<string, string[]>();
    for (const [id, pending] of this.nodes) if (NEEDS_PARENT.has(pending.kind)) parents.set(id, []);
    for (const e of this.edges.values()) if (e.kind === 'CONTAINS') parents.get(e.to.id)?.push(e.from.id);
    return parents;
  }

  /**
   * Ids to look up in the store before `dropOrphans`: parents of child nodes that this run did not write, and
   * child nodes that no row placed under a parent (they may merge into a stored node).
   */
  parentDependencies(): string[] {
    const ids = new Set<string>();
    for (const [id, parents] of this.parentsOf()) {
      if (parents.length === 0) ids.add(id);
      for (const parent of parents) if (!this.nodes.has(parent)) ids.add(parent);
    }
    return [...ids];
  }

  /**
   * Drops child nodes whose parent is neither in this run nor stored (and, in turn, their own children), with the
   * edges that touch them; each is recorded as incomplete at the row that made it. A parent in a later file of the
   * same run is in this run: the child is kept and attached.
   */
  dropOrphans(stored: ReadonlySet<string>): void {
    for (;;) {
      const orphans = new Map<string, string>();
      for (const [id, parents] of this.parentsOf()) {
        if (parents.length === 0 && !stored.has(id)) orphans.set(id, parentOf(id));
        const missing = parents.find((parent) => !this.nodes.has(parent) && !stored.has(parent));
        if (missing !== undefined && parents.every((parent) => !this.nodes.has(parent) && !stored.has(parent))) orphans.set(id, missing);
      }
      if (orphans.size === 0) return;
      for (const [id, parentId] of orphans) {
        const pending = this.nodes.get(id)!;
        this.incomplete.push({ file: pending.origin.file, index: pending.origin.index ?? 0, what: `${pending.kind} ${id}`, parentId });
        this.nodes.delete(id);
      }
      for (const [key, e] of this.edges) if (orphans.has(e.from.id) || orphans.has(e.to.id)) this.edges.delete(key);
    }
  }

  edge(kind: EdgeKind, from: NodeRef, to: NodeRef, properties: PropertyInput = {}): void {
    this.edges.set(`${from.id}\u0000${kind}\u0000${to.id}`, { kind, from, to, properties, origin: this.origin });
  }

  /** Validated nodes and edges; a model violation is reported at the row that produced it. */
  build(source: string): { nodes: GraphNode[]; edges: GraphEdge[] } {
    this.applyUpdates();
    const nodes: GraphNode[] = new Array<GraphNode>(this.nodes.size);
    let i = 0;
    for (const [id, pending] of this.nodes) {
      // The collector owns its pending property objects: stamp the source in place rather than copying.
      pending.properties['source'] = source;
      try {
        nodes[i++] = validateNode({ id, kind: pending.kind, properties: pending.properties });
      } catch (error) {
        throw this.atOrigin(pending.origin, error);
      }
    }
    const edges: GraphEdge[] = new Array<GraphEdge>(this.edges.size);
    i = 0;
    for (const e of this.edges.values()) {
      const fromKind = this.nodes.get(e.from.id)?.kind ?? e.from.kind;
      const toKind = this.nodes.get(e.to.id)?.kind ?? e.to.kind;
      try {
        edges[i++] = validateEdge({ kind: e.kind, from: e.from.id, fromKind, to: e.to.id, toKind, properties: e.properties });
      } catch (error) {
        throw this.atOrigin(e.origin, error);
      }
    }
    return { nodes, edges };
  }

  private atOrigin(origin: InputPosition, error: unknown): unknown {
    return error instanceof ValidationError ? new InputError(origin, error.message) : error;
  }
}

/** The ARM parent of a child id (`…/apis/a/operations/o` → `…/apis/a`): what a child with no placing row lacks. */
function parentOf(id: string): string {
  const parts = id.split('/');
  return parts.slice(0, Math.max(parts.length - 2, 0)).join('/');
}
