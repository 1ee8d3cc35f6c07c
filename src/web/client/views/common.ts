import { storedApiKey, type Connection } from '../api.js';
import { appendRows, h, type Child } from '../dom.js';
import { describeError } from '../messages.js';

/** What a view gets: where to draw, and whether it is still the current view when an answer arrives. */
export interface ViewContext {
  readonly main: HTMLElement;
  /** False once the user has navigated elsewhere: a late answer must not draw into the new view. */
  readonly current: () => boolean;
}

export function errorBox(error: unknown): HTMLElement {
  const { code, text } = describeError(error, storedApiKey() !== null);
  return h(
    'div',
    { class: 'error', attrs: { role: 'alert', 'data-code': code } },
    h('p', {}, text),
    h('p', { class: 'muted' }, `Error code: ${code}`),
  );
}

export function loading(what: string): HTMLElement {
  return h('p', { class: 'loading' }, `Loading ${what}…`);
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}

/**
 * Shows "Loading …" in `into` (beside what it holds, or in its place with `replace`), then runs `load`. Returns the
 * answer, or null when the user has left the view meanwhile (nothing is drawn) or when it failed: then `failure`'s
 * element (the error box by default) takes the place of everything in `into`.
 */
export async function loadInto<T>(
  context: ViewContext,
  into: HTMLElement,
  what: string,
  load: () => Promise<T>,
  options: { readonly replace?: boolean; readonly failure?: (error: unknown) => HTMLElement } = {},
): Promise<{ readonly data: T } | null> {
  if (options.replace) into.replaceChildren(loading(what));
  else into.appendChild(loading(what));
  let data: T;
  try {
    data = await load();
  } catch (error) {
    if (context.current()) into.replaceChildren((options.failure ?? errorBox)(error));
    return null;
  }
  return context.current() ? { data } : null;
}

/** The select of a one-choice filter form: its element id, form name, label, and the form's accessible name. */
export interface ChoiceField {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly ariaLabel: string;
}

/** A filter form with one choice (or Any) and an Apply button; `apply` gets the choice, null for Any. */
export function choiceForm(
  field: ChoiceField,
  choices: readonly string[],
  value: string | null,
  apply: (value: string | null) => void,
): HTMLFormElement {
  const choice = h(
    'select',
    { attrs: { id: field.id, name: field.name } },
    h('option', { attrs: { value: '' } }, 'Any'),
  );
  for (const c of choices) choice.appendChild(h('option', { attrs: { value: c } }, c));
  choice.value = value ?? '';
  const form = h(
    'form',
    { class: 'filters', attrs: { 'aria-label': field.ariaLabel } },
    h('div', { class: 'field' }, h('label', { attrs: { for: field.id } }, field.label), choice),
    h('div', { class: 'actions' }, h('button', { attrs: { type: 'submit' } }, 'Apply')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply(choice.value || null);
  });
  return form;
}

/**
 * A table filled page by page (Relay cursors): the first page is drawn, and a "Load more" button appends the next
 * while the server says there is one. Focus moves to the first new row's first link or cell, so keyboard users
 * continue where the new rows start.
 */
export async function pagedTable<T>(options: {
  readonly context: ViewContext;
  readonly into: HTMLElement;
  readonly caption: string;
  readonly headers: readonly string[];
  readonly emptyText: string;
  readonly fetchPage: (after: string | null) => Promise<Connection<T>>;
  readonly row: (node: T) => readonly Child[];
  readonly countLabel?: (shown: number, total: number | null | undefined) => string;
}): Promise<void> {
  const { context, into } = options;
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'data' },
    h('caption', {}, options.caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        options.headers.map((name) => h('th', { attrs: { scope: 'col' } }, name)),
      ),
    ),
    body,
  );
  const count = h('p', { class: 'count', attrs: { 'aria-live': 'polite' } });
  const more = h('button', { attrs: { type: 'button' }, class: 'more' }, 'Load more');
  const problem = h('div');
  let shown = 0;
  let total: number | null | undefined;
  let after: string | null = null;

  const update = (hasNext: boolean) => {
    count.textContent = options.countLabel
      ? options.countLabel(shown, total)
      : `${shown} shown${total != null ? ` of ${total}` : ''}`;
    more.hidden = !hasNext;
  };
  const load = async (): Promise<boolean> => {
    const page = await options.fetchPage(after);
    if (!context.current()) return false;
    const firstNew = body.rows.length;
    appendRows(
      body,
      page.edges.map((e) => options.row(e.node)),
    );
    shown += page.edges.length;
    total = page.totalCount ?? total;
    after = page.pageInfo.endCursor;
    update(page.pageInfo.hasNextPage);
    return firstNew > 0 && body.rows.length > firstNew;
  };

  if (!(await loadInto(context, into, options.caption.toLowerCase(), load))) return;
  if (shown === 0) {
    into.replaceChildren(empty(options.emptyText));
    return;
  }
  more.addEventListener('click', () => {
    more.disabled = true;
    problem.replaceChildren();
    const before = body.rows.length;
    load()
      .then((added) => {
        if (!added) return;
        const row = body.rows[before];
        const target = row?.querySelector<HTMLElement>('a, button') ?? row?.cells[0];
        if (target && !target.matches('a, button')) target.tabIndex = -1;
        target?.focus();
      })
      .catch((error: unknown) => problem.replaceChildren(errorBox(error)))
      .finally(() => {
        more.disabled = false;
      });
  });
  into.replaceChildren(h('div', { class: 'table-wrap' }, table), count, more, problem);
}
