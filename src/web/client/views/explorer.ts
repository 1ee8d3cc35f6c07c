import { graphql, type Connection } from '../api.js';
import { h, link, tags } from '../dom.js';
import { assetHref, formatRoute } from '../routes.js';
import { loadInto, pagedTable, type ViewContext } from './common.js';

const TEMPLATES = `query Templates { explorerTemplates { name title description query } }`;

const NODE_FIELDS = `totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id kind name insights } }`;
const RUN_TEMPLATE = `query RunTemplate($name: String!, $after: String) { runTemplate(name: $name, first: 50, after: $after) { ${NODE_FIELDS} } }`;
const EXPLORE = `query Explore($query: JSON!, $after: String) { explore(query: $query, first: 50, after: $after) { ${NODE_FIELDS} } }`;

interface Template {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly query: unknown;
}

interface ResultNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly insights: readonly string[];
}

/** Runs started in this results area: only the latest may draw, so a slow earlier run cannot overwrite it. */
const runs = new WeakMap<HTMLElement, number>();

function showResults(
  context: ViewContext,
  into: HTMLElement,
  caption: string,
  fetchPage: (after: string | null) => Promise<Connection<ResultNode>>,
) {
  const run = (runs.get(into) ?? 0) + 1;
  runs.set(into, run);
  into.replaceChildren();
  return pagedTable<ResultNode>({
    context: { main: context.main, current: () => context.current() && runs.get(into) === run },
    into,
    caption,
    headers: ['Name', 'Kind', 'Insights', 'Id'],
    emptyText: 'The query matched nothing in this estate.',
    fetchPage,
    row: (n) => [link(assetHref(n.id), n.name), n.kind, tags(n.insights), h('span', { class: 'url' }, n.id)],
    countLabel: (shown, total) => `${shown} row${shown === 1 ? '' : 's'} shown${total != null ? ` of ${total}` : ''}`,
  });
}

export async function renderExplorer(
  context: ViewContext,
  section: HTMLElement,
  selected: string | null,
): Promise<void> {
  const loaded = await loadInto(context, section, 'the explorer templates', () =>
    graphql<{ explorerTemplates: readonly Template[] }>(TEMPLATES),
  );
  if (!loaded) return;
  const templates = loaded.data.explorerTemplates;
  const chosen = templates.find((t) => t.name === selected) ?? null;
  const results = h('div', { attrs: { id: 'explorer-results' } });

  const picker = h(
    'select',
    { attrs: { id: 'template', name: 'template' } },
    h('option', { attrs: { value: '' } }, 'Choose a template…'),
  );
  for (const t of templates) picker.appendChild(h('option', { attrs: { value: t.name } }, t.title));
  picker.value = chosen?.name ?? '';
  const description = h('p', { class: 'muted', attrs: { id: 'template-description' } }, chosen?.description ?? '');
  picker.setAttribute('aria-describedby', 'template-description');
  const editor = h('textarea', {
    attrs: { id: 'query-json', name: 'query', rows: '12', spellcheck: 'false', 'aria-describedby': 'query-help' },
  });
  editor.value = chosen
    ? JSON.stringify(chosen.query, null, 2)
    : '{\n  "kind": "ApiEndpoint",\n  "where": { "insight": "InternetExposed" }\n}';
  picker.addEventListener('change', () => {
    const t = templates.find((x) => x.name === picker.value);
    description.textContent = t?.description ?? '';
    if (t) editor.value = JSON.stringify(t.query, null, 2);
  });

  const templateForm = h(
    'form',
    { class: 'filters', attrs: { 'aria-label': 'Run a template' } },
    h('div', { class: 'field wide' }, h('label', { attrs: { for: 'template' } }, 'Template'), picker),
    description,
    h('div', { class: 'actions' }, h('button', { attrs: { type: 'submit' } }, 'Run template')),
  );
  templateForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!picker.value) {
      results.replaceChildren(h('p', { class: 'error', attrs: { role: 'alert' } }, 'Choose a template first.'));
      return;
    }
    const target = formatRoute({ view: 'explorer', template: picker.value });
    // Same template again: the hash does not change, so run it here.
    if (location.hash === target) void runTemplate(picker.value);
    else location.hash = target;
  });

  const queryForm = h(
    'form',
    { class: 'filters', attrs: { 'aria-label': 'Run an explorer query' } },
    h('div', { class: 'field wide' }, h('label', { attrs: { for: 'query-json' } }, 'Explorer query (JSON)'), editor),
    h(
      'p',
      { class: 'muted', attrs: { id: 'query-help' } },
      'The same document as `apiposture explore --query FILE`: a kind, conditions under "where", and connections to other kinds. Choosing a template loads its query here to edit.',
    ),
    h('div', { class: 'actions' }, h('button', { attrs: { type: 'submit' } }, 'Run query')),
  );
  queryForm.addEventListener('submit', (event) => {
    event.preventDefault();
    let query: unknown;
    try {
      query = JSON.parse(editor.value);
    } catch (error) {
      results.replaceChildren(
        h(
          'div',
          { class: 'error', attrs: { role: 'alert', 'data-code': 'INVALID_JSON' } },
          `The query is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      return;
    }
    void showResults(
      context,
      results,
      'Results of the explorer query',
      async (after) => (await graphql<{ explore: Connection<ResultNode> }>(EXPLORE, { query, after })).explore,
    );
  });

  const runTemplate = (name: string) => {
    const title = templates.find((t) => t.name === name)?.title ?? name;
    return showResults(
      context,
      results,
      `Results of the template “${title}”`,
      async (after) =>
        (await graphql<{ runTemplate: Connection<ResultNode> }>(RUN_TEMPLATE, { name, after })).runTemplate,
    );
  };

  section.replaceChildren(
    h('h2', {}, 'Templates'),
    templateForm,
    h('h2', {}, 'Query'),
    queryForm,
    h('h2', {}, 'Results'),
    results,
  );
  if (selected && !chosen)
    results.replaceChildren(h('p', { class: 'error', attrs: { role: 'alert' } }, `No template named ${selected}.`));
  else if (chosen) await runTemplate(chosen.name);
  else results.replaceChildren(h('p', { class: 'empty' }, 'Run a template or a query to see its rows.'));
}
