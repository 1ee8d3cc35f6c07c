import { nodeDeclaration, type Family, type NodeKind } from '../../model/index.js';
import type { AttackPathRecord, PathEdgeRecord, PathStepRecord } from '../../analysis/paths/record.js';
import { clip, html, raw, type Markup } from './escape.js';

/**
 * One attack path as an inline SVG: its steps as boxes from left (the internet) to right (the target), each edge an
 * arrow labelled with its edge kind, each step's insights and sensitivity labels as badges. Pure markup: no script,
 * no external reference, so the report stays openable offline under its CSP.
 */

const NODE_W = 150;
const GAP = 96;
const PAD = 12;
const HEAD = 46;
const BADGE_H = 17;

/** Short kind marks drawn in the box's corner: the kind's usual Azure abbreviation. */
const KIND_MARK: Partial<Record<NodeKind, string>> = {
  Internet: 'WWW',
  ExternalHost: 'EXT',
  FrontDoor: 'AFD',
  ApplicationGateway: 'AGW',
  LoadBalancer: 'LB',
  PublicIpAddress: 'PIP',
  ApiGateway: 'APIM',
  Api: 'API',
  ApiEndpoint: 'OP',
  ApiBackend: 'BE',
  WebApp: 'WEB',
  FunctionApp: 'FUNC',
  LogicApp: 'LOGIC',
  ContainerApp: 'CA',
  VirtualMachine: 'VM',
  VirtualMachineScaleSet: 'VMSS',
  ManagedIdentity: 'ID',
  StorageAccount: 'ST',
  SqlServer: 'SQL',
  SqlDatabase: 'SQLDB',
  CosmosDbAccount: 'COSMOS',
  KeyVault: 'KV',
  PostgreSqlServer: 'PGSQL',
  MySqlServer: 'MYSQL',
};

/** Fill and stroke per family; every fill keeps dark text above 7:1 contrast. */
const FAMILY_COLORS: Record<Family, { fill: string; stroke: string }> = {
  External: { fill: '#eceff1', stroke: '#455a64' },
  Network: { fill: '#e3f2fd', stroke: '#1565c0' },
  ApiAsset: { fill: '#f3e5f5', stroke: '#6a1b9a' },
  Compute: { fill: '#e0f2f1', stroke: '#00695c' },
  Identity: { fill: '#fff8e1', stroke: '#8d6e00' },
  DataStore: { fill: '#fdecea', stroke: '#b71c1c' },
  Tenancy: { fill: '#f5f5f5', stroke: '#424242' },
  Classification: { fill: '#f5f5f5', stroke: '#424242' },
  AnalysisResult: { fill: '#f5f5f5', stroke: '#424242' },
};

const INSIGHT_LABEL: Record<string, string> = {
  InternetExposed: 'Internet exposed',
  AllowsAnonymousAccess: 'Anonymous',
  UnencryptedAccess: 'Unencrypted',
  Inactive: 'Inactive',
  AwaitingData: 'Awaiting data',
  SensitiveData: 'Sensitive data',
  GatewayBypass: 'Gateway bypass',
  PublicDataAccess: 'Public data',
  WeakTlsAllowed: 'Weak TLS',
};

function familyOf(kind: NodeKind): Family {
  try {
    return nodeDeclaration(kind).family;
  } catch {
    return 'External';
  }
}

const kindMark = (kind: NodeKind) => KIND_MARK[kind] ?? kind.replace(/[a-z]/g, '').slice(0, 4);

interface Badge {
  readonly text: string;
  readonly title: string;
  readonly tone: 'insight' | 'label';
}

function badgesOf(step: PathStepRecord): Badge[] {
  return [
    ...step.insights.map((i) => ({ text: INSIGHT_LABEL[i] ?? i, title: `Insight: ${i}`, tone: 'insight' as const })),
    ...step.labels.map((l) => ({ text: l, title: `Sensitivity label: ${l}`, tone: 'label' as const })),
  ];
}

function drawBadge(b: Badge, x: number, y: number): Markup {
  const fill = b.tone === 'insight' ? '#fff3e0' : '#ede7f6';
  const stroke = b.tone === 'insight' ? '#bf360c' : '#4527a0';
  return html`<g class="badge"><title>${b.title}</title><rect x="${x + 8}" y="${y}" width="${NODE_W - 16}" height="${BADGE_H - 3}" rx="7" fill="${fill}" stroke="${stroke}"/><text x="${x + NODE_W / 2}" y="${y + 10.5}" text-anchor="middle" font-size="9.5" fill="#1a1a1a">${clip(b.text, 24)}</text></g>`;
}

