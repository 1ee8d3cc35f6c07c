/**
 * Narrowing readers for JSON from outside the process (ARM rows, gateway logs, stored properties): a missing,
 * empty or mistyped value is `undefined`, never `""` or `null`, so a reader's result can be stored as it is and an
 * absent optional property stays absent. Sources write scalars as text as often as natively (`az` and CSV exports,
 * ARM's `"True"`), so the scalar readers accept both.
 */

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty string. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** A non-empty string, or a finite number as text (a column that holds ids or codes either way). */
export function text(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  return str(v);
}

/** A boolean, or its text in any case (`true`, `True`, `FALSE`). */
export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const lower = v.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

/** A finite number, or its text. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** The non-empty strings of an array; `undefined` when the value is not an array (absent differs from empty). */
export function strs(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string' && x.length > 0);
}

/** The objects of an array; empty when the value is not an array. */
export function objects(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

export function obj(v: unknown): Record<string, unknown> | undefined {
  return isObject(v) ? v : undefined;
}

/** Reads a path of keys: `at(props, 'siteConfig', 'minTlsVersion')`. */
export function at(v: unknown, ...path: string[]): unknown {
  let current = v;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}
