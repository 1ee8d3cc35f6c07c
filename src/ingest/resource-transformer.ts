import type { GraphEdge, GraphNode } from '../model/index.js';
import { InputError } from '../util/errors.js';
import { parseArmRow, whyUnplaced } from './azure/arm-row.js';
import { isEffectiveNsgRow, transformEffectiveNsgRow } from './azure/effective-nsg.js';
import { isEffectiveRoutesRow, transformEffectiveRoutesRow } from './azure/effective-routes.js';
import { linkDependencies, linkEndpoints } from './azure/link.js';
import { isServiceTagList, transformServiceTagList } from './azure/service-tag-list.js';
import type { TransformTable } from './azure/transform.js';
import { subscriptionRef } from './azure/transform.js';
import { AZURE_TRANSFORMS } from './azure/transforms/index.js';
import { GraphCollector, type IncompleteRow } from './collect.js';
import type { InputRow } from '../util/input/rows.js';

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
  /**
   * Subscriptions whose stale data must not be removed: a skipped row may have been one of their resources. With a
   * skipped row that could belong to any subscription, every one of the run's.
   */
  readonly keepStale: string[];
  /** Rows whose type was read from their id (none given) or normalised from an alias spelling. */
  readonly typedFromId: number;
  /** Child rows left out because their parent is absent (no phantom nodes), each with the parent named. */
  readonly incomplete: IncompleteRow[];
}

export interface ResourceTransformOptions {
  readonly source: string;
  readonly transforms?: TransformTable;
  /** Fail on a row that cannot be placed (no id) instead of reporting and skipping it. */
  readonly strict?: boolean;
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
  /** Subscriptions seen per file, to know which ones a skipped row of that file could belong to. */
  private readonly fileSubscriptions = new Map<string, Set<string>>();
  /** Files with a skipped row that names no subscription of its own. */
  private readonly filesWithUnplacedRows = new Set<string>();
  private readonly keepStale = new Set<string>();
  private typedFromId = 0;

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
    if (isEffectiveRoutesRow(input.value)) {
      this.types['effectiveRoutes'] = (this.types['effectiveRoutes'] ?? 0) + 1;
      transformEffectiveRoutesRow(input, collector);
      return;
    }
    if (isServiceTagList(input.value)) {
      this.types['serviceTags'] = (this.types['serviceTags'] ?? 0) + 1;
      transformServiceTagList(input, collector);
      return;
    }
    const unplaced = this.options.strict ? null : whyUnplaced(input);
    if (unplaced) {
      this.skip(input, unplaced);
      return;
    }
    const row = parseArmRow(input);
    if (row.typeSource !== 'given') this.typedFromId += 1;
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
      let seen = this.fileSubscriptions.get(input.file);
      if (!seen) this.fileSubscriptions.set(input.file, (seen = new Set()));
      seen.add(row.subscriptionId);
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

  /** Reports a row that cannot be placed; its subscription (or every one it could be) keeps its stale data. */
  private skip(input: InputRow, reason: string): void {
    this.skippedRows.push({ file: input.file, index: input.index, reason });
    const own = input.value['subscriptionId'];
    if (typeof own === 'string' && own) this.keepStale.add(own.toLowerCase());
    else this.filesWithUnplacedRows.add(input.file);
  }

  /**
   * Subscriptions a skipped row could belong to: its own column, else every subscription its file held; a file
   * that held none could be any subscription's export.
   */
  private staleKept(): string[] {
    const kept = new Set(this.keepStale);
    for (const file of this.filesWithUnplacedRows) {
      const seen = this.fileSubscriptions.get(file);
      for (const subscription of seen?.size ? seen : this.subscriptions) kept.add(subscription);
    }
    return [...kept].sort();
  }

  /** Links what rows named across files (stored nodes looked up by id) and validates the whole graph. */
  async finish(
    lookupStored: (ids: string[]) => Promise<readonly GraphNode[]> = async () => [],
  ): Promise<TransformResult> {
    const collector = this.collector;
    const found = await lookupStored([
      ...new Set([...linkDependencies(collector.nodes), ...collector.updateDependencies(), ...collector.parentDependencies()]),
    ]);
    collector.applyUpdates(new Map(found.map((n) => [n.id, n])));
    collector.dropOrphans(new Set(found.map((n) => n.id)));
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
      keepStale: this.staleKept(),
      incomplete: collector.incomplete,
      typedFromId: this.typedFromId,
    };
  }
}
