import type cytoscape from 'cytoscape';

/** cytoscape is loaded by the page as a classic script (served from this server), which defines this global. */
declare global {
  interface Window {
    cytoscape?: typeof cytoscape;
  }
}

export interface GraphStep {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
}

/** Colours by role on the path, chosen for contrast against the white canvas and the dark label text. */
export const GRAPH_LEGEND: readonly { readonly role: string; readonly colour: string }[] = [
  { role: 'The internet', colour: '#6b7280' },
  { role: 'Gateway, API or endpoint', colour: '#1d4ed8' },
  { role: 'Backend, identity or network hop', colour: '#047857' },
  { role: 'Target (the data at risk)', colour: '#b91c1c' },
];

function colourOf(kind: string, index: number, last: number): string {
  const [internet, api, hop, target] = GRAPH_LEGEND.map((l) => l.colour) as [string, string, string, string];
  if (index === 0) return internet;
  if (index === last) return target;
  if (kind === 'ApiEndpoint' || kind === 'Api' || kind === 'ApiGateway') return api;
  return hop;
}

/** The legend beside the graph: what each colour means (colour is never the only cue: the step list says it in words). */
export function graphLegend(): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'graph-legend';
  list.setAttribute('aria-label', 'Graph legend');
  for (const { role, colour } of GRAPH_LEGEND) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.backgroundColor = colour;
    item.append(swatch, ` ${role}`);
    list.appendChild(item);
  }
  const edges = document.createElement('li');
  edges.textContent = 'Arrows are named by the edge: CAN_REACH, ROUTES_TO, CAN_AUTHENTICATE_AS, HAS_PERMISSION_TO, …';
  list.appendChild(edges);
  return list;
}

/**
 * Draws a path's steps left to right, internet first, target last, one node per step and one edge per hop.
 * Returns null when cytoscape did not load (the text list of steps stays the complete account of the path).
 */
export function drawPathGraph(
  container: HTMLElement,
  steps: readonly GraphStep[],
  onSelect: (index: number) => void,
  edgeKinds: readonly string[] = [],
): cytoscape.Core | null {
  const factory = window.cytoscape;
  if (!factory) return null;
  const last = steps.length - 1;
  const elements: cytoscape.ElementDefinition[] = [
    ...steps.map((step, i) => ({
      group: 'nodes' as const,
      data: { id: `step-${i}`, index: i, label: `${step.name}\n(${step.kind})`, colour: colourOf(step.kind, i, last) },
      // A path is a chain: place it on a gentle zigzag so long names do not overlap.
      position: { x: i * 230, y: i % 2 === 0 ? 0 : 90 },
    })),
    ...steps.slice(1).map((_, i) => ({
      group: 'edges' as const,
      data: { id: `hop-${i}`, source: `step-${i}`, target: `step-${i + 1}`, label: edgeKinds[i] ?? '' },
    })),
  ];
  const cy = factory({
    container,
    elements,
    layout: { name: 'preset', fit: true, padding: 40 },
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          label: 'data(label)',
          'text-wrap': 'wrap',
          'text-max-width': '200px',
          'text-valign': 'bottom',
          'text-margin-y': 8,
          'font-size': 15,
          'font-weight': 600,
          'min-zoomed-font-size': 8,
          color: '#111827',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
          'text-background-padding': '2px',
          width: 34,
          height: 34,
        },
      },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
      {
        selector: 'edge',
        style: {
          width: 2,
          'line-color': '#4b5563',
          'target-arrow-color': '#4b5563',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
          label: 'data(label)',
          'font-size': 11,
          color: '#374151',
          'text-rotation': 'autorotate',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.9,
          'text-background-padding': '2px',
        },
      },
    ],
  });
  cy.on('tap', 'node', (event) => {
    const index: unknown = event.target.data('index');
    if (typeof index === 'number') onSelect(index);
  });
  // Read-only facts for tests and assistive checks: what was actually drawn.
  container.dataset['nodeCount'] = String(cy.nodes().length);
  container.dataset['edgeCount'] = String(cy.edges().length);
  return cy;
}

export function selectStep(cy: cytoscape.Core, index: number): void {
  cy.nodes().unselect();
  // Only marked, not panned to: the whole path stays in view, and the user's own pan and zoom are kept.
  cy.getElementById(`step-${index}`).select();
}
