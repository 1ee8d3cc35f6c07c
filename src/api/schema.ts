import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// 'graphql/index.js', not 'graphql', everywhere in src/api: graphql 16 ships CommonJS (`main`) and ESM (`module`)
// builds, Node and Apollo load the CommonJS one, and bundler-style resolvers (Vite, in the tests) would pick the
// ESM one for our imports — two graphql instances, whose schema objects fail each other's instanceof checks.
import { Kind, parse, type DocumentNode } from 'graphql/index.js';
import { EDGE_KINDS, INSIGHTS, NODE_KINDS, RISK_FACTORS, RISK_LEVELS } from '../model/index.js';
import { SEVERITIES } from '../analysis/recommendations/types.js';
import { ConfigError } from '../util/errors.js';

/** The checked-in SDL: two levels up from src/api (or dist/api), like queries/ and the Neo4j schema. */
export function schemaFile(): string {
  return fileURLToPath(new URL('../../schema/graphql/schema.graphql', import.meta.url));
}

/** Enums that mirror the closed model: a kind added to src/model without the SDL would fail at runtime, so fail at startup. */
const MODEL_ENUMS: Readonly<Record<string, readonly string[]>> = {
  NodeKind: NODE_KINDS,
  EdgeKind: EDGE_KINDS,
  Insight: INSIGHTS,
  RiskFactor: RISK_FACTORS,
  RiskLevel: RISK_LEVELS,
  Severity: SEVERITIES,
};

export function checkModelEnums(document: DocumentNode): void {
  for (const [name, values] of Object.entries(MODEL_ENUMS)) {
    const definition = document.definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name);
    const declared =
      definition?.kind === Kind.ENUM_TYPE_DEFINITION ? (definition.values ?? []).map((v) => v.name.value) : [];
    const missing = values.filter((v) => !declared.includes(v));
    const extra = declared.filter((v) => !values.includes(v));
    if (missing.length || extra.length) {
      throw new ConfigError(
        `schema/graphql/schema.graphql: enum ${name} does not match src/model (missing: ${missing.join(', ') || 'none'}; unknown: ${extra.join(', ') || 'none'})`,
      );
    }
  }
}

/** Reads and checks the SDL once per process. */
let cached: DocumentNode | undefined;
export function loadTypeDefs(file = schemaFile()): DocumentNode {
  if (cached && file === schemaFile()) return cached;
  const document = parse(readFileSync(file, 'utf8'));
  checkModelEnums(document);
  if (file === schemaFile()) cached = document;
  return document;
}
