/** `apiposture explore (--template NAME | --query FILE)`: one page of an explorer query's rows. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { StoreFlags } from '../../config/config.js';
import { getTemplate, listTemplates, parseQueryFile, type ExplorerQuery } from '../../explorer/index.js';
import { nodeDisplayName, type GraphNode, type JsonValue } from '../../model/index.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../store/query-options.js';
import type { Page } from '../../store/index.js';
import { InputError, UsageError } from '../../util/errors.js';
import { renderTable, toJson } from '../format.js';
import { formatOption, outOption } from '../options.js';
import { emit } from '../output.js';
import { withAnalysedStore } from '../read-store.js';
import type { CommandIo } from '../run-command.js';

export interface ExploreFlags extends StoreFlags {
  readonly template?: string;
  readonly query?: string;
  readonly format: 'table' | 'json';
  readonly list?: boolean;
  readonly out?: string;
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
    .option('--template <name>', 'a template from queries/templates (see --list)')
    .option('--query <file>', 'an explorer query file: { kind, where?, connections?, limit? }')
    .option('--list', 'list the templates: name, title, description')
    .addOption(formatOption(['table', 'json'] as const))
    .addOption(outOption())
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
    name: nodeDisplayName(node),
    subscriptionId: text(p['subscriptionId']),
    resourceGroup: text(p['resourceGroup']),
    insights: list(p['insights']),
  };
}

function pageSize(first: string | undefined): number {
  if (first === undefined) return DEFAULT_PAGE_SIZE;
  const n = Number(first);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
    throw new UsageError(`--first must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  return n;
}

/** The query to run, resolved before the store is opened: an unknown template or a bad file fails fast. */
async function resolveQuery(flags: ExploreFlags): Promise<{ query: ExplorerQuery; template?: string }> {
  if ((flags.template === undefined) === (flags.query === undefined)) {
    throw new UsageError('give exactly one of --template NAME or --query FILE (`apiposture explore --list` lists the templates)');
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

function renderTemplates(format: 'table' | 'json'): string {
  const templates = listTemplates().map((t) => ({ name: t.name, title: t.title, description: t.description }));
  if (format === 'json') return toJson({ templates });
  return `${renderTable(['NAME', 'TITLE', 'DESCRIPTION'], templates.map((t) => [t.name, t.title, t.description]))}\n`;
}

export async function runExploreCommand(flags: ExploreFlags, io: CommandIo): Promise<void> {
  listTemplates(); // templates load and validate at startup: a broken one fails here, naming its file
  if (flags.list) {
    await emit(io, renderTemplates(flags.format), flags.out);
    return;
  }
  const { query, template } = await resolveQuery(flags);
  const first = pageSize(flags.first);
  await withAnalysedStore(flags, io, async (store) => {
    const page = await store.explore(query, { first, after: flags.after ?? null });
    const pageInfo = { endCursor: page.endCursor, hasNextPage: page.hasNextPage };
    const text =
      flags.format === 'json'
        ? toJson({ ...(template !== undefined ? { template } : {}), rows: page.items.map(toExploreRow), pageInfo })
        : `${renderExploreTable(page)}\n`;
    await emit(io, text, flags.out);
  });
}
