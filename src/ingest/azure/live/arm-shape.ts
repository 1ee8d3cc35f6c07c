/**
 * SDK models back to the JSON ARM sends, so a live row reads exactly like the same resource in an export.
 *
 * Both SDK generations flatten `properties` into the model (`ApiContract.path` is `properties.path` on the wire)
 * and rename a few members (`ApiContract.apiType` is `properties.type`; `FunctionEnvelope.invokeUrlTemplate` is
 * `properties.invoke_url_template`). A spec per model lists those renames; the SDK's own mappers are not part of
 * its public exports, so the renames here were read from them (`models/mappers.js`, `models/models.js`).
 */
export interface ArmShape {
  /** ARM type to write when the model lacks one. */
  readonly type?: string;
  /** Model member → wire name under `properties`. */
  readonly renames?: Readonly<Record<string, string>>;
  /** Members never copied (secrets, file contents). */
  readonly drop?: readonly string[];
  /** When given, only these members (model names) are copied. */
  readonly keep?: readonly string[];
}

/** Top-level ARM members; everything else in a flattened model belongs under `properties`. */
const ENVELOPE = ['id', 'name', 'type', 'kind', 'location', 'tags', 'sku', 'identity'] as const;
/** Never copied: response headers merged into `get` results, and ARM metadata no transform reads. */
const IGNORED = new Set(['systemData', 'eTag', 'etag']);

/** Dates become ISO strings; undefined members are dropped (a missing optional field stays missing). */
function wire(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(wire);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) if (member !== undefined) out[key] = wire(member);
    return out;
  }
  return value;
}

export function armRow(model: object, shape: ArmShape = {}): Record<string, unknown> {
  const source = model as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const key of ENVELOPE) if (source[key] !== undefined && source[key] !== null) row[key] = wire(source[key]);
  if (row['type'] === undefined && shape.type) row['type'] = shape.type;
  const skip = new Set<string>([...ENVELOPE, ...(shape.drop ?? [])]);
  const keep = shape.keep ? new Set(shape.keep) : null;
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (skip.has(key) || IGNORED.has(key) || value === undefined || (keep && !keep.has(key))) continue;
    properties[shape.renames?.[key] ?? key] = wire(value);
  }
  row['properties'] = properties;
  return row;
}
