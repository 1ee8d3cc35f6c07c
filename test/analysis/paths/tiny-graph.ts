import {
  validateEdge,
  validateNode,
  type GraphEdge,
  type GraphNode,
  type Insight,
  type JsonValue,
  type NodeKind,
} from '../../../src/model/index.js';
import type { AnalysisGraph } from '../../../src/analysis/paths/index.js';

type Props = Readonly<Record<string, JsonValue | undefined>>;

/**
 * Tiny inline graphs for engine tests (graphology's habit): nodes by short id and kind, edges as a list.
 * Everything goes through validateNode/validateEdge, so a fixture can never hold what the model forbids.
 */
export class TinyGraph {
  private readonly byId = new Map<string, GraphNode>();
  private readonly edgeList: GraphEdge[] = [];

  node(id: string, kind: NodeKind, properties: Props = {}, insights: readonly Insight[] = []): this {
    const props = {
      name: id.slice(id.lastIndexOf('/') + 1) || id,
      ...properties,
      ...(insights.length ? { insights: [...insights] } : {}),
    };
    this.byId.set(id, validateNode({ id, kind, properties: props }));
    return this;
  }

  internet(): this {
    return this.node('internet', 'Internet');
  }

  edge(kind: string, from: string, to: string, properties: Props = {}): this {
    const a = this.byId.get(from);
    const b = this.byId.get(to);
    if (!a || !b) throw new Error(`edge ${from} → ${to}: add both nodes first`);
    this.edgeList.push(validateEdge({ kind, from, fromKind: a.kind, to, toKind: b.kind, properties }));
    return this;
  }

  /** Sets (replaces) the insights of a node. */
  insights(id: string, insights: readonly Insight[]): this {
    const node = this.byId.get(id);
    if (!node) throw new Error(`no node ${id}`);
    this.byId.set(id, { ...node, properties: { ...node.properties, insights: [...insights] } });
    return this;
  }

  get(id: string): GraphNode {
    const node = this.byId.get(id);
    if (!node) throw new Error(`no node ${id}`);
    return node;
  }

  graph(): AnalysisGraph {
    return { nodes: [...this.byId.values()], edges: [...this.edgeList] };
  }
}

const ROLES = {
  read: 'Storage Blob Data Reader',
  write: 'Storage Blob Data Contributor',
  admin: 'Storage Blob Data Owner',
} as const;

/**
 *   internet ─CAN_REACH─► gw ─CONTAINS─► api ─CONTAINS─► ep ─ROUTES_TO─► fn ─CAN_AUTHENTICATE_AS─► mi ─HAS_PERMISSION_TO(write)─► st
 */
export function apiToStore(options: { epInsights?: Insight[]; access?: 'read' | 'write' | 'admin' } = {}): TinyGraph {
  return new TinyGraph()
    .internet()
    .node('/gw', 'ApiGateway')
    .node('/gw/apis/a', 'Api', { apiSource: 'apim' })
    .node('/gw/apis/a/operations/op', 'ApiEndpoint', { endpointSource: 'apim' }, options.epInsights ?? [])
    .node('/fn', 'FunctionApp')
    .node('/fn/identities/system', 'ManagedIdentity')
    .node('/st', 'StorageAccount')
    .edge('CAN_REACH', 'internet', '/gw', { ports: ['443'], scope: 'any' })
    .edge('CONTAINS', '/gw', '/gw/apis/a')
    .edge('CONTAINS', '/gw/apis/a', '/gw/apis/a/operations/op')
    .edge('ROUTES_TO', '/gw/apis/a/operations/op', '/fn', { resolvedBy: 'serviceUrl' })
    .edge('CAN_AUTHENTICATE_AS', '/fn', '/fn/identities/system')
    .edge('HAS_PERMISSION_TO', '/fn/identities/system', '/st', {
      accessLevel: options.access ?? 'write',
      roles: [ROLES[options.access ?? 'write']],
    });
}
