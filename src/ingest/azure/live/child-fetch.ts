import type { InputRow } from '../../../util/input/rows.js';
import { armRow, type ArmShape } from './arm-shape.js';
import type { AzureClients } from './clients.js';
import { failureOf, statusOf } from '../../../util/azure-failures.js';
import type { Limiter } from './limiter.js';
import type { LiveRows } from './live-rows.js';
import type { LiveFamily } from './settings.js';

/** A resource from Resource Graph whose children are read through ARM. */
export interface ParentResource {
  /** The id as Resource Graph returned it (ARM ids are case-insensitive; the casing is kept for readability). */
  readonly id: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
  /** Lower-cased `kind`, or "". */
  readonly kind: string;
  readonly skuName: string | null;
  readonly properties: Record<string, unknown>;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The parent fields of a Resource Graph row; null for a row without a resource-group-scoped id. */
export function parentOf(row: InputRow): ParentResource | null {
  const id = text(row.value['id']);
  const match = id ? /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/.+\/([^/]+)$/i.exec(id) : null;
  if (!id || !match) return null;
  const sku = row.value['sku'];
  const properties = row.value['properties'];
  return {
    id,
    subscriptionId: match[1]!.toLowerCase(),
    resourceGroup: match[2]!,
    name: match[3]!,
    kind: (text(row.value['kind']) ?? '').toLowerCase(),
    skuName: typeof sku === 'object' && sku !== null ? text((sku as Record<string, unknown>)['name']) : null,
    properties: typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {},
  };
}

/** The raw response, as the SDKs' `onResponse` option hands it over. */
export interface RawResponse {
  readonly bodyAsText?: string | null;
  readonly headers: { get(name: string): string | undefined };
}
export type OnResponse = (raw: RawResponse) => void;

export interface CallOptions {
  /** Statuses that mean "nothing there" rather than a failure. */
  readonly absentOn?: readonly number[];
}

/**
 * ARM calls of one family: each takes a slot of the shared pool, its models are written as ARM rows under the
 * path they came from, and a failure is reported (subscription, operation, status, message) without stopping
 * the others. A 404 on a list means the parent went away since Resource Graph saw it: an empty list.
 */
export class ChildFetch {
  constructor(
    readonly clients: AzureClients,
    private readonly limit: Limiter,
    private readonly out: LiveRows,
    private readonly family: LiveFamily,
  ) {}

  async list<T extends object>(
    parent: ParentResource,
    operation: string,
    path: string,
    fetch: () => AsyncIterable<T>,
    shape: ArmShape,
    options: CallOptions = {},
  ): Promise<T[] | null> {
    const items = await this.call(parent, operation, path, [404, ...(options.absentOn ?? [])], async () => {
      const all: T[] = [];
      for await (const item of fetch()) all.push(item);
      return all;
    });
    if (items === undefined) return null;
    this.emit(
      path,
      (items ?? []).map((item) => armRow(item, shape)),
    );
    return items ?? [];
  }

  /** A single resource; a 404 means it does not exist (an API without a policy), which is not a failure. */
  async get<T extends object>(
    parent: ParentResource,
    operation: string,
    path: string,
    fetch: () => Promise<T>,
    shape: ArmShape,
  ): Promise<T | null> {
    const item = await this.call(parent, operation, path, [404], fetch);
    if (!item) return null;
    this.emit(path, [armRow(item, shape)]);
    return item;
  }

  /**
   * A single resource read from the response body rather than from the SDK model, for a model the SDK cannot
   * deserialize; `toRow` turns the body (and its content type) into the ARM row.
   */
  async getBody(
    parent: ParentResource,
    operation: string,
    path: string,
    fetch: (onResponse: OnResponse) => Promise<unknown>,
    toRow: (body: string, contentType: string) => Record<string, unknown>,
  ): Promise<Record<string, unknown> | null> {
    const row = await this.call(parent, operation, path, [404], async () => {
      let body = '';
      let contentType = '';
      await fetch((raw) => {
        body = raw.bodyAsText ?? '';
        contentType = raw.headers.get('content-type') ?? '';
      });
      return toRow(body, contentType);
    });
    if (!row) return null;
    this.emit(path, [row]);
    return row;
  }

  /** The call's result; null when Azure says it is absent; undefined when it failed (and was reported). */
  private async call<T>(
    parent: ParentResource,
    operation: string,
    path: string,
    absentOn: readonly number[],
    fetch: () => Promise<T>,
  ): Promise<T | null | undefined> {
    try {
      return await this.limit(fetch);
    } catch (error) {
      const status = statusOf(error);
      if (status !== null && absentOn.includes(status)) return null;
      this.out.fail(failureOf(error, { subscriptionId: parent.subscriptionId, operation, resourceId: path }));
      return undefined;
    }
  }

  private emit(path: string, rows: Record<string, unknown>[]): void {
    if (rows.length === 0) return;
    this.out.add(`azure:${path}`, rows);
    this.out.progress(this.family, { rows: rows.length });
  }
}
