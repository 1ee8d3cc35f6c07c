import metadata from 'libphonenumber-js/metadata.min.json';

/**
 * The numbering plans of libphonenumber-js's own metadata (the "min" set its default export validates with), read from
 * the package's metadata file and compiled once per plan, on first use. libphonenumber-js itself compiles each pattern
 * anew on every test (`new RegExp` per match), which is most of what a parse costs; the rules here are the same
 * strings, compiled the way it compiles them, so every match gives the same answer.
 *
 * Layout of a plan in the metadata (format version 4): [0] calling code, [1] international (IDD) prefix, [2] national
 * number pattern, [3] possible lengths, [4] formats, [5] national prefix, [6] formatting rule, [7] national prefix for
 * parsing, [8] its transform rule, [9] prefix optional, [10] leading digits, [11] per-type rules. An absent field is a
 * 0, so every field is read as "truthy or absent", as the package does.
 */

/** One number type (fixed line, mobile, toll free, …): its pattern and the lengths it allows. */
export interface TypeRule {
  /** The whole national number must match. */
  readonly pattern: RegExp;
  /** The type's own lengths, else the plan's; none means any length. */
  readonly lengths: readonly number[] | undefined;
}

export interface NumberingPlan {
  readonly callingCode: string;
  /** The international call prefix ("00", "011"), anchored at the start. */
  readonly internationalPrefix: RegExp | undefined;
  /** The whole national significant number must match. */
  readonly nationalNumber: RegExp;
  readonly possibleLengths: readonly number[] | undefined;
  /** The national (trunk) prefix pattern used when parsing, anchored at the start. */
  readonly nationalPrefixForParsing: RegExp | undefined;
  readonly nationalPrefixTransformRule: string | undefined;
  /** Picks this plan among those sharing a calling code (the NANP countries), anchored at the start. */
  readonly leadingDigits: RegExp | undefined;
  /**
   * The per-type rules, present only where the metadata keeps them (the calling codes shared by several countries):
   * a number is then valid only if one type accepts it. Undefined: the national number pattern alone decides.
   */
  readonly types: readonly TypeRule[] | undefined;
}

type RawPlan = readonly unknown[];

/** The metadata as this module reads it: every plan field is checked for its type where it is read. */
interface RawMetadata {
  readonly country_calling_codes: Readonly<Record<string, readonly string[] | undefined>>;
  readonly countries: Readonly<Record<string, RawPlan | undefined>>;
  readonly nonGeographic?: Readonly<Record<string, RawPlan | undefined>>;
}

const raw: RawMetadata = metadata;

function text(field: unknown): string | undefined {
  return typeof field === 'string' && field !== '' ? field : undefined;
}

function lengths(field: unknown): readonly number[] | undefined {
  // An empty list is still a list to the package (it allows no length), so it is kept as one.
  if (!Array.isArray(field)) return undefined;
  const out: number[] = [];
  for (const length of field as readonly unknown[]) if (typeof length === 'number') out.push(length);
  return out;
}

function anchored(pattern: string | undefined): RegExp | undefined {
  // `string.search(pattern) === 0` in the package: a match starting at the first character, the same match as ^(?:…).
  return pattern === undefined ? undefined : new RegExp(`^(?:${pattern})`);
}

function whole(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function compileTypes(field: unknown, planLengths: readonly number[] | undefined): readonly TypeRule[] | undefined {
  // An empty list counts as no types at all; a type given as 0 or with an empty pattern never matches.
  if (!Array.isArray(field) || field.length === 0) return undefined;
  const rules: TypeRule[] = [];
  for (const entry of field as readonly unknown[]) {
    if (!Array.isArray(entry)) continue;
    const pattern = typeof entry[0] === 'string' ? entry[0] : '';
    if (pattern === '') continue;
    rules.push({ pattern: whole(pattern), lengths: lengths(entry[1]) ?? planLengths });
  }
  return rules;
}

function compile(plan: RawPlan): NumberingPlan {
  const possibleLengths = lengths(plan[3]);
  const nationalPrefix = text(plan[5]);
  return {
    callingCode: String(plan[0]),
    internationalPrefix: anchored(text(plan[1])),
    nationalNumber: whole(text(plan[2]) ?? ''),
    possibleLengths,
    nationalPrefixForParsing: anchored(text(plan[7]) ?? nationalPrefix),
    nationalPrefixTransformRule: text(plan[8]),
    leadingDigits: anchored(text(plan[10])),
    types: compileTypes(plan[11], possibleLengths),
  };
}

const byRegion = new Map<string, NumberingPlan>();
const byNonGeographicCode = new Map<string, NumberingPlan>();

export function hasRegion(region: string): boolean {
  return Object.hasOwn(raw.countries, region) && region !== '001';
}

/** The plan of a region (ISO 3166 code); the caller has checked hasRegion. */
export function planOfRegion(region: string): NumberingPlan {
  let plan = byRegion.get(region);
  if (plan === undefined) {
    const source = raw.countries[region];
    if (source === undefined) throw new RangeError(`no numbering plan for region ${region}`);
    plan = compile(source);
    byRegion.set(region, plan);
  }
  return plan;
}

/** The regions sharing a calling code, the main one first; undefined for a non-geographic code (+800, +882, …). */
export function regionsOfCallingCode(callingCode: string): readonly string[] | undefined {
  const regions = Object.hasOwn(raw.country_calling_codes, callingCode)
    ? raw.country_calling_codes[callingCode]
    : undefined;
  if (regions === undefined || (regions.length === 1 && regions[0]?.length === 3)) return undefined;
  return regions;
}

export function hasCallingCode(callingCode: string): boolean {
  return (
    regionsOfCallingCode(callingCode) !== undefined ||
    (raw.nonGeographic !== undefined && Object.hasOwn(raw.nonGeographic, callingCode))
  );
}

/** The plan a calling code selects: its main region's, or the non-geographic one; the caller has checked it exists. */
export function planOfCallingCode(callingCode: string): NumberingPlan {
  const main = regionsOfCallingCode(callingCode)?.[0];
  if (main !== undefined) return planOfRegion(main);
  let plan = byNonGeographicCode.get(callingCode);
  if (plan === undefined) {
    const source = raw.nonGeographic?.[callingCode];
    if (source === undefined) throw new RangeError(`no numbering plan for calling code ${callingCode}`);
    plan = compile(source);
    byNonGeographicCode.set(callingCode, plan);
  }
  return plan;
}

/** Every region of the metadata with its calling code, for tests that sweep the plans. */
export function allRegions(): readonly string[] {
  return Object.keys(raw.countries).filter((region) => region !== '001');
}

export function allCallingCodes(): readonly string[] {
  return Object.keys(raw.country_calling_codes);
}
