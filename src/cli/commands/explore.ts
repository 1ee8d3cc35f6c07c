/** `apiposture explore (--template NAME | --query FILE)`: one page of an explorer query's rows. */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { StoreFlags } from '../../config/config.js';
import { getTemplate, listTemplates, parseQueryFile, type ExplorerQuery } from '../../explorer/index.js';
import type { GraphNode, JsonValue } from '../../model/index.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../store/query-options.js';
import type { Page } from '../../store/index.js';
import { InputError, ValidationError } from '../../util/errors.js';
import { renderTable, toJson } from '../format.js';
import { withAnalysedStore } from '../read-store.js';
import type { CommandIo } from '../run-command.js';

export interface ExploreFlags extends StoreFlags {
  readonly template?: string;
  readonly query?: string;
  readonly format: 'table' | 'json';
  readonly first?: string;
  readonly after?: string;
}

/** One row of `explore --format json`: stable, documented in README. */
export interface ExploreRow {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly subscriptionId: string | null;
  readonly resourceGroup: string | null;
  readonly insights: readonly string[];
}

export function exploreOptions(command: Command): Command {
  return command
    .description('run an explorer query: a named template or a query file (YAML or JSON)')
    .option('--template <name>', 'a template from queries/templates (the names are listed when one is unknown)')
    .option('--query <file>', 'an explorer query file: { kind, where?, connections?, limit? }')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--first <n>', `rows per page (default ${DEFAULT_PAGE_SIZE})`)
    .option('--after <cursor>', 'continue after the endCursor of a previous page');
}

const text = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);
const list = (v: JsonValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function toExploreRow(node: GraphNode): ExploreRow {
  const p = node.properties;
  return {
    id: node.id,
    kind: node.kind,
    name: text(p['name']) ?? node.id,
    subscriptionId: text(p['subscriptionId']),
    resourceGroup: text(p['resourceGroup']),
    insights: list(p['insights']),
  };
}

function pageSize(first: string | undefined): number {
  if (first === undefined) return DEFAULT_PAGE_SIZE;
  const n = Number(first);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
    throw new ValidationError(`--first must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  return n;
}

/** The query to run, resolved before the store is opened: an unknown template or a bad file fails fast. */
async function resolveQuery(flags: ExploreFlags): Promise<{ query: ExplorerQuery; template?: string }> {
  if ((flags.template === undefined) === (flags.query === undefined)) {
    throw new ValidationError(
      `give exactly one of --template NAME or --query FILE; templates: ${listTemplates()
        .map((t) => t.name)
        .join(', ')}`,
    );
  }
  if (flags.template !== undefined) {
    const template = getTemplate(flags.template);
    return { query: template.query, template: template.name };
  }
  const file = flags.query!;
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError({ file }, `cannot read the query file: ${(error as Error).message}`);
  }
  return { query: parseQueryFile(content, file).query };
}

export function renderExploreTable(page: Page<GraphNode>): string {
  if (page.items.length === 0) return 'No matching nodes.';
  const rows = page.items.map(toExploreRow);
  const table = renderTable(
    ['kind', 'name', 'insights', 'id'],
    rows.map((r) => [r.kind, r.name, r.insights.join(', '), r.id]),
  );
  const more = page.hasNextPage ? `\nMore rows: --after ${page.endCursor}` : '';
  return `${table}\n${rows.length} row(s)${more}`;
}

export async function runExploreCommand(flags: ExploreFlags, io: CommandIo): Promise<void> {
  listTemplates(); // templates load and validate at startup: a broken one fails here, naming its file
  const { query, template } = await resolveQuery(flags);
  const first = pageSize(flags.first);
  await withAnalysedStore(flags, io, async (store) => {
    const page = await store.explore(query, { first, after: flags.after ?? null });
    if (flags.format === 'json') {
      const pageInfo = { endCursor: page.endCursor, hasNextPage: page.hasNextPage };
      io.stdout.write(
        toJson({ ...(template !== undefined ? { template } : {}), rows: page.items.map(toExploreRow), pageInfo }),
      );
    } else {
      io.stdout.write(`${renderExploreTable(page)}\n`);
    }
  });
}
