import { EDGE_DECLARATIONS, FAMILIES, NODE_DECLARATIONS, nodeProperties } from '../../model/index.js';
import { ENTITY_LABEL, quoteName as q } from './cypher.js';
import { generationIndexStatements } from './generation.js';

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * Uniqueness constraints: `id` on every kind ingest writes. An analysis-owned id (`internet`, a finding) exists once
 * per generation while a new analysis is written beside the current one (generation.ts), so those kinds, and the
 * shared Entity label, have an id index instead.
 */
export function constraintStatements(): string[] {
  return NODE_DECLARATIONS.filter((d) => d.subscriptionScoped).map(
    (d) => `CREATE CONSTRAINT ${snake(d.kind)}_id IF NOT EXISTS FOR (n:${q(d.kind)}) REQUIRE n.id IS UNIQUE`,
  );
}

/** Constraints of stores written before analyses were generations, which the id indexes replace. */
export function retiredConstraintStatements(): string[] {
  return ['entity_id', ...NODE_DECLARATIONS.filter((d) => !d.subscriptionScoped).map((d) => `${snake(d.kind)}_id`)].map(
    (name) => `DROP CONSTRAINT ${name} IF EXISTS`,
  );
}

/**
 * Range indexes: `id` of Entity and of analysis-owned kinds, `id` under each family label (an explorer query on a
 * family, `DataStore` say, reads it in id order and stops at its page instead of sorting every member; ingested
 * kinds' `id` indexes come with their constraints), declared indexed properties, the edge properties cleanup
 * filters by, and the generation properties an analysis's batched removals seek on.
 */
export function indexStatements(): string[] {
  const statements: string[] = [`CREATE INDEX entity_id_lookup IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON (n.id)`];
  for (const family of FAMILIES) statements.push(`CREATE INDEX family_${snake(family)}_id IF NOT EXISTS FOR (n:${q(family)}) ON (n.id)`);
  for (const d of NODE_DECLARATIONS) {
    if (!d.subscriptionScoped) statements.push(`CREATE INDEX ${snake(d.kind)}_id_lookup IF NOT EXISTS FOR (n:${q(d.kind)}) ON (n.id)`);
  }
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
  return [...statements, ...generationIndexStatements(snake)];
}

export function schemaFile(statements: readonly string[]): string {
  return ['// Generated from src/model by `npm run generate`. Do not edit by hand.', ...statements.map((s) => `${s};`), ''].join('\n');
}
