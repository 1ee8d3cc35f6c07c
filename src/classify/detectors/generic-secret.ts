import { HIGH } from '../confidence.js';
import type { ScanContext } from '../context.js';
import { normalizeName } from '../names.js';
import type { Match } from '../types.js';
import { isKnownSample, isPlaceholder, isUuid, shannonEntropy } from '../validators.js';
import { match, matchesOf, type Detector } from './detector.js';
import { cliCredentials, mayHoldCliCredentials } from './command-line.js';
import { mayHoldProviderSecret, providerSecrets } from './provider-secrets.js';

/** Nouns that make a name a password: any real value is a secret, however weak. */
const PASSWORD_NOUNS = new Set([
  'password',
  'passwd',
  'pwd',
  'pswd',
  'passphrase',
  'passcode',
  'pass',
  'passw',
  'creds',
]);
/** Nouns that make a name a secret when the value also looks random (gitleaks' generic-api-key keywords). */
const SECRET_NOUNS = new Set([
  'secret',
  'secrete',
  'token',
  'apikey',
  'credential',
  'credentials',
  'sharedaccesskey',
  'auth',
]);
/** `key` alone is too common (sortKey, idempotencyKey): only these qualifiers make it a credential. */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'auth',
  'client',
  'subscription',
  'master',
  'account',
  'shared',
  'signing',
  'encryption',
  'function',
  'functions',
  'host',
  'primary',
  'secondary',
  'admin',
  'app',
  'application',
  'service',
  'storage',
  'webhook',
  'license',
  'sas',
  'x',
]);
/**
 * Words before the credential noun that make the value something else: pagination cursors (nextPageToken,
 * continuationToken), masked or hashed copies, documentation samples. Names ending in a non-noun (tokenType,
 * passwordPolicy, apiKeyId) never qualify in the first place, because the noun must end the name.
 */
const NOT_A_SECRET = new Set([
  'page',
  'next',
  'continuation',
  'cursor',
  'skip',
  'sync',
  'pagination',
  'public',
  'masked',
  'hashed',
  'hash',
  'hint',
  'last4',
  'example',
  'sample',
  'dummy',
  'placeholder',
  'idempotency',
  'csrf',
  'xsrf',
  'instrumentation',
]);

type SecretKind = 'password' | 'secret' | undefined;

/** A password, a secret-if-random, or nothing (null, so one lookup answers): the credential noun must end the name. */
const kinds = new Map<string, SecretKind | null>();

/** What a name says about its value (cached: the same field names recur in every message). */
export function secretKindOf(name: string): SecretKind {
  const known = kinds.get(name);
  if (known !== undefined) return known ?? undefined;
  if (kinds.size > 20_000) kinds.clear();
  const kind = kindOf(name);
  kinds.set(name, kind ?? null);
  return kind;
}

/** Words after the credential noun that only say how it is held: apiToken2, secretString, tokenValue. */
const HOLDER_SUFFIX = /^(?:\d{1,3}|string|str|value|val)$/;

function kindOf(name: string): SecretKind {
  const normalized = normalizeName(name);
  let { tokens } = normalized;
  let joined = normalized.joined;
  if (tokens.length > 1 && HOLDER_SUFFIX.test(tokens[tokens.length - 1] ?? '')) {
    const suffix = tokens[tokens.length - 1] ?? '';
    tokens = tokens.slice(0, -1);
    joined = joined.slice(0, joined.length - suffix.length);
  }
  if (tokens.length === 0) return undefined;
  if (tokens.some((t) => NOT_A_SECRET.has(t))) return undefined;
  const last = tokens[tokens.length - 1] ?? '';
  const previous = tokens[tokens.length - 2] ?? '';
  if (PASSWORD_NOUNS.has(last) || /(password|passwd|passphrase|pswd)$/.test(joined)) return 'password';
  if (SECRET_NOUNS.has(last) || /(apikey|accesskey|secretkey|clientsecret|accesstoken|authtoken)$/.test(joined))
    return 'secret';
  if (last === 'key' && KEY_QUALIFIERS.has(previous)) return 'secret';
  if (last === 'code' && tokens.length === 1) return 'secret';
  return undefined;
}

