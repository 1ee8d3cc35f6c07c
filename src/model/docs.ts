import { AZURE_RESOURCE_PROPERTIES, COMMON_EDGE_PROPERTIES, COMMON_NODE_PROPERTIES } from './common.js';
import type { PropertyDeclarations } from './declare.js';
import { EDGE_DECLARATIONS } from './edges.js';
import { INSIGHTS, RISK_FACTORS, TRAVERSABLE_EDGES } from './kinds.js';
import { NODE_DECLARATIONS } from './nodes.js';

function propertyList(properties: PropertyDeclarations): string {
  const names = Object.entries(properties).map(([name, p]) => `\`${name}\` (${p.type})`);
  return names.length ? names.join(', ') : '—';
}

function propertyTable(properties: PropertyDeclarations): string[] {
  return [
    '| property | type | meaning |',
    '|---|---|---|',
    ...Object.entries(properties).map(([name, p]) => `| \`${name}\` | ${p.type} | ${p.description} |`),
  ];
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The graph model as a Markdown page (docs/graph-model.md), generated from the declarations. */
export function generateGraphModelDoc(): string {
  const lines = [
    '# Graph model',
    '',
    '<!-- Generated from src/model by `npm run generate`. Do not edit by hand. -->',
    '',
    'Every node carries the label of its kind and the label of its family.',
    '',
    '## Properties of every node',
    '',
    ...propertyTable(COMMON_NODE_PROPERTIES),
    '',
    '## Properties of every Azure resource node',
    '',
    ...propertyTable(AZURE_RESOURCE_PROPERTIES),
    '',
    '## Node kinds',
    '',
    '| kind | family | id | description | own properties |',
    '|---|---|---|---|---|',
    ...NODE_DECLARATIONS.map(
      (d) => `| \`${d.kind}\` | \`${d.family}\` | ${cell(d.idRule)} | ${cell(d.description)} | ${propertyList(d.properties)} |`,
    ),
    '',
    '## Properties of every edge',
    '',
    ...propertyTable(COMMON_EDGE_PROPERTIES),
    '',
    '## Edge kinds',
    '',
    '| edge | derived | traversable | from | to | description | own properties |',
    '|---|---|---|---|---|---|---|',
    ...EDGE_DECLARATIONS.map((d) => {
      const traversable = (TRAVERSABLE_EDGES as readonly string[]).includes(d.kind);
      return `| \`${d.kind}\` | ${d.derived ? 'yes' : 'no'} | ${traversable ? 'yes' : 'no'} | ${d.from.join(', ')} | ${d.to.join(', ')} | ${cell(d.description)} | ${propertyList(d.properties)} |`;
    }),
    '',
    '## Insights',
    '',
    INSIGHTS.map((i) => `\`${i}\``).join(', '),
    '',
    '## Risk factors',
    '',
    RISK_FACTORS.map((f) => `\`${f}\``).join(', '),
    '',
  ];
  return lines.join('\n');
}
