import { APP_SERVICE_KINDS, type GraphEdge, type NodeKind } from '../../model/index.js';

const HOLDERS: ReadonlySet<NodeKind> = new Set(['ApiGateway', 'Api', ...APP_SERVICE_KINDS]);
const HELD: ReadonlySet<NodeKind> = new Set(['Api', 'ApiEndpoint']);
const MAX_DEPTH = 3;

/**
 * Who holds which API or endpoint (CONTAINS: gateway or app → API → endpoint). An API's protocols, or an app's
 * httpsOnly, show up as the same insight on every endpoint below it; one fix at the holder repairs them all.
 */
export class ApiHoldings {
  private readonly parent = new Map<string, string>();
  private readonly children = new Map<string, string[]>();

  constructor(edges: readonly GraphEdge[]) {
    for (const edge of edges) {
      if (edge.kind !== 'CONTAINS' || !HOLDERS.has(edge.fromKind) || !HELD.has(edge.toKind)) continue;
      if (!this.parent.has(edge.to)) this.parent.set(edge.to, edge.from);
      const list = this.children.get(edge.from);
      if (list) list.push(edge.to);
      else this.children.set(edge.from, [edge.to]);
    }
  }

  ancestors(id: string): string[] {
    const out: string[] = [];
    for (let at = this.parent.get(id); at !== undefined && out.length < MAX_DEPTH; at = this.parent.get(at))
      out.push(at);
    return out;
  }

  descendants(id: string): string[] {
    const out: string[] = [];
    let level = [id];
    for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
      level = level.flatMap((x) => this.children.get(x) ?? []);
      out.push(...level);
    }
    return out;
  }
}
