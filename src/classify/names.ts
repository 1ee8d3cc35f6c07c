/**
 * Field, header and parameter names as evidence. `dateOfBirth`, `date_of_birth` and `Date-Of-Birth` all become the
 * tokens `date of birth` and the joined form `dateofbirth`; rules match whole tokens (so `pan` does not fire inside
 * `company`) or substrings of the joined form (so `customerSSN` and `cardNumber` do).
 */
export interface NormalizedName {
  readonly tokens: readonly string[];
  readonly joined: string;
}

export interface NameRule {
  /** Whole tokens; a trailing plural "s" is ignored (`cards` matches `card`). */
  readonly tokens?: readonly string[];
  /** Substrings of the joined lower-case name. */
  readonly joined?: readonly string[];
}

const cache = new Map<string, NormalizedName>();
const CACHE_LIMIT = 20_000;

export function normalizeName(name: string): NormalizedName {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  const tokens = spaced
    .toLowerCase()
    .split(/[^a-z0-9#]+/)
    .filter((t) => t.length > 0);
  const normalized: NormalizedName = { tokens, joined: tokens.join('') };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, normalized);
  return normalized;
}

/**
 * Rules numbered on first use, so one lookup per name finds every rule's verdict. A Map rather than a WeakMap: it is
 * asked for every name test, a WeakMap lookup costs about twice as much, and the numbering starts afresh at 4,096
 * rules, which bounds what it holds.
 */
let ruleIds = new Map<NameRule, number>();
let nextRuleId = 0;
/** Bumped when the numbering starts afresh: verdict rows of an older numbering are emptied before use. */
let numbering = 0;

/** The number of a rule in the current numbering (see NameVerdicts). */
export function ruleIdOf(rule: NameRule): number {
  let id = ruleIds.get(rule);
  if (id === undefined) {
    // Processes that build many classifiers (configuration reloads) number their rules afresh now and then.
    if (nextRuleId >= 4096) {
      ruleIds = new Map();
      nextRuleId = 0;
      numbering++;
      verdicts.clear();
    }
    ruleIds.set(rule, (id = nextRuleId++));
  }
  return id;
}

/**
 * One name's verdicts on the rules asked of it: 0 unknown, 1 no, 2 yes, by rule number. The same few hundred field
 * names recur in every message, so a scan looks a name's row up once per value and answers each rule from it.
 */
export class NameVerdicts {
  private row = new Uint8Array(64);
  private numbering = numbering;
  constructor(readonly name: string) {}

  /** `nameMatches(this.name, rule)`, with the rule's number (`ruleIdOf`) already in hand. */
  matches(rule: NameRule, id: number): boolean {
    if (this.name.length === 0) return false;
    if (this.numbering !== numbering) {
      this.row = new Uint8Array(64);
      this.numbering = numbering;
    }
    if (id >= this.row.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.row.length * 2));
      grown.set(this.row);
      this.row = grown;
    }
    const known = this.row[id] as number;
    if (known !== 0) return known === 2;
    const verdict = computeMatch(this.name, rule);
    this.row[id] = verdict ? 2 : 1;
    return verdict;
  }
}

const verdicts = new Map<string, NameVerdicts>();

/** The verdict row of a name, shared by every scan that meets the name. */
export function verdictsOf(name: string): NameVerdicts {
  let row = verdicts.get(name);
  if (row === undefined) {
    if (verdicts.size >= CACHE_LIMIT) verdicts.clear();
    verdicts.set(name, (row = new NameVerdicts(name)));
  }
  return row;
}

export function nameMatches(name: string, rule: NameRule): boolean {
  if (name.length === 0) return false;
  return verdictsOf(name).matches(rule, ruleIdOf(rule));
}

function computeMatch(name: string, rule: NameRule): boolean {
  const { tokens, joined } = normalizeName(name);
  if (rule.joined?.some((part) => joined.includes(part))) return true;
  if (rule.tokens === undefined) return false;
  for (const token of tokens) {
    if (rule.tokens.includes(token)) return true;
    if (token.length > 3 && token.endsWith('s') && rule.tokens.includes(token.slice(0, -1))) return true;
  }
  return false;
}
