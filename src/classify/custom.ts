import { RE2JS } from 're2js';
import { scoreOf } from './confidence.js';
import type { Keywords } from './context.js';
import type { Detector } from './detectors/index.js';
import { normalizeName } from './names.js';
import type { Confidence, Match } from './types.js';
import { luhn, mod97, validIban, validSsn } from './validators.js';

export const CUSTOM_VALIDATORS = ['luhn', 'mod97', 'iban', 'ssn'] as const;
export type CustomValidator = (typeof CUSTOM_VALIDATORS)[number];

/** A tenant-defined info type, Purview-style: a primary pattern, optional checksum, supporting keywords in a window. */
export interface CustomInfoType {
  readonly name: string;
  /** RE2 syntax: linear-time by construction, so no pattern can hang the engine (no backreferences, no lookarounds). */
  readonly pattern: string;
  readonly keywords: readonly string[];
  readonly validator?: CustomValidator;
  /** Confidence when the pattern (and validator) match with a keyword nearby; one level lower without the keyword. */
  readonly confidence: Confidence;
  /** Keyword window in characters around the match (Purview's patternsProximity, 300 by default). */
  readonly proximity: number;
  readonly caseSensitive?: boolean;
}

export const CUSTOM_DEFAULT_PROXIMITY = 300;
const MAX_MATCHES_PER_VALUE = 100;

/** Compiles a pattern with RE2's linear-time engine; throws re2js' syntax error for patterns RE2 rejects. */
export function compilePattern(pattern: string, caseSensitive = false): RE2JS {
  return RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
}

function validate(validator: CustomValidator | undefined, value: string): boolean {
  switch (validator) {
    case undefined:
      return true;
    case 'luhn':
      return luhn(value.replace(/\D/g, ''));
    case 'mod97':
      return mod97(value.replace(/[^A-Za-z0-9]/g, ''));
    case 'iban':
      return validIban(value.replace(/\s/g, ''));
    case 'ssn':
      return validSsn(value.replace(/\D/g, ''));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Keywords as names (`employee id` ⇒ `employeeid`) and as a literal-alternation text pattern (no user regex here). */
function keywordsOf(words: readonly string[]): Keywords | undefined {
  const cleaned = words.map((w) => w.trim()).filter((w) => w.length > 0);
  if (cleaned.length === 0) return undefined;
  return {
    names: { joined: cleaned.map((w) => normalizeName(w).joined).filter((j) => j.length > 0) },
    text: new RegExp(cleaned.map(escapeRegExp).join('|'), 'i'),
  };
}

function lower(confidence: Confidence): number | undefined {
  if (confidence === 'high') return scoreOf('medium');
  if (confidence === 'medium') return scoreOf('low');
  return undefined;
}

export function customDetector(type: CustomInfoType): Detector {
  const re = compilePattern(type.pattern, type.caseSensitive);
  const keywords = keywordsOf(type.keywords);
  const proximity = type.proximity;
  return {
    infoType: type.name,
    credential: false,
    plain: true,
    detect(ctx) {
      const out: Match[] = [];
      const matcher = re.matcher(ctx.text);
      let from = 0;
      while (out.length < MAX_MATCHES_PER_VALUE && from <= ctx.text.length && matcher.find(from)) {
        const start = matcher.start();
        const end = matcher.end();
        from = end > start ? end : end + 1;
        if (end === start || !validate(type.validator, ctx.text.slice(start, end))) continue;
        const score =
          keywords === undefined || ctx.supported(keywords, start, end, proximity)
            ? scoreOf(type.confidence)
            : lower(type.confidence);
        if (score !== undefined) out.push({ infoType: type.name, start, end, score });
      }
      return out;
    },
  };
}
