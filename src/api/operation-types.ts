import { GraphQLError, type ASTVisitor, type OperationDefinitionNode, type ValidationRule } from 'graphql/index.js';

/**
 * Refuses an operation whose root type the schema does not define (this schema has no `Subscription`). graphql-js
 * validation lets `subscription { … }` through and execution then throws, which would reach the client as an
 * internal error and be logged as one: it is the caller's mistake, so it fails validation like any other.
 */
export const knownOperationTypeRule: ValidationRule = (context) =>
  ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const schema = context.getSchema();
      const root =
        operation.operation === 'query'
          ? schema.getQueryType()
          : operation.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      if (!root) {
        context.reportError(
          new GraphQLError(`the schema has no ${operation.operation} operations`, { nodes: [operation] }),
        );
      }
    },
  }) satisfies ASTVisitor;
