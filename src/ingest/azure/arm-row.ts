import type { JsonValue } from '../../model/index.js';
import { InputError } from '../../util/errors.js';
import type { InputRow } from '../input/rows.js';
import { normalizeId, resourceGroupOf, subscriptionOf } from './ids.js';

/** A resource row as Resource Graph, an ARM GET or an ARM list returns it, with its id and type normalized. */
export interface ArmRow {
  /** Lower-cased ARM id. */
  readonly id: string;
  /** Lower-cased resource type, e.g. microsoft.web/sites. */
  readonly type: string;
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Reads the common columns of a resource row; a row without `id` or `type` is an input error at its position. */
export function parseArmRow(row: InputRow): ArmRow {
  const v = row.value;
  const position = { file: row.file, index: row.index, ...(row.line !== undefined ? { line: row.line } : {}) };
  const rawId = text(v['id']);
  if (!rawId) throw new InputError(position, 'resource row without "id"');
  const rawType = text(v['type']);
  if (!rawType) throw new InputError(position, `resource row ${rawId} without "type"`);
  const id = normalizeId(rawId);
  const properties = v['properties'];
  if (properties !== undefined && properties !== null && !isObject(properties)) {
    throw new InputError(position, `resource ${rawId}: "properties" is not an object`);
  }
  return {
    id,
    type: rawType.toLowerCase(),
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
