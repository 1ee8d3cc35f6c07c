import type { EndpointCatalogEntry } from './catalog.js';
import type { GatewayLogRecord } from './record.js';
import { compileTemplate, pathSegments, urlParts, type CompiledTemplate } from './url-template.js';

export type MatchMethod = 'id' | 'url';

/** Why a row maps to no known endpoint. */
export type UnmatchedReason =
  /** Neither API/operation names that resolve nor a URL. */
  | 'no-names-or-url'
  /** The row's service (or URL host) is not a gateway in the graph. */
  | 'unknown-gateway'
  /** No API path of the gateway is a prefix of the URL path. */
  | 'no-api-for-path'
  /** The API was found but none of its operations fits the method and path (APIM answers 404 too). */
  | 'no-operation-for-path';

export type MatchResult =
  | { readonly endpointId: string; readonly by: MatchMethod }
  | { readonly endpointId: null; readonly reason: UnmatchedReason };

interface OperationRoute {
  readonly endpointId: string;
  readonly method: string;
  readonly template: CompiledTemplate;
}

interface ApiRoute {
  readonly segments: readonly string[];
  readonly operations: OperationRoute[];
}

const SEP = '\u0000';

function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
/** Revision APIs are named `orders-api;rev=2`: the same operations as the current revision in the graph. */
const baseName = (name: string) => name.replace(/;rev=.*$/i, '').toLowerCase();

/**
 * Maps log rows to ApiEndpoint ids. By names first: `ApiId`/`OperationId` are entity names, unique only within a
 * service, so the key includes the gateway id. Then by URL, as APIM routes: the API whose path is the longest
 * prefix of the request path, then the operation whose method and URL template fit the rest.
 */
export class EndpointMatcher {
  private readonly byIds = new Map<string, string>();
  /** For rows without a service id: names that identify one endpoint across all gateways. */
  private readonly byNames = new Map<string, string[]>();
  /** Per gateway, its APIs longest path first. */
  private readonly routes = new Map<string, ApiRoute[]>();
  private readonly hosts = new Map<string, string[]>();
  private readonly gateways = new Set<string>();

  constructor(entries: readonly EndpointCatalogEntry[]) {
    const apis = new Map<string, ApiRoute>();
    for (const e of entries) {
      const names = `${baseName(e.apiName)}${SEP}${e.operationName.toLowerCase()}`;
      this.byIds.set(`${e.gatewayId}${SEP}${names}`, e.endpointId);
      listOf(this.byNames, names).push(e.endpointId);
      this.gateways.add(e.gatewayId);
      for (const host of e.gatewayHosts) {
        const list = listOf(this.hosts, host);
        if (!list.includes(e.gatewayId)) list.push(e.gatewayId);
      }
      if (e.apiPath === null) continue;
      const apiKey = `${e.gatewayId}${SEP}${e.apiName.toLowerCase()}`;
      let api = apis.get(apiKey);
      if (!api) {
        api = { segments: pathSegments(e.apiPath), operations: [] };
        apis.set(apiKey, api);
        listOf(this.routes, e.gatewayId).push(api);
      }
      api.operations.push({ endpointId: e.endpointId, method: e.method, template: compileTemplate(e.urlTemplate) });
    }
    for (const list of this.routes.values()) list.sort((a, b) => b.segments.length - a.segments.length);
  }

  match(record: Pick<GatewayLogRecord, 'gatewayId' | 'apiId' | 'operationId' | 'method' | 'url'>): MatchResult {
    if (record.apiId && record.operationId) {
      const names = `${baseName(record.apiId)}${SEP}${record.operationId.toLowerCase()}`;
      const byId = record.gatewayId ? this.byIds.get(`${record.gatewayId}${SEP}${names}`) : this.uniqueByNames(names);
      if (byId) return { endpointId: byId, by: 'id' };
    }
    if (!record.url)
      return {
        endpointId: null,
        reason: record.gatewayId && !this.gateways.has(record.gatewayId) ? 'unknown-gateway' : 'no-names-or-url',
      };
    return this.matchUrl(record.gatewayId, record.method, record.url);
  }

  private uniqueByNames(names: string): string | undefined {
    const ids = this.byNames.get(names);
    return ids?.length === 1 ? ids[0] : undefined;
  }

  private gatewaysFor(gatewayId: string | undefined, host: string | null): string[] {
    if (gatewayId) return this.routes.has(gatewayId) ? [gatewayId] : [];
    return host ? (this.hosts.get(host) ?? []).filter((g) => this.routes.has(g)) : [];
  }

  private matchUrl(gatewayId: string | undefined, method: string | undefined, url: string): MatchResult {
    const { host, segments } = urlParts(url);
    const gateways = this.gatewaysFor(gatewayId, host);
    if (gateways.length === 0) return { endpointId: null, reason: 'unknown-gateway' };
    let apiFound = false;
    for (const gateway of gateways) {
      const apis = this.routes.get(gateway) ?? [];
      const prefixed = longestPrefixApis(apis, segments);
      if (prefixed.length === 0) continue;
      apiFound = true;
      const rest = `/${segments.slice(prefixed[0]!.segments.length).join('/')}`;
      const endpointId = bestOperation(prefixed, method?.toUpperCase(), rest);
      if (endpointId) return { endpointId, by: 'url' };
    }
    return { endpointId: null, reason: apiFound ? 'no-operation-for-path' : 'no-api-for-path' };
  }
}

/** All APIs sharing the longest path that prefixes the request path (several when versioned by header or query). */
function longestPrefixApis(apis: readonly ApiRoute[], segments: readonly string[]): ApiRoute[] {
  let length = -1;
  const found: ApiRoute[] = [];
  for (const api of apis) {
    if (length >= 0 && api.segments.length < length) break;
    if (api.segments.length > segments.length) continue;
    if (api.segments.every((s, i) => segments[i]!.toLowerCase() === s)) {
      length = api.segments.length;
      found.push(api);
    }
  }
  return found;
}

/** The most specific fitting operation: most literal characters, then fewest parameters, then an exact method. */
function bestOperation(apis: readonly ApiRoute[], method: string | undefined, rest: string): string | undefined {
  let best: OperationRoute | undefined;
  const rank = (op: OperationRoute) =>
    op.template.literals * 1000 - op.template.parameters * 10 + (op.method === method ? 1 : 0);
  for (const api of apis) {
    for (const op of api.operations) {
      if (op.method !== '*' && method !== undefined && op.method !== method) continue;
      if (!op.template.pattern.test(rest)) continue;
      if (!best || rank(op) > rank(best)) best = op;
    }
  }
  return best?.endpointId;
}
