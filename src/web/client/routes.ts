import { assertNever } from './messages.js';

/** The page's views, addressed by the URL hash (`#/paths/<id>`), so every view is linkable and Back works. */
export interface InventoryFilter {
  readonly source: string | null;
  readonly insights: readonly string[];
  readonly method: string | null;
  readonly urlContains: string | null;
  readonly sensitiveInfoType: string | null;
}

export type Route =
  | { readonly view: 'dashboard' }
  | { readonly view: 'inventory'; readonly filter: InventoryFilter }
  | { readonly view: 'findings'; readonly severity: string | null }
  | { readonly view: 'paths'; readonly riskLevel: string | null }
  | { readonly view: 'path'; readonly id: string }
  | { readonly view: 'asset'; readonly id: string }
  | { readonly view: 'explorer'; readonly template: string | null }
  | { readonly view: 'remediation' }
  | { readonly view: 'goals' }
  | { readonly view: 'notFound'; readonly hash: string };

export type ViewName = Route['view'];

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const segments = pathPart.split('/').filter(Boolean);
  const query = new URLSearchParams(queryPart);
  const [first, ...rest] = segments;
  const one = (name: string) => query.get(name) || null;
  if (first === undefined) return { view: 'dashboard' };
  if (rest.length === 0) {
    switch (first) {
      case 'inventory':
        return {
          view: 'inventory',
          filter: {
            source: one('source'),
            insights: query.getAll('insight').filter(Boolean),
            method: one('method'),
            urlContains: one('q'),
            sensitiveInfoType: one('infoType'),
          },
        };
      case 'findings':
        return { view: 'findings', severity: one('severity') };
      case 'paths':
        return { view: 'paths', riskLevel: one('risk') };
      case 'explorer':
        return { view: 'explorer', template: one('template') };
      case 'remediation':
        return { view: 'remediation' };
      case 'goals':
        return { view: 'goals' };
    }
  }
  if (first === 'paths' && rest.length === 1) {
    const id = decode(rest[0] ?? '');
    if (id) return { view: 'path', id };
  }
  if (first === 'assets' && rest.length === 1) {
    const id = decode(rest[0] ?? '');
    if (id) return { view: 'asset', id };
  }
  return { view: 'notFound', hash: raw };
}

function withQuery(path: string, entries: readonly (readonly [string, string | null])[]): string {
  const query = new URLSearchParams();
  for (const [name, value] of entries) if (value) query.append(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function formatRoute(route: Route): string {
  switch (route.view) {
    case 'dashboard':
      return '#/';
    case 'inventory':
      return withQuery('#/inventory', [
        ['source', route.filter.source],
        ...route.filter.insights.map((i) => ['insight', i] as const),
        ['method', route.filter.method],
        ['q', route.filter.urlContains],
        ['infoType', route.filter.sensitiveInfoType],
      ]);
    case 'findings':
      return withQuery('#/findings', [['severity', route.severity]]);
    case 'paths':
      return withQuery('#/paths', [['risk', route.riskLevel]]);
    case 'path':
      return `#/paths/${encodeURIComponent(route.id)}`;
    case 'asset':
      return `#/assets/${encodeURIComponent(route.id)}`;
    case 'explorer':
      return withQuery('#/explorer', [['template', route.template]]);
    case 'remediation':
      return '#/remediation';
    case 'goals':
      return '#/goals';
    case 'notFound':
      return `#${route.hash}`;
    default:
      return assertNever(route);
  }
}

/** The nav link that stays marked current (aria-current) for a route. */
export function navHref(route: Route): string | null {
  switch (route.view) {
    case 'dashboard':
      return '#/';
    case 'inventory':
      return '#/inventory';
    case 'findings':
      return '#/findings';
    case 'paths':
    case 'path':
      return '#/paths';
    case 'explorer':
      return '#/explorer';
    case 'remediation':
      return '#/remediation';
    case 'goals':
      return '#/goals';
    case 'asset':
    case 'notFound':
      return null;
    default:
      return assertNever(route);
  }
}

/** The link to an asset's page: every place an asset appears links here. */
export function assetHref(id: string): string {
  return formatRoute({ view: 'asset', id });
}
