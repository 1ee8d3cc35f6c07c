import { EDGE_DECLARATIONS, FAMILIES, NODE_DECLARATIONS, nodeProperties } from '../../model/index.js';
import { ENTITY_LABEL, quoteName as q } from './cypher.js';

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Uniqueness constraints: `id` on the shared Entity label and on every kind. */
export function constraintStatements(): string[] {
  return [
    `CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:${ENTITY_LABEL}) REQUIRE n.id IS UNIQUE`,
    ...NODE_DECLARATIONS.map(
      (d) => `CREATE CONSTRAINT ${snake(d.kind)}_id IF NOT EXISTS FOR (n:${q(d.kind)}) REQUIRE n.id IS UNIQUE`,
    ),
  ];
}

/**
 * Range indexes on declared indexed properties, on `id` under each family label (an explorer query on a family,
 * `DataStore` say, reads it in id order and stops at its page instead of sorting every member; the kinds' `id`
 * indexes come with their constraints), and on the edge properties cleanup filters by.
 */
export function indexStatements(): string[] {
  const statements: string[] = FAMILIES.map(
    (family) => `CREATE INDEX family_${snake(family)}_id IF NOT EXISTS FOR (n:${q(family)}) ON (n.id)`,
  );
  for (const d of NODE_DECLARATIONS) {
    for (const [name, property] of Object.entries(nodeProperties(d.kind))) {
      if (!property.indexed) continue;
      statements.push(`CREATE INDEX ${snake(d.kind)}_${snake(name)} IF NOT EXISTS FOR (n:${q(d.kind)}) ON (n.${q(name)})`);
    }
  }
  for (const d of EDGE_DECLARATIONS) {
    if (d.derived) continue;
    statements.push(
      `CREATE INDEX ${snake(d.kind)}_subscription_id IF NOT EXISTS FOR ()-[r:${q(d.kind)}]-() ON (r.subscriptionId)`,
    );
  }
  return statements;
}

export function schemaFile(statements: readonly string[]): string {
  return ['// Generated from src/model by `npm run generate`. Do not edit by hand.', ...statements.map((s) => `${s};`), ''].join('\n');
}
