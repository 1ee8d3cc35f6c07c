import { isPlaceholder } from '../validators.js';
import type { Span } from './provider-secrets.js';

/**
 * Credentials handed to curl on its command line, `-u user:password` or `--user user:password` (curl's manual; the
 * form gitleaks' curl-auth-user rule reads), as pasted into tickets, logs and chat messages. Reported as Generic
 * Secret. The credential half must be a literal: shell and template variables ($PASS, ${{ … }}, $(cat …)), <…> and
 * […] placeholders and the usual sample words are what documentation writes there.
 */
const CURL_USER = /(?<=^|\s)(?:-u|--user)(?:=|[ \t]{1,5})(\S{3,200})(?=\s|$)/g;

/** Cheap test: a curl command with a user option somewhere in the text. */
export function mayHoldCliCredentials(text: string): boolean {
  return text.includes('curl') && (text.includes('-u') || text.includes('--user'));
}

export function cliCredentials(text: string): Span[] {
  const out: Span[] = [];
  if (!/\bcurl\b/.test(text)) return out;
  CURL_USER.lastIndex = 0;
  for (let m = CURL_USER.exec(text); m !== null; m = CURL_USER.exec(text)) {
    if (literalCredential(m[1] ?? '')) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** `user:password` with a literal password, or `user:` / `:secret` (an API key given as the user name). */
function literalCredential(raw: string): boolean {
  const value = raw.replace(/["']/g, '');
  const colon = value.indexOf(':');
  if (colon < 0) return false;
  const user = value.slice(0, colon);
  const password = value.slice(colon + 1);
  const secret = password.length > 0 ? password : user;
  // "test:test", "admin:admin": a pair that repeats its user name is a sample.
  if (password.length > 0 && password.toLowerCase() === user.toLowerCase()) return false;
  // A variable or template in either half makes the whole pair one ($USER:$PASS, ${{ secrets.X }}, $(cat …)); a "$"
  // inside a literal password (P@ss$1) is just a character.
  if (secret.length < 4 || VARIABLE.test(secret) || VARIABLE.test(user)) return false;
  return !isPlaceholder(secret) && !SAMPLE_PASSWORDS.has(secret.toLowerCase());
}

const VARIABLE = /^\$|\$[({]|\{\{|^<|>$|^\[.*\]$|^%/;

/** Words documentation writes in the password's place (`curl -u user:pass`). */
const SAMPLE_PASSWORDS = new Set([
  'pass',
  'passwd',
  'pwd',
  'test',
  'token',
  'secret',
  'admin',
  'yyy',
  'apikey',
  'api_key',
]);
