import type { GraphEdge, GraphNode } from '../model/index.js';
import { InputError } from '../util/errors.js';
import { parseArmRow } from './azure/arm-row.js';
import { isEffectiveNsgRow, transformEffectiveNsgRow } from './azure/effective-nsg.js';
import { linkDependencies, linkEndpoints } from './azure/link.js';
import type { TransformTable } from './azure/transform.js';
import { subscriptionRef } from './azure/transform.js';
import { AZURE_TRANSFORMS } from './azure/transforms/index.js';
import { GraphCollector } from './collect.js';
import type { InputRow } from './input/rows.js';

export interface SkippedRow {
  readonly file: string;
  readonly index: number;
  readonly reason: string;
}

export interface TransformResult {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly types: Record<string, number>;
  readonly unknownTypes: Record<string, number>;
  readonly subscriptions: string[];
  readonly skippedRows: SkippedRow[];
}

export interface ResourceTransformOptions {
  readonly source: string;
  readonly transforms?: TransformTable;
  readonly skipInvalidRows?: boolean;
}

/**
 * Resource rows → validated nodes and edges, one row at a time, so rows can be transformed while the files are
 * still being read and dropped right after. Any malformed row throws an InputError naming its file and position;
 * nothing is written until `finish`, so bad input never leaves a half-loaded graph.
 */
export class ResourceTransformer {
  private readonly transforms: TransformTable;
  private collector = new GraphCollector();
  private readonly types: Record<string, number> = {};
  private readonly unknownTypes: Record<string, number> = {};
  private readonly subscriptions = new Set<string>();
  private readonly skippedRows: SkippedRow[] = [];

  constructor(private readonly options: ResourceTransformOptions) {
    this.transforms = options.transforms ?? AZURE_TRANSFORMS;
  }

  add(input: InputRow): void {
    const collector = this.collector;
    if (isEffectiveNsgRow(input.value)) {
      this.types['effectiveSecurityRules'] = (this.types['effectiveSecurityRules'] ?? 0) + 1;
      transformEffectiveNsgRow(input, collector);
      return;
    }
    let row;
    try {
      row = parseArmRow(input);
    } catch (error) {
      if (!(this.options.skipInvalidRows && error instanceof InputError)) throw error;
      this.skippedRows.push({ file: input.file, index: input.index, reason: error.reason });
      return;
    }
    this.types[row.type] = (this.types[row.type] ?? 0) + 1;
    const transform = this.transforms[row.type];
    if (!transform) {
      this.unknownTypes[row.type] = (this.unknownTypes[row.type] ?? 0) + 1;
      return;
    }
    const position = {
      file: input.file,
      index: input.index,
      ...(input.line !== undefined ? { line: input.line } : {}),
    };
    if (row.subscriptionId) {
      this.subscriptions.add(row.subscriptionId);
      const subscription = subscriptionRef(row.subscriptionId).id;
      if (!collector.nodes.has(subscription)) {
        collector.at(position).node('Subscription', subscription, {
          name: row.subscriptionId,
          subscriptionId: row.subscriptionId,
          azureType: 'microsoft.resources/subscriptions',
        });
      }
    }
    try {
      transform(row, collector.at(position));
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(position, `cannot read ${row.type} ${row.id}: ${(error as Error).message}`);
    }
  }

  /** Links what rows named across files (stored nodes looked up by id) and validates the whole graph. */
  async finish(
    lookupStored: (ids: string[]) => Promise<readonly GraphNode[]> = async () => [],
  ): Promise<TransformResult> {
    const collector = this.collector;
    const found = await lookupStored([...linkDependencies(collector.nodes), ...collector.updateDependencies()]);
    collector.applyUpdates(new Map(found.map((n) => [n.id, n.kind])));
    const stored = new Map(found.map((n) => [n.id, n.properties]));
    linkEndpoints(collector.nodes, (id) => collector.nodes.get(id)?.properties ?? stored.get(id));
    const { nodes, edges } = collector.build(this.options.source);
    // The built nodes and edges are copies: let the pending ones go before the store makes its own (at 1M rows
    // holding both was what pushed the heap to its limit).
    this.collector = new GraphCollector();
    return {
      nodes,
      edges,
      types: this.types,
      unknownTypes: this.unknownTypes,
      subscriptions: [...this.subscriptions].sort(),
      skippedRows: this.skippedRows,
    };
  }
}
