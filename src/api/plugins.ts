import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit, type DocumentNode } from 'graphql/index.js';
import type { IntrospectionMode } from '../config/server.js';
import type { ApiContext } from './context.js';
import { apiError } from './errors.js';

/**
 * Apollo hands every request with the same query text the same parsed document (its document cache), so the walk
 * runs once per query text, not once per request.
 */
const introspecting = new WeakMap<DocumentNode, boolean>();

function introspects(document: DocumentNode): boolean {
  let found = introspecting.get(document);
  if (found === undefined) introspecting.set(document, (found = walkForIntrospection(document)));
  return found;
}

function walkForIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Introspection by role. Apollo's own switch is all-or-nothing and validation rules are cached per query text
 * (not per caller), so the check runs per request, once the operation is known: `admin` lets only admins
 * introspect, `nobody` no one. `__typename` stays available to everyone (clients need it).
 */
export function introspectionGate(mode: IntrospectionMode): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (mode === 'everyone' || !introspects(document)) return;
          if (mode === 'admin' && contextValue.principal.role === 'admin') return;
          throw apiError(
            'FORBIDDEN',
            mode === 'admin' ? 'introspection needs the admin role' : 'introspection is disabled on this server',
            403,
          );
        },
      };
    },
  };
}
