/**
 * DOM building for the web explorer. Every string goes in as a text node or an attribute value set through the DOM,
 * never as markup: asset names, ids and evidence come from customer Azure data and may hold anything.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly attrs?: Readonly<Record<string, string | undefined>>;
  readonly on?: { readonly [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

function append(parent: Node, children: readonly (Child | readonly Child[])[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else if (child !== null && child !== undefined && child !== false)
      parent.appendChild(document.createTextNode(String(child)));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    element.addEventListener(type, listener as EventListener);
  }
  append(element, children);
  return element;
}

/** A link to a view of this page (hash routing). */
export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { attrs: { href } }, ...children);
}

/** A data table with a caption and column headers (`scope="col"`); the first cell of a row may be a row header. */
export function table(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly Child[])[],
): HTMLTableElement {
  const body = h('tbody');
  appendRows(body, rows);
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((name) => h('th', { attrs: { scope: 'col' } }, name)),
      ),
    ),
    body,
  );
}

export function appendRows(body: HTMLTableSectionElement, rows: readonly (readonly Child[])[]): void {
  for (const row of rows)
    body.appendChild(
      h(
        'tr',
        {},
        row.map((cell) => h('td', {}, cell)),
      ),
    );
}

/** Insights whose name alone does not say what to do: explained wherever they appear. */
const TAG_NOTES: Readonly<Record<string, string>> = {
  AwaitingData: 'no traffic data for this endpoint yet: connect gateway logs',
};

/** A list of short tags (insights, risk factors, labels); an empty list reads "none". */
export function tags(values: readonly string[]): HTMLElement {
  if (values.length === 0) return h('span', { class: 'muted' }, 'none');
  return h(
    'ul',
    { class: 'tags' },
    values.map((v) => {
      const note = TAG_NOTES[v];
      return note ? h('li', { attrs: { title: note } }, v, h('span', { class: 'tag-note' }, ` (${note})`)) : h('li', {}, v);
    }),
  );
}

/** Evidence as readable lines (`policy.scope: api`), nested objects flattened to dotted keys, not raw JSON. */
export function evidenceLines(value: unknown): HTMLElement {
  const lines: [string, string][] = [];
  const walk = (v: unknown, key: string) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) walk(child, key ? `${key}.${k}` : k);
    } else if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) {
      lines.push([key, v.join(', ')]);
    } else if (Array.isArray(v)) {
      v.forEach((child, i) => walk(child, `${key}[${i}]`));
    } else lines.push([key, v === null ? '—' : String(v)]);
  };
  walk(value, '');
  if (lines.length === 0) return h('span', { class: 'muted' }, '—');
  return h(
    'ul',
    { class: 'evidence' },
    lines.map(([k, v]) => h('li', {}, k ? h('span', { class: 'muted' }, `${k}: `) : null, v)),
  );
}

export function riskBadge(level: string): HTMLElement {
  return h('span', { class: `risk risk-${level}` }, level);
}

/** JSON evidence, shown as text in a disclosure. */
export function jsonDetails(summary: string, value: unknown): HTMLElement {
  return h('details', {}, h('summary', {}, summary), h('pre', {}, JSON.stringify(value, null, 2)));
}

export function clear(element: Element): void {
  while (element.firstChild) element.removeChild(element.firstChild);
}

export function formatScore(value: number): string {
  return value.toLocaleString('en', { maximumFractionDigits: 2 });
}
