import { graphql, type Connection } from '../api.js';
import { evidenceLines, h, link } from '../dom.js';
import { assetHref, formatRoute } from '../routes.js';
import { choiceForm, pagedTable, type ViewContext } from './common.js';

const QUERY = `query Findings($severity: Severity, $after: String) {
  findings(severity: $severity, first: 50, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    edges { cursor node { id recommendation severity assetId assetKind insight evidence asset { name } remediation { text steps } } }
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
  readonly remediation: { readonly text: string; readonly steps: readonly string[] } | null;
}

/** What to do, under the recommendation's name: why it applies and the steps, in a disclosure. */
function remediation(f: FindingNode): HTMLElement | null {
  if (!f.remediation) return null;
  return h(
    'details',
    { class: 'remediation' },
    h('summary', {}, 'How to fix'),
    h('p', {}, f.remediation.text),
    h('ol', {}, f.remediation.steps.map((step) => h('li', {}, step))),
  );
}

/**
 * Pages through the findings most severe first: the API lists them in id order, so each severity is read in turn
 * (or just the one asked for), and the table's "Load more" moves on to the next severity when one runs out.
 */
function bySeverity(severity: string | null) {
  const order = severity ? [severity] : [...SEVERITIES];
  let at = 0;
  let inner: string | null = null;
  return async (): Promise<Connection<FindingNode>> => {
    for (;;) {
      const page = (await graphql<{ findings: Connection<FindingNode> }>(QUERY, { severity: order[at], after: inner })).findings;
      inner = page.pageInfo.endCursor;
      const more = page.pageInfo.hasNextPage || at < order.length - 1;
      if (!page.pageInfo.hasNextPage) {
        at++;
        inner = null;
      }
      if (page.edges.length > 0 || !more) return { ...page, totalCount: null, pageInfo: { endCursor: inner, hasNextPage: more } };
    }
  };
}

function severityForm(severity: string | null): HTMLFormElement {
  const field = { id: 'finding-severity', name: 'severity', label: 'Severity', ariaLabel: 'Filter recommendations' };
  return choiceForm(field, SEVERITIES, severity, (value) => {
    location.hash = formatRoute({ view: 'findings', severity: value });
  });
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
    fetchPage: bySeverity(severity),
    row: (f) => [
      h('span', { class: `severity severity-${f.severity.toLowerCase()}` }, f.severity),
      h('div', {}, f.recommendation, remediation(f)),
      h(
        'span',
        { attrs: { title: f.assetId } },
        link(assetHref(f.assetId), f.asset?.name ?? f.assetId),
        f.assetKind ? h('span', { class: 'muted' }, ` (${f.assetKind})`) : null,
      ),
      f.insight ?? '—',
      f.evidence === null || f.evidence === undefined ? '—' : evidenceLines(f.evidence),
    ],
  });
}
