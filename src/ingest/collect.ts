import { validateEdge, validateNode, type EdgeKind, type GraphEdge, type GraphNode, type JsonValue, type NodeKind } from '../model/index.js';
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
   * Merges pending updates into this run's nodes, or into the stored node (by its stored kind; the store merges
   * properties on upsert). An update naming a node found nowhere is dropped: there is nothing to describe.
   */
  applyUpdates(storedKinds: ReadonlyMap<string, NodeKind> = new Map()): void {
    for (const [id, update] of this.updates) {
      const kind = this.nodes.get(id)?.kind ?? storedKinds.get(id);
      if (kind) this.at(update.origin).node(kind, id, update.properties);
    }
    this.updates.clear();
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
