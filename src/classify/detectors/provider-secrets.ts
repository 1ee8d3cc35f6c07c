import { isPlaceholder } from '../validators.js';

/**
 * Credentials recognisable by their issuer's fixed prefix, the first rules gitleaks and secretlint run (ghp_, xoxb-,
 * sk_live_ …), and passwords embedded in URLs (detect-secrets' BasicAuthDetector: scheme://user:password@host).
 * Both are reported as Generic Secret.
 */
/** Each rule with the literal its token must contain, tested with `includes` before the regex runs. */
const PROVIDER_TOKENS: readonly (readonly [string, RegExp])[] = [
  ['hooks.slack.com', /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}/g],
  [
    '_',
    /(?<![A-Za-z0-9_])(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{60,90}/g,
  ],
  ['k_live_', /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{20,99}(?![A-Za-z0-9_])/g],
  ['xox', /(?<![A-Za-z0-9_])xox[abprs]-[A-Za-z0-9-]{10,72}(?![A-Za-z0-9-])/g],
  ['AIza', /(?<![A-Za-z0-9_])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g],
  ['SG.', /(?<![A-Za-z0-9_])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g],
];

const URL_CREDENTIAL = /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s:@/?#"']*:([^\s@/?#"']{3,})@[A-Za-z0-9.-]+/gi;

const PROVIDER_LITERALS = /xox[abprs]-|AIza|SG\.|hooks\.slack\.com/;
const UNDERSCORE_PREFIXES = /gh[pousr]_|github_pat_|k_live_/;

/** Cheap test: could the text hold a provider token or a URL with a password? At most two passes over the text. */
export function mayHoldProviderSecret(text: string, at: boolean, underscore: boolean): boolean {
  if (text.length < 15) return false;
  if (at && text.includes('://')) return true;
  if (underscore && UNDERSCORE_PREFIXES.test(text)) return true;
  return PROVIDER_LITERALS.test(text);
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export function providerSecrets(text: string): Span[] {
  const out: Span[] = [];
  for (const [literal, pattern] of PROVIDER_TOKENS) {
    if (!text.includes(literal)) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text))
      out.push({ start: m.index, end: m.index + m[0].length });
  }
  if (!text.includes('@')) return out;
  URL_CREDENTIAL.lastIndex = 0;
  for (let m = URL_CREDENTIAL.exec(text); m !== null; m = URL_CREDENTIAL.exec(text)) {
    const password = decodeSafe(m[1] ?? '');
    if (!isPlaceholder(password) && !/^\$\{.*\}$|^\$\w+$/.test(password))
      out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
