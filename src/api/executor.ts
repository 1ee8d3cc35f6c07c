import type { ApolloServerOptions } from '@apollo/server';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { execute, OperationTypeNode, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql/index.js';
import type { ApiContext } from './context.js';

/** Apollo Server's hook for a schema with its own executor: the gateway interface, which Apollo calls per operation. */
export type ExecutingGateway = Extract<ApolloServerOptions<ApiContext>, { gateway: unknown }>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<ExecutingGateway['load']>>['executor']>;

/** Distinct operations kept compiled: the web page and the CLI send a few dozen; a client inventing more pays for the rest. */
export const COMPILED_OPERATIONS = 200;

/** One operation to run: the parsed document (Apollo's, cached per query text) and what the caller sent with it. */
export interface Operation {
  readonly source: string;
  readonly document: DocumentNode;
  readonly operationName: string | null;
  /** A query reads only; anything else (a mutation changes the store) runs once, on graphql-js. */
  readonly query: boolean;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
  readonly context: ApiContext;
}

export type RunOperation = (operation: Operation) => Promise<ExecutionResult>;

/** graphql-js's reference executor, as Apollo runs it when no gateway is given. */
export function interpret(schema: GraphQLSchema): RunOperation {
  return async ({ document, operationName, variables, context }) =>
    execute({ schema, document, operationName, variableValues: variables, contextValue: context });
}

/** The operation as a function, or null when the compiler refuses it or fails (code generation disallowed, a bug). */
function compile(schema: GraphQLSchema, operation: Operation): CompiledQuery | null {
  try {
    const result = compileQuery(schema, operation.document, operation.operationName ?? undefined);
    return isCompiledQuery(result) ? result : null;
  } catch {
    return null;
  }
}

/**
 * graphql-js's executor builds, for every field it resolves and every object it completes, a fresh arguments
 * dictionary, field map and path: that garbage is most of what an API request allocates, and the young-generation
 * collections it triggers are the request latency's tail. graphql-jit turns each operation into a function once and
 * then resolves the same resolvers without that per-field bookkeeping.
 *
 * Compiled functions are kept per query text and operation name in a bounded map (least recently used goes first).
 * A text is compiled the second time it is asked, not the first: compiling costs more than interpreting once, so a
 * client sending ever-new texts (inline literals) pays graphql-js's price, not the compiler's.
 * graphql-js stays the reference for everything but a query's successful answer: what the compiler refuses and
 * mutations run on it directly, and a query whose compiled run reports any error is answered by graphql-js again,
 * so error messages, locations, codes and the nulls they leave are graphql-js's word for word. Running a failed
 * query again reads only (queries change nothing), within the same request's deadline and loaders.
 */
export function compiling(schema: GraphQLSchema, capacity = COMPILED_OPERATIONS): RunOperation {
  const fallback = interpret(schema);
  /** Per text: seen once, compiled, or refused by the compiler (null). */
  const known = new Map<string, CompiledQuery | 'seen' | null>();
  const lookUp = (operation: Operation): CompiledQuery | null => {
    const key = `${operation.operationName ?? ''}\u0000${operation.source}`;
    let entry = known.get(key);
    if (entry === undefined) {
      entry = 'seen';
      if (known.size >= capacity) known.delete(known.keys().next().value as string);
    } else {
      known.delete(key);
      if (entry === 'seen') entry = compile(schema, operation);
    }
    known.set(key, entry);
    return entry === 'seen' ? null : entry;
  };
  return async (operation) => {
    const query = operation.query ? lookUp(operation) : null;
    if (!query) return fallback(operation);
    let result: ExecutionResult;
    try {
      result = await query.query(undefined, operation.context, operation.variables ?? {});
    } catch {
      // The compiled function itself failed (not a resolver: their errors are in the result): graphql-js answers.
      return fallback(operation);
    }
    return result.errors?.length ? fallback(operation) : result;
  };
}

/**
 * The schema and executor as Apollo's gateway interface: Apollo still parses, validates (with the API's limit
 * rules), runs its plugins and formats errors; only execution is ours.
 */
export function executingGateway(schema: GraphQLSchema, run: RunOperation): ExecutingGateway {
  const executor: GatewayExecutor = async (request) => {
    const { document, source, operation, operationName, context } = request;
    if (!document || !operation || source === undefined)
      throw new Error('Apollo called the executor without a parsed operation');
    return run({
      source,
      document,
      operationName: operationName ?? null,
      query: operation.operation === OperationTypeNode.QUERY,
      variables: request.request.variables,
      context: context as ApiContext,
    });
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    load: async () => ({ executor }),
    stop: async () => {},
  };
}