/** Detect-secrets' filters plus an entropy floor: random enough, not a UUID id, not an indirect reference. */
function looksRandom(value: string, name: SecretKind, strongName: boolean, minLength: number): boolean {
  if (value.length < minLength || /\s/.test(value) || /^https?:\/\//i.test(value)) return false;
  if (isUuid(value)) return strongName;
  const hex = /^[0-9a-f]+$/i.test(value);
  if (shannonEntropy(value) < (hex ? 3.0 : 3.5)) return false;
  if (/^(get|read|load|fetch)[A-Z_]\w*\(.*\)$|^(env|process\.env|os\.environ)\b/.test(value)) return false;
  return name === 'password' || !isPlaceholder(value);
}

const STRONG = /secret|apikey|accesskey|password|privatekey|clientsecret/;

/** The value of a field, header or parameter whose name declares a credential. */
function fieldSecret(ctx: ScanContext): boolean {
  const name = ctx.field?.name ?? '';
  const kind = secretKindOf(name);
  if (kind === undefined) return false;
  const value = ctx.text.trim().replace(/^["']|["']$/g, '');
  if (isKnownSample(value)) return false;
  if (kind === 'password') return value.length >= 4 && !isPlaceholder(value) && !/^\$2[aby]?\$\d\d\$/.test(value);
  const strong = STRONG.test(normalizeName(name).joined);
  const minLength = normalizeName(name).tokens.length === 1 && normalizeName(name).joined === 'code' ? 30 : 16;
  return looksRandom(value, kind, strong, minLength);
}

// The keyword ends the name and is followed by the assignment (=, :, :=, =>, on the same line); the rest of the name
// is read backwards from it, which keeps the scan linear (a lazy name prefix in the regex would retry at every
// position of a long value). A quoted value runs to its closing quote and may hold spaces (pass phrases). Config
// files without an operator (BIND's `secret "…";`, nginx) count when the quoted value closes the statement.
const ASSIGNMENT =
  /(pass(?:word|wd|phrase)?|pswd|pwd|secrete?|creds|credentials?|auth|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|sharedaccesskey)(?:[_-]?(?:\d{1,3}|string|str|value|val)(?![A-Za-z0-9]))?(?:["']\]|\[\])?["']?[ \t]*(?::=|=>|[:=]|(?=["'][^"'\r\n]{4,200}["'];))[ \t]*@?(?:"([^"\r\n]{4,200})"|'([^'\r\n]{4,200})'|((?:[^\s"'&;,<>]|&(?![A-Za-z_][\w.-]*=)){4,200}))/gi;
/** [A-Za-z0-9_.-], the characters of a name before its keyword, tested on a code (no one-character string per step). */
function isNameChar(c: number): boolean {
  const lower = c | 0x20;
  return (lower >= 97 && lower <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}
const ASSIGNMENT_HINT =
  /(?:pass|pwd|pswd|secret|token|key|cred|auth)\w*(?:(?:["']?\]|\[\])?["']?[ \t]*[:=]|[ \t]+["'][^"'\r\n]{4,200}["'];)/i;

/** A quoted value closing a statement (`"…";`): the operator-less config form may be there. */
function closesQuoted(text: string): boolean {
  return text.includes('";') || text.includes("';");
}

/**
 * An unquoted value that is code rather than a literal (detect-secrets' filters): a call or an index, a bare variable
 * ($input), or the name handed on as itself (password=password).
 */
function codeExpression(value: string, keyword: string): boolean {
  if (/\(.*\)|\[.*\]|[([]$/.test(value) || /^\$[A-Za-z_]\w*$/.test(value)) return true;
  return value.replace(/\W+$/, '').toLowerCase() === keyword.toLowerCase();
}

/** The full name ending at the keyword match: "DB_PASSWORD" for a match on "PASSWORD". */
function nameBefore(text: string, start: number, keyword: string): string {
  let from = start;
  while (from > 0 && start - from < 40 && isNameChar(text.charCodeAt(from - 1))) from--;
  return text.slice(from, start) + keyword;
}

/**
 * Generic Secret, gitleaks-style: a credential keyword in the name and a value that is not a placeholder, with an
 * entropy floor (3.5 bits/char, 3.0 for hex) unless the name says password. In text, `name=value` and `"name": "value"`
 * assignments are read the same way. Specific credential types (JWT, AWS, Azure keys…) take precedence in the scanner.
 */
export const genericSecret: Detector = {
  infoType: 'Generic Secret',
  credential: false,
  plain: true,
  mayMatch: (text, ctx) =>
    text.length >= 4 &&
    (secretKindOf(ctx.field?.name ?? '') !== undefined ||
      // Assignments in text (name=value, name: value, "name":"value"); a trailing "=" is base64 padding, not one.
      (((ctx.stats.equals && text.indexOf('=') < text.length - 2) ||
        ctx.stats.colons > 0 ||
        (ctx.stats.space && closesQuoted(text))) &&
        ASSIGNMENT_HINT.test(text)) ||
      mayHoldProviderSecret(text, ctx.stats.underscore) ||
      (ctx.stats.colons > 0 && ctx.stats.space && mayHoldCliCredentials(text))),
  detect(ctx: ScanContext): Match[] {
    if (fieldSecret(ctx)) return [match(this.infoType, 0, ctx.text.length, HIGH)];
    const out: Match[] = mayHoldProviderSecret(ctx.text, ctx.stats.underscore)
      ? providerSecrets(ctx.text).map((span) => match(this.infoType, span.start, span.end, HIGH))
      : [];
    // Every assignment holds ":" or "=", or closes a quoted value with ";": without them there is nothing more to read.
    if (!ctx.stats.equals && ctx.stats.colons === 0 && !(ctx.stats.space && closesQuoted(ctx.text))) return out;
    if (ctx.stats.space && mayHoldCliCredentials(ctx.text))
      for (const span of cliCredentials(ctx.text)) out.push(match(this.infoType, span.start, span.end, HIGH));
    for (const m of matchesOf(ASSIGNMENT, ctx.text)) {
      const name = nameBefore(ctx.text, m.index, m[1] ?? '');
      const kind = secretKindOf(name);
      const value = m[2] ?? m[3] ?? m[4] ?? '';
      if (kind === undefined || isKnownSample(value)) continue;
      if (m[4] !== undefined && codeExpression(value, m[1] ?? '')) continue;
      if (
        kind === 'password'
          ? value.length >= 4 && !isPlaceholder(value)
          : looksRandom(value, kind, STRONG.test(normalizeName(name).joined), 16)
      ) {
        out.push(match(this.infoType, m.index, m.index + m[0].length, HIGH));
      }
    }
    return out;
  },
};