function drawNode(step: PathStepRecord, index: number, height: number): Markup {
  const x = PAD + index * (NODE_W + GAP);
  const y = PAD;
  const colors = FAMILY_COLORS[familyOf(step.kind)];
  const badges = badgesOf(step).map((b, i) => drawBadge(b, x, y + HEAD + 6 + i * BADGE_H));
  return html`<g class="node" data-step="${index}" data-kind="${step.kind}"><title>${step.kind}: ${step.name} (${step.id})</title><rect x="${x}" y="${y}" width="${NODE_W}" height="${height}" rx="8" fill="${colors.fill}" stroke="${colors.stroke}" stroke-width="1.5"/><rect x="${x + 8}" y="${y + 7}" width="44" height="15" rx="3" fill="${colors.stroke}"/><text x="${x + 30}" y="${y + 18}" text-anchor="middle" font-size="9" font-weight="bold" fill="#ffffff">${kindMark(step.kind)}</text><text x="${x + 58}" y="${y + 18}" font-size="10" fill="#333333">${clip(step.kind, 15)}</text><text x="${x + 8}" y="${y + 38}" font-size="12" font-weight="bold" fill="#111111">${clip(step.name, 20)}</text>${badges}</g>`;
}

/** The edge kind broken at underscores into lines of at most 14 characters, so it fits the gap between boxes. */
function edgeLines(kind: string): string[] {
  const lines: string[] = [];
  for (const word of kind.split('_')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + word.length + 1 <= 14) lines[lines.length - 1] = `${last}_${word}`;
    else lines.push(word);
  }
  return lines;
}

function edgeDetail(edge: PathEdgeRecord): string {
  if (edge.ports?.length) return `ports ${edge.ports.join(', ')}`;
  if (edge.accessLevel) return edge.accessLevel;
  if (edge.roles?.length) return edge.roles.join(', ');
  return '';
}

function drawEdge(edge: PathEdgeRecord | undefined, index: number): Markup {
  const x1 = PAD + index * (NODE_W + GAP) + NODE_W;
  const x2 = x1 + GAP;
  const y = PAD + 30;
  const kind = edge?.kind ?? 'LEADS_TO';
  const mid = (x1 + x2) / 2;
  const lines = edgeLines(kind);
  const labels = lines.map(
    (l, i) => html`<text x="${mid}" y="${y - 6 - (lines.length - 1 - i) * 11}" text-anchor="middle" font-size="9" font-family="monospace" fill="#222222">${l}</text>`,
  );
  const detail = edge ? clip(edgeDetail(edge), 16) : '';
  return html`<g class="edge" data-kind="${kind}"><title>${kind}${detail ? ` (${detail})` : ''}</title><line x1="${x1 + 2}" y1="${y}" x2="${x2 - 9}" y2="${y}" stroke="#37474f" stroke-width="1.6"/><polygon points="${x2 - 2},${y} ${x2 - 10},${y - 4.5} ${x2 - 10},${y + 4.5}" fill="#37474f"/>${labels}${detail ? html`<text x="${mid}" y="${y + 15}" text-anchor="middle" font-size="9" fill="#37474f">${detail}</text>` : raw('')}</g>`;
}

/** Reads the path aloud for screen readers: the SVG is one image, this is its description. */
export function describePath(p: AttackPathRecord): string {
  return p.steps
    .map((s, i) => {
      const edge = i < p.steps.length - 1 ? ` —${p.edges[i]?.kind ?? 'LEADS_TO'}→` : '';
      const marks = [...s.insights, ...s.labels];
      return `${s.name} (${s.kind}${marks.length ? `; ${marks.join(', ')}` : ''})${edge}`;
    })
    .join(' ');
}

export function renderPathDiagram(p: AttackPathRecord): Markup {
  const maxBadges = Math.max(0, ...p.steps.map((s) => badgesOf(s).length));
  const boxH = HEAD + 6 + maxBadges * BADGE_H + 4;
  const width = PAD * 2 + p.steps.length * NODE_W + Math.max(0, p.steps.length - 1) * GAP;
  const height = PAD * 2 + boxH;
  const titleId = `path-${p.rank}-svg-title`;
  const descId = `path-${p.rank}-svg-desc`;
  const nodes = p.steps.map((s, i) => drawNode(s, i, boxH));
  const edges = p.steps.slice(1).map((_, i) => drawEdge(p.edges[i], i));
  return html`<svg class="path-diagram" role="img" aria-labelledby="${titleId} ${descId}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif"><title id="${titleId}">Attack path ${p.rank}: ${p.name}</title><desc id="${descId}">${describePath(p)}</desc>${edges}${nodes}</svg>`;
}
