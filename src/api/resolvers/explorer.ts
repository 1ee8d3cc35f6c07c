import { getTemplate, listTemplates, validateExplorerQuery, type ExplorerQuery } from '../../explorer/index.js';
import type { JsonValue } from '../../model/index.js';
import { pageSize, storeOf, type ApiContext } from '../context.js';
import { nodeConnection } from './connection.js';

async function run(query: ExplorerQuery, args: { first: number; after?: string | null }, context: ApiContext) {
  const page = await storeOf(context).explore(query, {
    first: pageSize(args.first, context),
    after: args.after ?? null,
  });
  return nodeConnection(page);
}

/** An explorer query from the client: untrusted JSON, validated against the closed model before it runs. */
function explore(_: unknown, args: { query: JsonValue; first: number; after?: string | null }, context: ApiContext) {
  return run(validateExplorerQuery(args.query), args, context);
}

function runTemplate(_: unknown, args: { name: string; first: number; after?: string | null }, context: ApiContext) {
  return run(getTemplate(args.name).query, args, context);
}

function explorerTemplates() {
  return listTemplates().map(({ name, title, description, query }) => ({ name, title, description, query }));
}

export const explorerQueries = { explore, runTemplate, explorerTemplates };
