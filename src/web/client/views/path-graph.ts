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
function colourOf(kind: string, index: number, last: number): string {
  if (index === 0) return '#6b7280';
  if (index === last) return '#b91c1c';
  if (kind === 'ApiEndpoint' || kind === 'Api' || kind === 'ApiGateway') return '#1d4ed8';
  return '#047857';
}

/**
 * Draws a path's steps left to right, internet first, target last, one node per step and one edge per hop.
 * Returns null when cytoscape did not load (the text list of steps stays the complete account of the path).
 */
export function drawPathGraph(
  container: HTMLElement,
  steps: readonly GraphStep[],
  onSelect: (index: number) => void,
): cytoscape.Core | null {
  const factory = window.cytoscape;
  if (!factory) return null;
  const last = steps.length - 1;
  const elements: cytoscape.ElementDefinition[] = [
    ...steps.map((step, i) => ({
      group: 'nodes' as const,
      data: { id: `step-${i}`, index: i, label: `${step.name}\n(${step.kind})`, colour: colourOf(step.kind, i, last) },
      // A path is a chain: place it on a gentle zigzag so long names do not overlap.
      position: { x: i * 190, y: i % 2 === 0 ? 0 : 70 },
    })),
    ...steps.slice(1).map((_, i) => ({
      group: 'edges' as const,
      data: { id: `hop-${i}`, source: `step-${i}`, target: `step-${i + 1}` },
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
          'text-max-width': '170px',
          'text-valign': 'bottom',
          'text-margin-y': 6,
          'font-size': 12,
          color: '#111827',
          width: 28,
          height: 28,
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
