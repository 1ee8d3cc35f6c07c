import type { PolicyElement } from './parse.js';
import { walkPolicy } from './parse.js';

/**
 * Custom caller checks: policies that reject callers by hand instead of through validate-jwt and its peers. Two
 * shapes are recognised: a `send-request` to an authorizer whose answer decides a 401/403 `return-response`, and a
 * comparison of the caller's `Authorization` header that decides one (a hand-written Basic check). Neither is
 * verified — the authorizer may accept anything, the compared value may be weak — so they are reported as
 * "custom authentication (not verified)", never as authentication.
 */

export const CUSTOM_AUTHENTICATION = 'custom authentication (not verified)';

const MAX_CONDITION = 80;

/** A condition or expression as evidence: without the `@( … )` wrapper, spaces collapsed, cut to a readable length. */
export function shortenCondition(text: string): string {
  let t = text.trim();
  if (/^@[({]/.test(t) && /[)}]$/.test(t)) t = t.slice(2, -1);
  t = t.replace(/\s+/g, ' ').trim();
  return t.length > MAX_CONDITION ? `${t.slice(0, MAX_CONDITION - 1)}…` : t;
}

/** A comparison with a value (not merely a presence test against null or the empty string). */
const COMPARES = /(?:==|!=)\s*(?!\s*(?:null\b|""|string\.empty\b))|\.Equals\s*\(|\.StartsWith\s*\(|\.EndsWith\s*\(/i;

function comparesAuthorization(text: string): boolean {
  return /authorization/i.test(text) && COMPARES.test(text);
}

/** The status of a 401/403 `return-response` the branch answers with (an authorization failure), or null. */
export function rejectionOf(body: PolicyElement): number | null {
  for (const element of walkPolicy(body)) {
    if (element.name === 'choose') return null;
    if (element.name !== 'return-response' || element.attributes['response-variable-name']) continue;
    const code = element.children.find((c) => c.name === 'set-status')?.attributes['code']?.trim();
    if (code === '401' || code === '403') return Number(code);
  }
  return null;
}

/** What a check on `text` rests on: a variable holding a caller check, or an Authorization comparison; else null. */
function checkIn(text: string, checks: ReadonlyMap<string, string>): string | null {
  for (const [variable, what] of checks) if (text.includes(`"${variable}"`)) return what;
  return comparesAuthorization(text) ? 'a comparison of the Authorization header' : null;
}

/** A `set-variable` whose value carries a caller check forward (e.g. `isAuthorized` from the authorizer's status). */
export function derivedCheck(value: string, checks: ReadonlyMap<string, string>): string | null {
  return checkIn(value, checks);
}

/**
 * The custom check a `choose` performs, in words, or null: one of its branches rejects with 401/403 and the
 * conditions deciding whether that branch runs rest on a caller check.
 */
export function customCheckOf(choose: PolicyElement, checks: ReadonlyMap<string, string>): string | null {
  const whens = choose.children.filter((c) => c.name === 'when');
  const otherwise = choose.children.find((c) => c.name === 'otherwise');
  const guarded = (upTo: number): string | null => {
    for (const when of whens.slice(0, upTo)) {
      const what = checkIn(when.attributes['condition'] ?? '', checks);
      if (what) return what;
    }
    return null;
  };
  for (const [i, when] of whens.entries()) {
    const status = rejectionOf(when);
    const what = status === null ? null : guarded(i + 1);
    if (what) return `${CUSTOM_AUTHENTICATION}: ${what} decides a ${status} return-response`;
  }
  const status = otherwise ? rejectionOf(otherwise) : null;
  const what = status === null ? null : guarded(whens.length);
  return what ? `${CUSTOM_AUTHENTICATION}: ${what} decides a ${status} return-response` : null;
}
