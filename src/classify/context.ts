import { nameMatches, ruleIdOf, verdictsOf, type NameRule, type NameVerdicts } from './names.js';
import type { FieldContext } from './types.js';
import { ValueStats, type TextStats } from './value-stats.js';

/** Supporting evidence for one info type: names of the field around the value, and words near the match in text. */
export interface Keywords {
  readonly names?: NameRule;
  /** Names of sibling fields that corroborate (a `cvv` next to a card number); not every type trusts siblings. */
  readonly siblings?: NameRule;
  /** Tested, case-insensitively, on the text window around a match. */
  readonly text?: RegExp;
}

/**
 * Default keyword window for built-in types inside text values. Purview uses 300 characters; API text (log lines,
 * query strings, connection strings) packs unrelated fields densely, so a tighter window keeps an "SSN" label from
 * vouching for a neighbouring passport or order number.
 */
export const DEFAULT_PROXIMITY = 60;

/**
 * One value being scanned, with what surrounds it. The scanner keeps one context and resets it for each value
 * (`reset`), so a value costs no context, statistics or verdict-cache object; detectors must not keep it past `detect`.
 */
export class ScanContext {
  private readonly values = new ValueStats();
  private statsReady = false;
  /** Verdicts asked for more than once per value (shared prefilters): a few slots, emptied by `reset`. */
  private readonly memoKeys: (RegExp | NameRule)[] = [];
  private readonly memoVerdicts: boolean[] = [];
  private memoCount = 0;
  /** The verdict rows of the value's own name and of its nearest enclosing object's name, looked up on first use. */
  private ownName: NameVerdicts | undefined;
  private parentName: NameVerdicts | undefined;

  constructor(
    private current: string,
    private currentField: FieldContext | undefined,
    private currentProximity: number = DEFAULT_PROXIMITY,
  ) {}

  /** Points the context at another value; what was computed for the previous one is dropped. */
  reset(text: string, field: FieldContext | undefined, proximity: number = DEFAULT_PROXIMITY): this {
    this.current = text;
    this.currentField = field;
    this.currentProximity = proximity;
    this.statsReady = false;
    this.memoCount = 0;
    this.ownName = undefined;
    this.parentName = undefined;
    return this;
  }

  get text(): string {
    return this.current;
  }

  get field(): FieldContext | undefined {
    return this.currentField;
  }

  get proximity(): number {
    return this.currentProximity;
  }

  get stats(): TextStats {
    if (!this.statsReady) {
      this.values.fill(this.current);
      this.statsReady = true;
    }
    return this.values;
  }

  /** A pattern's verdict on the whole value, tested once however many detectors ask (shared keyword prefilters). */
  once(pattern: RegExp): boolean {
    const known = this.recalled(pattern);
    return known ?? this.remember(pattern, pattern.test(this.current));
  }

  /** `nameIs`, asked once per value however many detectors share the rule (a prefilter over a family of types). */
  nameOnce(rule: NameRule): boolean {
    const known = this.recalled(rule);
    return known ?? this.remember(rule, this.nameIs(rule));
  }

  private recalled(key: RegExp | NameRule): boolean | undefined {
    for (let i = 0; i < this.memoCount; i++) if (this.memoKeys[i] === key) return this.memoVerdicts[i];
    return undefined;
  }

  private remember(key: RegExp | NameRule, verdict: boolean): boolean {
    this.memoKeys[this.memoCount] = key;
    this.memoVerdicts[this.memoCount++] = verdict;
    return verdict;
  }

  /** The value's own name, the nearest enclosing object's name, or a discriminator value beside it matches the rule. */
  nameIs(rule: NameRule | undefined): boolean {
    const field = this.currentField;
    if (rule === undefined || field === undefined) return false;
    const id = ruleIdOf(rule);
    if ((this.ownName ??= verdictsOf(field.name)).matches(rule, id)) return true;
    if (field.parents.length > 0) {
      this.parentName ??= verdictsOf(field.parents[field.parents.length - 1] as string);
      if (this.parentName.matches(rule, id)) return true;
    }
    const discriminators = field.discriminators;
    if (discriminators === undefined) return false;
    for (const value of discriminators) if (nameMatches(value, rule)) return true;
    return false;
  }

  /** Only the value's own name matches (parents do not count). */
  ownNameIs(rule: NameRule): boolean {
    const field = this.currentField;
    if (field === undefined) return false;
    return (this.ownName ??= verdictsOf(field.name)).matches(rule, ruleIdOf(rule));
  }

  siblingIs(rule: NameRule | undefined): boolean {
    if (rule === undefined || this.field === undefined) return false;
    for (const sibling of this.field.siblings) if (nameMatches(sibling, rule)) return true;
    return false;
  }

  /** A keyword within `proximity` characters of the match [start, end). */
  textNear(pattern: RegExp | undefined, start: number, end: number, proximity = this.proximity): boolean {
    if (pattern === undefined) return false;
    const window = this.text.slice(Math.max(0, start - proximity), Math.min(this.text.length, end + proximity));
    return pattern.test(window);
  }

  /** Any supporting evidence for the match: the names around the value, its siblings, or words near it. */
  supported(keywords: Keywords, start: number, end: number, proximity?: number): boolean {
    return (
      this.nameIs(keywords.names) ||
      this.siblingIs(keywords.siblings) ||
      this.textNear(keywords.text, start, end, proximity)
    );
  }

  /** The text just before a match, for negative context such as "version 1.2.3.4". */
  before(start: number, length: number): string {
    return this.text.slice(Math.max(0, start - length), start);
  }
}
