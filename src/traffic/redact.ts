/**
 * Redaction of credentials in gateway log URLs and headers. Azure gotcha: `Url` keeps the query string, so
 * function keys (`code=`), SAS signatures (`sig=`), APIM subscription keys and OAuth tokens sent as query
 * parameters all land in the logs; and any header the APIM diagnostic lists is logged verbatim.
 */

import { str } from '../util/json.js';

export const REDACTED = '[REDACTED]';

/** Query and fragment parameters whose value authenticates a caller. Compared lower-cased. */
const SECRET_PARAMETERS = new Set([
  'sig', // Storage / Logic Apps SAS signature
  'code', // Azure Functions key
  'subscription-key', // APIM subscription key (query form)
  'subscription_key',
  'api-key',
  'api_key',
  'apikey',
  'key',
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'client_secret',
  'password',
]);

/** Headers whose value authenticates a caller: the name is kept (it proves a credential was sent), the value is not. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'ocp-apim-subscription-key',
  'x-functions-key',
  'x-api-key',
  'api-key',
  'apikey',
  'cookie',
  'set-cookie',
  'x-ms-token-aad-access-token',
  'x-ms-token-aad-id-token',
  'x-ms-token-aad-refresh-token',
]);

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

export interface RedactedUrl {
  readonly url: string;
  /** A credential parameter with a value was found (and redacted). */
  readonly credential: boolean;
}

function parameterName(part: string): string {
  const eq = part.indexOf('=');
  const raw = (eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw).trim().toLowerCase();
  } catch {
    return raw.trim().toLowerCase();
  }
}

/** `a=1&code=xyz` → `a=1&code=[REDACTED]`; reports whether a credential was present. */
function redactParameters(text: string): { text: string; credential: boolean } {
  let credential = false;
  const parts = text.split('&').map((part) => {
    const eq = part.indexOf('=');
    if (eq < 0 || !SECRET_PARAMETERS.has(parameterName(part))) return part;
    if (eq < part.length - 1) credential = true;
    return `${part.slice(0, eq + 1)}${REDACTED}`;
  });
  return { text: parts.join('&'), credential };
}

/** `https://user:secret@host/…` → `https://user:[REDACTED]@host/…` (basic credentials in the authority). */
function redactUserInfo(url: string): { url: string; credential: boolean } {
  const scheme = url.indexOf('://');
  if (scheme < 0) return { url, credential: false };
  const authorityEnd = url.slice(scheme + 3).search(/[/?#]/);
  const authority = authorityEnd < 0 ? url.slice(scheme + 3) : url.slice(scheme + 3, scheme + 3 + authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at < 0) return { url, credential: false };
  const colon = authority.indexOf(':');
  if (colon < 0 || colon > at) return { url, credential: false };
  const redacted = `${authority.slice(0, colon + 1)}${REDACTED}${authority.slice(at)}`;
  return { url: url.slice(0, scheme + 3) + redacted + url.slice(scheme + 3 + authority.length), credential: true };
}

/**
 * Redacts credential values in a URL's query string, fragment (implicit-flow `#access_token=`) and user info. The
 * rest of the URL is kept byte for byte, so path-based matching and classification still see what the caller sent.
 */
export function redactUrl(url: string): RedactedUrl {
  // Fast path: most gateway URLs carry nothing that could hold a credential.
  if (url.indexOf('?') < 0 && url.indexOf('#') < 0 && url.indexOf('@') < 0) return { url, credential: false };
  const user = redactUserInfo(url);
  let rest = user.url;
  let credential = user.credential;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    const redacted = redactParameters(rest.slice(hash + 1));
    fragment = `#${redacted.text}`;
    credential ||= redacted.credential;
    rest = rest.slice(0, hash);
  }
  const question = rest.indexOf('?');
  if (question >= 0) {
    const redacted = redactParameters(rest.slice(question + 1));
    credential ||= redacted.credential;
    rest = `${rest.slice(0, question + 1)}${redacted.text}`;
  }
  return { url: rest + fragment, credential };
}

/**
 * A URL from resource configuration with the values of credential parameters (`sig`, `code`, `subscription-key`, …)
 * redacted; `undefined` when the value is not a non-empty string. ARM configuration carries working credentials in
 * URLs: SAS URLs and Logic App callback URLs as APIM backends, function keys in invoke URLs. The graph keeps where a
 * URL points, and that it carries a credential, never the credential.
 */
export function credentialFreeUrl(v: unknown): string | undefined {
  const url = str(v);
  return url === undefined ? undefined : redactUrl(url).url;
}

export interface RedactedHeaders {
  readonly headers: Readonly<Record<string, string>>;
  /** A header that carries a credential was logged (its value is redacted). */
  readonly credential: boolean;
  /** An `Authorization` header was logged: the diagnostic logs that header. */
  readonly authorization: boolean;
}

/**
 * Header values become strings; credential headers keep their name with `[REDACTED]`; URLs inside other values
 * (`Location`, `Referer`) lose their credential parameters.
 */
export function redactHeaders(headers: Readonly<Record<string, unknown>>): RedactedHeaders {
  const out: Record<string, string> = {};
  let credential = false;
  let authorization = false;
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === null || raw === undefined) continue;
    const lower = name.toLowerCase();
    if (SECRET_HEADERS.has(lower)) {
      out[name] = REDACTED;
      credential = true;
      if (lower === 'authorization') authorization = true;
      continue;
    }
    const value = headerText(raw);
    out[name] = value === null ? REDACTED : redactUrl(value).url;
  }
  return { headers: out, credential, authorization };
}

/**
 * A header value as text: scalars as written, a list of values joined as HTTP folds them. Anything else is no
 * header value a gateway logs, and its text could carry a credential under a harmless name: null (redacted).
 */
function headerText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) return raw.join(', ');
  return null;
}
