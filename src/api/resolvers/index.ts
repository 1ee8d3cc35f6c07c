import { GraphQLScalarType, Kind, type ValueNode } from 'graphql/index.js';
import type { JsonValue } from '../../model/index.js';
import type { Resolvers } from '../generated/resolver-types.js';
import { analysisMutations, analysisQueries, analysisTypes } from './analysis.js';
import { assetQueries, assetTypes } from './assets.js';
import { explorerQueries } from './explorer.js';
import { findingQueries, findingTypes } from './findings.js';
import { pathQueries, pathTypes } from './paths.js';

/** A JSON literal written inline in a query (`explore(query: { kind: "ApiEndpoint" })`), with variables substituted. */
function literal(node: ValueNode, variables: Readonly<Record<string, unknown>> | null | undefined): JsonValue {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.VARIABLE:
      return (variables?.[node.name.value] ?? null) as JsonValue;
  }
}

const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});

/** Every resolver, by GraphQL type; field names follow schema/graphql/schema.graphql. */
export const resolvers: Resolvers = {
  JSON: JSONScalar,
  Query: { ...assetQueries, ...findingQueries, ...pathQueries, ...analysisQueries, ...explorerQueries },
  Mutation: { ...analysisMutations },
  ...assetTypes,
  ...findingTypes,
  ...pathTypes,
  ...analysisTypes,
};
