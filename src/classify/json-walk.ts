import type { FieldContext } from './types.js';

export type JsonPathSegment = string | number;

/** Deeper nesting than this is not walked: API payloads are shallow, and the bound keeps the walk off the stack limit. */
const MAX_DEPTH = 64;
function isDiscriminator(key: string): boolean {
  return (
    key === 'type' ||
    key === 'kind' ||
    key === 'category' ||
    key === 'scheme' ||
    key.endsWith('Type') ||
    key.endsWith('Kind') ||
    key.endsWith('_type') ||
    key.endsWith('_kind')
  );
}

/** Short string values of an object's discriminator fields (`"type": "passport"`). */
function discriminatorsOf(obj: Record<string, unknown>, keys: readonly string[]): string[] | undefined {
  let out: string[] | undefined;
  for (const key of keys) {
    const value = obj[key];
    if (typeof value === 'string' && value.length <= 40 && isDiscriminator(key)) (out ??= []).push(value);
  }
  return out;
}

/** Array items and the root have no siblings: one shared empty list rather than a new one per item. */
const NO_SIBLINGS: readonly string[] = Object.freeze([]);

/** `field` and `path` are reused from leaf to leaf: read them during the call, do not keep them. */
export type LeafVisitor = (value: string, field: FieldContext, path: readonly JsonPathSegment[]) => void;

/**
 * Visits every string leaf, and every integer leaf long enough to be an identifier (6+ digits: phone numbers and SSNs
 * are sometimes sent as numbers), with the names around it. Array items inherit the array's name, so every element of
 * `"phones": [...]` is read as a phone field.
 */
export function walkJson(root: unknown, visit: LeafVisitor, bounds: WalkBounds = DEFAULT_WALK_BOUNDS): void {
  const parents: string[] = [];
  const field: LeafField = { name: '', parents, siblings: [], discriminators: undefined };
  walkValue({ visit, path: [], parents, field, bounds, leaves: 0 }, root, '', NO_SIBLINGS, undefined, 0);
}

/**
 * How much of a payload is read. API arrays repeat one shape, so their first items are a fair sample; a leaf budget
 * bounds the rest (a 100,000-element array or a 10 MB document costs the same as its first items).
 */
export interface WalkBounds {
  readonly maxArrayItems: number;
  readonly maxLeaves: number;
}

export const DEFAULT_WALK_BOUNDS: WalkBounds = { maxArrayItems: 1_000, maxLeaves: 50_000 };

/** The one field context of a walk, pointed at each leaf in turn (a leaf costs no object). */
interface LeafField {
  name: string;
  parents: readonly string[];
  siblings: readonly string[];
  discriminators: readonly string[] | undefined;
}

interface WalkState {
  readonly visit: LeafVisitor;
  readonly path: JsonPathSegment[];
  readonly parents: string[];
  readonly field: LeafField;
  readonly bounds: WalkBounds;
  leaves: number;
}

function fieldOf(
  state: WalkState,
  name: string,
  siblings: readonly string[],
  discriminators: readonly string[] | undefined,
): FieldContext {
  const field = state.field;
  field.name = name;
  field.siblings = siblings;
  field.discriminators = discriminators;
  return field;
}

function walkValue(
  state: WalkState,
  value: unknown,
  name: string,
  siblings: readonly string[],
  discriminators: readonly string[] | undefined,
  depth: number,
): void {
  if (state.leaves >= state.bounds.maxLeaves) return;
  if (typeof value === 'string') {
    state.leaves++;
    state.visit(value, fieldOf(state, name, siblings, discriminators), state.path);
  } else if (typeof value === 'number') {
    state.leaves++;
    if (Number.isInteger(value) && Math.abs(value) >= 100_000)
      state.visit(String(value), fieldOf(state, name, siblings, discriminators), state.path);
  } else if (depth < MAX_DEPTH && Array.isArray(value)) {
    const items = Math.min(value.length, state.bounds.maxArrayItems);
    for (let i = 0; i < items; i++) {
      state.path.push(i);
      walkValue(state, value[i], name, NO_SIBLINGS, undefined, depth + 1);
      state.path.pop();
    }
  } else if (depth < MAX_DEPTH && typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    const own = discriminatorsOf(obj, keys);
    if (name.length > 0) state.parents.push(name);
    for (const key of keys) {
      state.path.push(key);
      walkValue(state, obj[key], key, keys, own, depth + 1);
      state.path.pop();
    }
    if (name.length > 0) state.parents.pop();
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formatted name segments: the same field names recur in every message. */
const segments = new Map<string, string>();

function nameSegment(name: string): string {
  let out = segments.get(name);
  if (out === undefined) {
    out = IDENTIFIER.test(name) ? `.${name}` : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
    if (segments.size >= 20_000) segments.clear();
    segments.set(name, out);
  }
  return out;
}

/** `$.customer.ssn`, `$.items[0].card`, `$['x-api-key']`: dot notation where the key allows it. */
export function formatJsonPath(path: readonly JsonPathSegment[]): string {
  let out = '$';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : nameSegment(segment);
  return out;
}
