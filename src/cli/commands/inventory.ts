import type { Command } from 'commander';
import type { StoreFlags } from '../../config/config.js';
import { nodeDisplayName, type GraphNode, type JsonValue } from '../../model/index.js';
import type { GraphStore } from '../../store/index.js';
import { csv, type TableOptions } from '../../report/paths/text.js';
import { renderTable, toJson } from '../format.js';
import { formatOption, outOption, storeOptions } from '../options.js';
import { emit } from '../output.js';
import { withAnalysedStore } from '../read-store.js';
import { tableWidth, type CommandContext } from './command-context.js';
import { allNodes } from './results.js';

export interface InventoryEndpoint {
  readonly id: string;
  readonly name: string;
  readonly source: string | null;
  readonly method: string | null;
  readonly url: string | null;
  readonly subscriptionId: string | null;
  readonly insights: readonly string[];
  readonly sensitiveInfoTypes: readonly string[];
  readonly lastCalled: string | null;
}

const text = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);
const list = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function toInventoryEndpoint(node: GraphNode): InventoryEndpoint {
  const p = node.properties;
  return {
    id: node.id,
    name: nodeDisplayName(node),
    source: text(p['endpointSource']),
    method: text(p['method']),
    url: text(p['url']) ?? text(p['urlTemplate']),
    subscriptionId: text(p['subscriptionId']),
    insights: list(p['insights']),
    sensitiveInfoTypes: list(p['sensitiveInfoTypes']),
    lastCalled: text(p['lastCalled']),
  };
}

/** Every API endpoint in the store, paged through in id order. */
export async function loadInventory(store: GraphStore): Promise<InventoryEndpoint[]> {
  return (await allNodes(store, 'ApiEndpoint')).map(toInventoryEndpoint);
}

export function renderInventoryTable(endpoints: readonly InventoryEndpoint[], options: TableOptions = {}): string {
  if (endpoints.length === 0) return 'No API endpoints in the store. Run `apiposture scan <dir>` first.';
  return renderTable(
    ['method', 'url', 'source', 'insights', 'sensitive data', 'last called'],
    endpoints.map((e) => [e.method ?? '', e.url ?? e.id, e.source ?? '', e.insights.join(', '), e.sensitiveInfoTypes.join(', '), e.lastCalled ?? '']),
    options,
  );
}

/** `inventory --format csv`: full ids and URLs; list cells joined with "; ". */
export function renderInventoryCsv(endpoints: readonly InventoryEndpoint[]): string {
  return csv(
    ['id', 'name', 'method', 'url', 'source', 'subscriptionId', 'insights', 'sensitiveInfoTypes', 'lastCalled'],
    endpoints.map((e) => [e.id, e.name, e.method, e.url, e.source, e.subscriptionId, e.insights.join('; '), e.sensitiveInfoTypes.join('; '), e.lastCalled]),
  );
}

interface InventoryFlags extends StoreFlags {
  readonly format: 'table' | 'json' | 'csv';
  readonly out?: string;
}

/** `inventory`: every API endpoint with its insights, the sensitive data it carries and when it was last called. */
export function registerInventoryCommand(program: Command, { io, action }: CommandContext): void {
  storeOptions(program.command('inventory'))
    .description('API inventory with insights')
    .addOption(formatOption(['table', 'json', 'csv'] as const))
    .addOption(outOption())
    .action(
      action(async (flags: InventoryFlags) => {
        await withAnalysedStore(flags, io, async (store) => {
          const endpoints = await loadInventory(store);
          const text =
            flags.format === 'json'
              ? toJson({ endpoints })
              : flags.format === 'csv'
                ? renderInventoryCsv(endpoints)
                : `${renderInventoryTable(endpoints, tableWidth(io, flags.out))}\n`;
          await emit(io, text, flags.out);
        });
      }),
    );
}
