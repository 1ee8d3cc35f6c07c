import type { JsonValue } from '../../model/index.js';
import { InputError } from '../../util/errors.js';
import type { InputRow } from '../../util/input/rows.js';
import { normalizeId, resourceGroupOf, subscriptionOf } from '../../model/arm-ids.js';
import { resolveType, type TypeSource } from './resource-type.js';
import { isObject, str } from '../../util/json.js';

/** A resource row as Resource Graph, an ARM GET or an ARM list returns it, with its id and type normalized. */
export interface ArmRow {
  /** Lower-cased ARM id. */
  readonly id: string;
  /** Lower-cased resource type, e.g. microsoft.web/sites. */
  readonly type: string;
  /** Whether `type` is the row's own, read from its id (none given), or the canonical form of an alias it gave. */
  readonly typeSource: TypeSource;
  readonly name: string;
  readonly kind: string | null;
  readonly location: string | null;
  readonly subscriptionId: string | null;
  readonly resourceGroup: string | null;
  readonly tenantId: string | null;
  readonly tags: Record<string, JsonValue> | null;
  readonly sku: Record<string, unknown> | null;
  readonly identity: Record<string, unknown> | null;
  readonly properties: Record<string, unknown>;
  readonly file: string;
  readonly index: number;
}

const text = (v: unknown): string | null => str(v) ?? null;

/**
 * Why a row cannot be placed in the graph (no id, or neither a type nor an id that names one), or null when it can.
 * Such rows are reported and skipped (or fail a strict run); a row that can be placed but is malformed otherwise
 * (e.g. `properties` not an object) always fails the run.
 */
export function whyUnplaced(row: InputRow): string | null {
  const v = row.value;
  const rawId = text(v['id']);
  const name = text(v['name']);
  if (!rawId) return `resource row${name ? ` "${name}"` : ''} without "id": it cannot be placed`;
  if (!resolveType(text(v['type']), normalizeId(rawId))) return `resource row ${rawId} without "type", and its id names no resource type`;
  return null;
}

/**
 * Reads the common columns of a resource row. The type comes from the id when the row has none or spells it as an
 * alias (see resource-type.ts). A row that cannot be placed (no id, or neither a type nor an id that names one) is an
 * input error at its position; the caller decides whether that skips the row or fails the run.
 */
export function parseArmRow(row: InputRow): ArmRow {
  const v = row.value;
  const position = { file: row.file, index: row.index, ...(row.line !== undefined ? { line: row.line } : {}) };
  const unplaced = whyUnplaced(row);
  if (unplaced) throw new InputError(position, unplaced);
  const rawId = text(v['id'])!;
  const id = normalizeId(rawId);
  const resolved = resolveType(text(v['type']), id)!;
  const properties = v['properties'];
  if (properties !== undefined && properties !== null && !isObject(properties)) {
    throw new InputError(position, `resource ${rawId}: "properties" is not an object`);
  }
  return {
    id,
    type: resolved.type,
    typeSource: resolved.source,
    name: text(v['name']) ?? id.slice(id.lastIndexOf('/') + 1),
    kind: text(v['kind'])?.toLowerCase() ?? null,
    location: text(v['location']),
    subscriptionId: (text(v['subscriptionId']) ?? subscriptionOf(id) ?? null)?.toLowerCase() ?? null,
    resourceGroup: (text(v['resourceGroup']) ?? resourceGroupOf(id) ?? null)?.toLowerCase() ?? null,
    tenantId: text(v['tenantId']),
    tags: isObject(v['tags']) ? (v['tags'] as Record<string, JsonValue>) : null,
    sku: isObject(v['sku']) ? v['sku'] : null,
    identity: isObject(v['identity']) ? v['identity'] : null,
    properties: isObject(properties) ? properties : {},
    file: row.file,
    index: row.index,
  };
}
