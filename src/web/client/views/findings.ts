import { graphql, type Connection } from '../api.js';
import { h, jsonDetails } from '../dom.js';
import { formatRoute } from '../routes.js';
import { pagedTable, type ViewContext } from './common.js';

const QUERY = `query Findings($severity: Severity, $after: String) {
  findings(severity: $severity, first: 50, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    edges { cursor node { id recommendation severity assetId assetKind insight evidence asset { name } } }
  }
}`;

const SEVERITIES = ['High', 'Medium', 'Low'] as const;

interface FindingNode {
  readonly id: string;
  readonly recommendation: string;
  readonly severity: string;
  readonly assetId: string;
  readonly assetKind: string | null;
  readonly insight: string | null;
  readonly evidence: unknown;
  readonly asset: { readonly name: string } | null;
}

function severityForm(severity: string | null): HTMLFormElement {
  const choice = h(
    'select',
    { attrs: { id: 'finding-severity', name: 'severity' } },
    h('option', { attrs: { value: '' } }, 'Any'),
  );
  for (const s of SEVERITIES) choice.appendChild(h('option', { attrs: { value: s } }, s));
  choice.value = severity ?? '';
  const form = h(
    'form',
    { class: 'filters', attrs: { 'aria-label': 'Filter recommendations' } },
    h('div', { class: 'field' }, h('label', { attrs: { for: 'finding-severity' } }, 'Severity'), choice),
    h('div', { class: 'actions' }, h('button', { attrs: { type: 'submit' } }, 'Apply')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = formatRoute({ view: 'findings', severity: choice.value || null });
  });
  return form;
}

export async function renderFindings(
  context: ViewContext,
  section: HTMLElement,
  severity: string | null,
): Promise<void> {
  const results = h('div');
  section.append(severityForm(severity), results);
  await pagedTable<FindingNode>({
    context,
    into: results,
    caption: 'Recommendations per asset',
    headers: ['Severity', 'Recommendation', 'Asset', 'Insight', 'Evidence'],
    emptyText: 'No recommendations: every asset meets them.',
    fetchPage: async (after) =>
      (await graphql<{ findings: Connection<FindingNode> }>(QUERY, { severity, after })).findings,
    row: (f) => [
      h('span', { class: `severity severity-${f.severity.toLowerCase()}` }, f.severity),
      f.recommendation,
      h(
        'span',
        { attrs: { title: f.assetId } },
        f.asset?.name ?? f.assetId,
        f.assetKind ? h('span', { class: 'muted' }, ` (${f.assetKind})`) : null,
      ),
      f.insight ?? '—',
      f.evidence === null || f.evidence === undefined ? '—' : jsonDetails('Evidence', f.evidence),
    ],
  });
}
