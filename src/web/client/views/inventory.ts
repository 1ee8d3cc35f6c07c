import { graphql, type Connection } from '../api.js';
import { h, link, tags } from '../dom.js';
import { ENDPOINT_FILTER_INSIGHTS } from '../insights.js';
import { assetHref, formatRoute, type InventoryFilter } from '../routes.js';
import { pagedTable, type ViewContext } from './common.js';

const QUERY = `query Inventory($filter: EndpointFilter, $after: String) {
  apiEndpoints(filter: $filter, first: 50, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    edges { cursor node { id name insights properties } }
  }
}`;

const SOURCES = ['apim', 'functionapp', 'logicapp'] as const;
const SOURCE_NAMES: Readonly<Record<(typeof SOURCES)[number], string>> = {
  apim: 'API Management',
  functionapp: 'Function Apps',
  logicapp: 'Logic Apps',
};
/** The sensitive info types the estate knows (their nodes), for the filter's choices. */
const INFO_TYPES = `query InfoTypes { explore(query: { kind: "SensitiveInfoType" }, first: 200) { edges { node { name } } } }`;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

interface EndpointNode {
  readonly id: string;
  readonly name: string;
  readonly insights: readonly string[];
  readonly properties: Readonly<Record<string, unknown>>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function select(id: string, label: string, options: readonly (readonly [string, string])[], value: string | null) {
  const element = h('select', { attrs: { id, name: id } }, h('option', { attrs: { value: '' } }, 'Any'));
  for (const [v, text] of options) element.appendChild(h('option', { attrs: { value: v } }, text));
  element.value = value ?? '';
  return h('div', { class: 'field' }, h('label', { attrs: { for: id } }, label), element);
}

function filterForm(filter: InventoryFilter, infoTypes: readonly string[]): HTMLFormElement {
  const search = h('input', { attrs: { id: 'inv-q', name: 'q', type: 'search', autocomplete: 'off' } });
  search.value = filter.urlContains ?? '';
  const boxes = ENDPOINT_FILTER_INSIGHTS.map((insight) => {
    const box = h('input', { attrs: { type: 'checkbox', id: `inv-i-${insight}`, name: 'insight', value: insight } });
    box.checked = filter.insights.includes(insight);
    return h('div', { class: 'check' }, box, h('label', { attrs: { for: `inv-i-${insight}` } }, insight));
  });
  const form = h(
    'form',
    { class: 'filters', attrs: { 'aria-label': 'Filter API endpoints', role: 'search' } },
    h('div', { class: 'field' }, h('label', { attrs: { for: 'inv-q' } }, 'URL contains'), search),
    select(
      'inv-source',
      'Source',
      SOURCES.map((s) => [s, SOURCE_NAMES[s]] as const),
      filter.source,
    ),
    select(
      'inv-method',
      'Method',
      METHODS.map((m) => [m, m] as const),
      filter.method,
    ),
    select(
      'inv-info-type',
      'Sensitive info type',
      [...new Set([...infoTypes, ...(filter.sensitiveInfoType ? [filter.sensitiveInfoType] : [])])].map(
        (t) => [t, t] as const,
      ),
      filter.sensitiveInfoType,
    ),
    h('fieldset', {}, h('legend', {}, 'Insights (every one checked must hold)'), boxes),
    h(
      'div',
      { class: 'actions' },
      h('button', { attrs: { type: 'submit' } }, 'Apply filters'),
      h('a', { attrs: { href: '#/inventory' } }, 'Clear filters'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
    };
    location.hash = formatRoute({
      view: 'inventory',
      filter: {
        source: text('inv-source'),
        method: text('inv-method'),
        urlContains: text('q'),
        sensitiveInfoType: text('inv-info-type'),
        insights: data.getAll('insight').filter((v): v is string => typeof v === 'string'),
      },
    });
  });
  return form;
}

function apiFilter(filter: InventoryFilter): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (filter.source) out['source'] = filter.source;
  if (filter.insights.length) out['insights'] = filter.insights;
  if (filter.method) out['method'] = filter.method;
  if (filter.urlContains) out['urlContains'] = filter.urlContains;
  if (filter.sensitiveInfoType) out['sensitiveInfoType'] = filter.sensitiveInfoType;
  return Object.keys(out).length ? out : null;
}

export async function renderInventory(
  context: ViewContext,
  section: HTMLElement,
  filter: InventoryFilter,
): Promise<void> {
  const results = h('div', { attrs: { id: 'inventory-results' } });
  // The choices are a convenience: without them (an old server, an error) the filter still shows the current value.
  const infoTypes = await graphql<{ explore: Connection<{ name: string }> }>(INFO_TYPES).then(
    (data) => data.explore.edges.map((e) => e.node.name),
    () => [],
  );
  if (!context.current()) return;
  section.append(filterForm(filter, infoTypes), results);
  const variables = { filter: apiFilter(filter) };
  await pagedTable<EndpointNode>({
    context,
    into: results,
    caption: 'API endpoints',
    headers: ['Endpoint', 'Method', 'URL', 'Source', 'Insights', 'Sensitive info types', 'Last called'],
    emptyText: variables.filter ? 'No API endpoint matches these filters.' : 'The store holds no API endpoints yet.',
    fetchPage: async (after) =>
      (await graphql<{ apiEndpoints: Connection<EndpointNode> }>(QUERY, { ...variables, after })).apiEndpoints,
    row: (node) => [
      link(assetHref(node.id), h('span', { attrs: { title: node.id, 'data-id': node.id } }, node.name)),
      str(node.properties['method']) ?? '—',
      h('span', { class: 'url' }, str(node.properties['url']) ?? str(node.properties['urlTemplate']) ?? '—'),
      str(node.properties['endpointSource']) ?? '—',
      tags(node.insights),
      tags(strings(node.properties['sensitiveInfoTypes'])),
      // AwaitingData: no logs cover this endpoint, so "never called" would be a guess.
      str(node.properties['lastCalled'])?.slice(0, 10) ?? (node.insights.includes('AwaitingData') ? 'no traffic data yet' : 'never seen'),
    ],
    countLabel: (shown, total) =>
      `${shown} endpoint${shown === 1 ? '' : 's'} shown${total != null ? ` of ${total}` : ''}`,
  });
}
