import { isPlaceholder, shannonEntropy } from '../validators.js';

/**
 * Credentials recognisable by their issuer's fixed prefix, the first rules gitleaks and secretlint run (ghp_, xoxb-,
 * sk_live_ …), reported as Generic Secret. Each rule names the literal its token must contain (tested with `includes`
 * before the regex runs) and how random the part after the prefix must be: documentation and templates fill that part
 * with `xxxx`, one repeated character or a short pattern.
 */
interface ProviderRule {
  readonly literal: string;
  readonly pattern: RegExp;
  /** Characters the issuer puts before the random part. */
  readonly prefix: RegExp;
  /** Minimum Shannon entropy of the random part, in bits per character. */
  readonly entropy: number;
}

const PROVIDER_TOKENS: readonly ProviderRule[] = [
  {
    literal: 'hooks.slack.com',
    // Incoming webhooks (services/T…/B…/…), workflow webhooks (workflows/…) and workflow triggers (triggers/…).
    pattern: /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,120}/g,
    prefix: /^.*?(?:services|workflows|triggers)\//,
    entropy: 3.5,
  },
  {
    literal: '_',
    pattern:
      /(?<![A-Za-z0-9_])(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{60,90}/g,
    prefix: /^(?:gh[pousr]_|github_pat_)/,
    entropy: 3.5,
  },
  {
    literal: 'k_live_',
    pattern: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{20,99}(?![A-Za-z0-9_])/g,
    prefix: /^[sr]k_live_/,
    entropy: 3.5,
  },
  {
    literal: 'xox',
    // Bot, user, app-level, legacy workspace, configuration (xoxe.xoxp-…) and refresh (xoxe-…) tokens.
    pattern: /(?<![A-Za-z0-9_.-])(?:xox[abposr]-|xoxe\.xox[bp]-|xoxe-)[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])/g,
    prefix: /^(?:xoxe\.)?xox[abposre]-/,
    entropy: 3.0,
  },
  {
    literal: 'xapp-',
    pattern: /(?<![A-Za-z0-9_-])xapp-\d-[A-Z0-9]{8,12}-\d{6,16}-[a-f0-9]{32,64}(?![A-Za-z0-9-])/g,
    prefix: /^xapp-\d-/,
    entropy: 3.0,
  },
  // Google API keys are "AIzaSy" and 33 more characters; the shorter "AIza" prefix also opens ordinary words and ids.
  {
    literal: 'AIzaSy',
    pattern: /(?<![A-Za-z0-9_])AIzaSy[0-9A-Za-z_-]{33}(?![0-9A-Za-z_-])/g,
    prefix: /^AIzaSy/,
    entropy: 4.0,
  },
  {
    // Microsoft Entra ID (Azure AD) application client secrets: three characters, a digit, "Q~", then 31 to 34 more
    // (the shape gitleaks and Purview's "Azure AD client secret" look for). The three-character head is random too.
    literal: 'Q~',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    prefix: /^.{4}Q~/,
    entropy: 3.5,
  },
  {
    literal: 'SG.',
    pattern: /(?<![A-Za-z0-9_])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    prefix: /^SG\./,
    entropy: 4.0,
  },
];

/** The random part of a token is random: not a placeholder, a repeated pattern or too few distinct characters. */
export function randomPart(part: string, minEntropy: number): boolean {
  if (isPlaceholder(part) || /^(.{1,4})\1+$/.test(part) || /(.)\1{5}/.test(part) || sequential(part)) return false;
  return shannonEntropy(part) >= minEntropy;
}

/** Runs such as "ABCDEF" or "123456" (detect-secrets' sequential-string filter): typed by people, not generated. */
function sequential(part: string): boolean {
  let run = 1;
  for (let i = 1; i < part.length; i++) {
    run = part.charCodeAt(i) - part.charCodeAt(i - 1) === 1 ? run + 1 : 1;
    if (run >= 6) return true;
  }
  return false;
}

const PROVIDER_LITERALS = /xox[abposre][-.]|xapp-|AIzaSy|SG\.|Q~|hooks\.slack\.com/;
const UNDERSCORE_PREFIXES = /gh[pousr]_|github_pat_|k_live_/;

/** Cheap test: could the text hold a provider token? At most two passes over the text. */
export function mayHoldProviderSecret(text: string, underscore: boolean): boolean {
  if (text.length < 15) return false;
  if (underscore && UNDERSCORE_PREFIXES.test(text)) return true;
  return PROVIDER_LITERALS.test(text);
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export function providerSecrets(text: string): Span[] {
  const out: Span[] = [];
  for (const rule of PROVIDER_TOKENS) {
    if (!text.includes(rule.literal)) continue;
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(text); m !== null; m = rule.pattern.exec(text)) {
      if (randomPart(m[0].replace(rule.prefix, ''), rule.entropy))
        out.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}
