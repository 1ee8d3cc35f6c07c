import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql/index.js';

/**
 * Query limits as validation rules: they run once per query text, before anything executes, and Apollo caches
 * the verdict with the parsed document. Introspection fields (`__schema`, `__type`) are left out: whether a caller
 * may introspect is decided by role, elsewhere.
 */

/**
 * The most lexical tokens one query text may hold, checked while parsing. It bounds the validation that runs before
 * the depth and cost rules: graphql-js compares every pair of sibling fields for overlaps, so thousands of aliases
 * would cost seconds. The introspection query needs under 200 tokens and the web explorer's largest under 500.
 */
export const MAX_QUERY_TOKENS = 4_000;

/** List fields without a `first` argument (path steps, goal results, …) are counted as this many items. */
const UNPAGED_LIST_ITEMS = 10;

function operationDepth(context: ValidationContext, set: SelectionSetNode, seen: ReadonlySet<string>): number {
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(
        deepest,
        1 + (selection.selectionSet ? operationDepth(context, selection.selectionSet, seen) : 0),
      );
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, operationDepth(context, selection.selectionSet, seen));
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // A fragment cycle is reported by the standard NoFragmentCycles rule; here it just stops the walk.
      if (fragment && !seen.has(name))
        deepest = Math.max(deepest, operationDepth(context, fragment.selectionSet, new Set([...seen, name])));
    }
  }
  return deepest;
}

export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context) =>
    ({
      OperationDefinition(operation: OperationDefinitionNode) {
        const depth = operationDepth(context, operation.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`the query is ${depth} levels deep; the limit is ${maxDepth}`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_DEEP' },
            }),
          );
        }
      },
    }) satisfies ASTVisitor;
}

/** How many items a field returns at most: its `first` (a variable counts as the largest page), or a fixed guess for unpaged lists. */
function multiplier(field: FieldNode, definition: GraphQLField<unknown, unknown>, maxPageSize: number): number {
  const firstArg = definition.args.find((a) => a.name === 'first');
  if (firstArg) {
    const given = field.arguments?.find((a) => a.name.value === 'first')?.value;
    if (given?.kind === Kind.INT) return Math.max(1, Number(given.value));
    if (given?.kind === Kind.VARIABLE) return maxPageSize;
    return typeof firstArg.defaultValue === 'number' ? firstArg.defaultValue : maxPageSize;
  }
  const type = getNullableType(definition.type);
  // A connection's `edges` are already counted by the connection field's `first`.
  if (isListType(type) && definition.name !== 'edges' && !isLeaf(getNamedType(type))) return UNPAGED_LIST_ITEMS;
  return 1;
}

const isLeaf = (type: GraphQLNamedType) => !isObjectType(type) && !isInterfaceType(type);

function selectionCost(
  context: ValidationContext,
  set: SelectionSetNode,
  parent: GraphQLNamedType,
  maxPageSize: number,
  seen: ReadonlySet<string>,
): number {
  if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const definition = parent.getFields()[selection.name.value];
      if (!definition || selection.name.value.startsWith('__')) continue;
      const child = selection.selectionSet
        ? selectionCost(context, selection.selectionSet, getNamedType(definition.type), maxPageSize, seen)
        : 0;
      total += 1 + multiplier(selection, definition, maxPageSize) * child;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
      if (on) total += selectionCost(context, selection.selectionSet, on, maxPageSize, seen);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      const on = fragment ? context.getSchema().getType(fragment.typeCondition.name.value) : undefined;
      if (fragment && on && !seen.has(name))
        total += selectionCost(context, fragment.selectionSet, on, maxPageSize, new Set([...seen, name]));
    }
  }
  return total;
}

/**
 * Cost = fields that may be resolved: each field costs 1, and what is selected under a list is paid once per item
 * it may return (`first`). Rejects a query that could ask for millions of values before it runs.
 */
export function costLimitRule(maxCost: number, maxPageSize: number): ValidationRule {
  return (context) =>
    ({
      OperationDefinition(operation: OperationDefinitionNode) {
        const schema = context.getSchema();
        const root =
          operation.operation === 'mutation'
            ? schema.getMutationType()
            : operation.operation === 'query'
              ? schema.getQueryType()
              : schema.getSubscriptionType();
        if (!root) return;
        const cost = selectionCost(context, operation.selectionSet, root, maxPageSize, new Set());
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(`the query may cost ${cost} (fields × page sizes); the limit is ${maxCost}`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_COSTLY' },
            }),
          );
        }
      },
    }) satisfies ASTVisitor;
}
