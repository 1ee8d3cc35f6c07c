/**
 * APIM URL templates (`/orders/{orderId}`, `/files/{name}.json`, `/*`) compiled to matchers, and the parts of a
 * logged URL that matching needs. The query string never selects an operation here: templates' query parameters
 * are dropped, as are the URL's.
 */

export interface CompiledTemplate {
  readonly template: string;
  /** Matches a path (leading `/`, no query) relative to the API path. */
  readonly pattern: RegExp;
  /** Literal characters: the more, the more specific (`/orders/latest` beats `/orders/{id}`). */
  readonly literals: number;
  readonly parameters: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileTemplate(template: string): CompiledTemplate {
  let path = template.split('?')[0] ?? '';
  if (!path.startsWith('/')) path = `/${path}`;
  if (path.length > 1) path = path.replace(/\/+$/, '');
  let body = '';
  let literals = 0;
  let parameters = 0;
  for (let i = 0; i < path.length;) {
    const ch = path[i]!;
    if (ch === '{') {
      const close = path.indexOf('}', i);
      if (close > i) {
        // `{*rest}` takes the remainder of the path; `{name}` one segment (or part of one).
        body += path[i + 1] === '*' ? '.*' : '[^/]+';
        parameters += 1;
        i = close + 1;
        continue;
      }
    }
    if (ch === '*' && i === path.length - 1) {
      body += '.*';
      parameters += 1;
      i += 1;
      continue;
    }
    body += escape(ch);
    literals += 1;
    i += 1;
  }
  // A template of `/` alone, or one ending in a wildcard, must still match the bare path.
  const pattern = new RegExp(`^${body === '/' ? '' : body}/?$`, 'i');
  return { template, pattern, literals, parameters };
}

export interface UrlParts {
  /** Lower-cased host without port or user info; null for a path-only URL. */
  readonly host: string | null;
  /** Path segments, revision markers (`;rev=N`) removed, empty segments dropped. */
  readonly segments: readonly string[];
}

/** Host and path of a logged URL (absolute or path-only), without `new URL` (tolerant of odd characters, faster). */
export function urlParts(url: string): UrlParts {
  let rest = url;
  let host: string | null = null;
  const scheme = rest.indexOf('://');
  if (scheme >= 0) {
    const afterScheme = rest.slice(scheme + 3);
    const end = afterScheme.search(/[/?#]/);
    let authority = end < 0 ? afterScheme : afterScheme.slice(0, end);
    authority = authority.slice(authority.lastIndexOf('@') + 1);
    host = (
      authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.split(':')[0]!
    ).toLowerCase();
    rest = end < 0 ? '/' : afterScheme.slice(end);
  }
  const cut = rest.search(/[?#]/);
  const path = cut < 0 ? rest : rest.slice(0, cut);
  // Revisions are addressed as `<api path>;rev=N/…`: the revision picks a copy of the same operations.
  const segments = path
    .replace(/;rev=[^/]*/gi, '')
    .split('/')
    .filter((s) => s.length > 0);
  return { host, segments };
}

/** API path `orders/v1` → `['orders', 'v1']`, lower-cased for comparison. */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => s.toLowerCase());
}
