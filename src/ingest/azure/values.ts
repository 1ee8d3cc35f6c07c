/** Narrowing readers for Azure JSON: a missing or mistyped optional value is null, never "". */
import { redactUrl } from '../../traffic/redact.js';

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

export function bool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  return null;
}

export function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function strs(v: unknown): string[] | null {
  if (!Array.isArray(v)) return null;
  return v.filter((x): x is string => typeof x === 'string' && x.length > 0);
}

export function objects(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

export function obj(v: unknown): Record<string, unknown> | null {
  return isObject(v) ? v : null;
}

/** Reads a dotted path: `at(props, 'siteConfig', 'minTlsVersion')`. */
export function at(v: unknown, ...path: string[]): unknown {
  let current = v;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * A URL property with the values of credential parameters (`sig`, `code`, `subscription-key`, …) redacted. ARM
 * configuration carries working credentials in URLs: SAS URLs and Logic App callback URLs as APIM backends, function
 * keys in invoke URLs. The graph keeps where a URL points, and that it carries a credential, never the credential.
 */
export function credentialFreeUrl(v: unknown): string | null {
  const url = str(v);
  return url === null ? null : redactUrl(url).url;
}
