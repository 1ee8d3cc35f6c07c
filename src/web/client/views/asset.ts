import { graphql, type Connection } from '../api.js';
import { evidenceLines, formatScore, h, link, riskBadge, table, tags } from '../dom.js';
import { assetHref, formatRoute } from '../routes.js';
import { loadInto, type ViewContext } from './common.js';

const QUERY = `query Asset($id: ID!) {
  asset(id: $id) {
    id kind name subscriptionId properties insights insightEvidence
    findings: neighbours(edge: AFFECTS, direction: IN, first: 100) { node { id properties } }
    neighbours(direction: BOTH, first: 100) { edge { kind from to } node { id kind name } }
  }
}`;

/** By the stored id the first answer gave: the id in the URL may be in the portal's casing. */
const PATHS = `query AssetPaths($id: ID!) {
  attackPaths(filter: { traverses: $id }, first: 100) {
    totalCount
    edges { node { id rank name riskLevel score steps { name } } }
  }
}`;

interface AssetDetail {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly subscriptionId: string | null;
  readonly properties: Record<string, unknown>;
  readonly insights: readonly string[];
  readonly insightEvidence: Record<string, unknown> | null;
  readonly findings: readonly { readonly node: { readonly id: string; readonly properties: Record<string, unknown> } }[];
  readonly neighbours: readonly {
    readonly edge: { readonly kind: string; readonly from: string; readonly to: string };
    readonly node: { readonly id: string; readonly kind: string; readonly name: string };
  }[];
}

interface PathRow {
  readonly id: string;
  readonly rank: number;
  readonly name: string;
  readonly riskLevel: string;
  readonly score: number;
  readonly steps: readonly { readonly name: string }[];
}

/** Properties an analyst reads first; the rest follow in the model's order. */
const SKIP = new Set(['name', 'insights', 'insightEvidence']);
const SEVERITY_ORDER = ['High', 'Medium', 'Low'];

const text = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function propertiesList(properties: Record<string, unknown>): HTMLElement {
  const entries = Object.entries(properties).filter(([k]) => !SKIP.has(k));
  return h(
    'dl',
    { class: 'properties' },
    entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, text(v))]),
  );
}

/**
 * One asset: its properties, insights (with what proved them), the recommendations on it, the nodes joined to it
 * (each linking to its own page, the edge named) and the attack paths through it.
 */
export async function renderAsset(
  context: ViewContext,
  section: HTMLElement,
  id: string,
  setHeading: (text: string) => void,
): Promise<void> {
  const loaded = await loadInto(context, section, 'the asset', async () => {
    const { asset: found } = await graphql<{ asset: AssetDetail | null }>(QUERY, { id });
    const { attackPaths } = found
      ? await graphql<{ attackPaths: Connection<PathRow> }>(PATHS, { id: found.id })
      : { attackPaths: { edges: [], pageInfo: { endCursor: null, hasNextPage: false }, totalCount: 0 } };
    return { asset: found, attackPaths };
  });
  if (!loaded) return;
  const data = loaded.data;
  const asset = data.asset;
  if (!asset) {
    section.replaceChildren(h('p', { class: 'empty' }, `No asset with id ${id} in the store.`), link('#/inventory', 'Go to the API inventory'));
    return;
  }
  setHeading(`${asset.name} (${asset.kind})`);
  const findings = [...asset.findings].sort(
    (a, b) => SEVERITY_ORDER.indexOf(text(a.node.properties['severity'])) - SEVERITY_ORDER.indexOf(text(b.node.properties['severity'])),
  );
  const paths = data.attackPaths.edges.map((e) => e.node);
  // Findings and paths have their own sections: the neighbours are the estate's assets.
  const neighbours = asset.neighbours.filter((n) => n.edge.kind !== 'AFFECTS' && n.edge.kind !== 'TRAVERSES');
  section.replaceChildren(
    h('p', { class: 'muted url' }, asset.id),
    h('h2', {}, 'Insights'),
    tags(asset.insights),
    ...(asset.insightEvidence ? [h('div', {}, h('h3', {}, 'What proved them'), evidenceLines(asset.insightEvidence))] : []),
    h('h2', {}, 'Recommendations'),
    findings.length
      ? table(
          'Recommendations on this asset, by severity',
          ['Severity', 'Recommendation', 'Evidence'],
          findings.map(({ node }) => [
            h('span', { class: `severity severity-${text(node.properties['severity']).toLowerCase()}` }, text(node.properties['severity'])),
            text(node.properties['recommendation']),
            evidenceLines(node.properties['evidence'] ?? null),
          ]),
        )
      : h('p', { class: 'empty' }, 'No recommendation applies to this asset.'),
    h('h2', {}, `Attack paths through it (${data.attackPaths.totalCount ?? paths.length})`),
    paths.length
      ? table(
          'Attack paths through this asset',
          ['Rank', 'Risk', 'Path'],
          paths.map((p) => [
            String(p.rank),
            h('span', {}, riskBadge(p.riskLevel), ` ${formatScore(p.score)}`),
            link(formatRoute({ view: 'path', id: p.id }), p.steps.map((s) => s.name).join(' → ')),
          ]),
        )
      : h('p', { class: 'empty' }, 'No attack path passes through this asset.'),
    h('h2', {}, 'Connected assets'),
    neighbours.length
      ? table(
          'Assets joined to this one',
          ['Edge', 'Direction', 'Asset', 'Kind'],
          neighbours.map(({ edge, node }) => [
            edge.kind,
            edge.from === asset.id ? 'out' : 'in',
            link(assetHref(node.id), node.name),
            node.kind,
          ]),
        )
      : h('p', { class: 'empty' }, 'Nothing is joined to this asset.'),
    h('h2', {}, 'Properties'),
    propertiesList(asset.properties),
  );
}
