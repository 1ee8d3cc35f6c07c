import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import {
  hasCallingCode,
  hasRegion,
  planOfCallingCode,
  planOfRegion,
  regionsOfCallingCode,
  type NumberingPlan,
  type TypeRule,
} from './plans.js';

/**
 * libphonenumber-js's verdict (`parsePhoneNumberFromString(text, { defaultCountry, extract: false })?.isValid()`)
 * computed over the compiled plans of ./plans.ts. Each step below follows the package's own step of the same name
 * (parse → extractCountryCallingCode → extractNationalNumber → getCountryByCallingCode → isValidNumber), rule for
 * rule, so the verdict is the package's; test/classify/phone-validate.test.ts sweeps the plans against it.
 *
 * The path covers the text the phone detector hands over: digits with spaces, dots, dashes and parentheses, and
 * at most one "+" in front. Anything else (other punctuation, letters that may be an extension, wide or Arabic
 * digits, "tel:" URIs) goes to the package itself.
 */

// The package's national significant number bounds (MIN_LENGTH_FOR_NSN, MAX_LENGTH_FOR_NSN).
const MIN_NATIONAL_LENGTH = 2;
const MAX_NATIONAL_LENGTH = 17;
// Calling codes have one to three digits (MAX_LENGTH_COUNTRY_CODE).
const MAX_CALLING_CODE_LENGTH = 3;
// With at least three digits, and only these characters, the package finds the text a viable number without an
// extension, so it reaches the steps below unchanged.
const COVERED = /^\+?[\d ().-]+$/;
const MIN_COVERED_DIGITS = 3;

type LengthVerdict = 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH';

function matchesWhole(pattern: RegExp, nationalNumber: string): boolean {
  return pattern.test(nationalNumber);
}

/** checkNumberLength: the plan's possible lengths; a number longer than all of them still counts as possible. */
function lengthVerdict(nationalNumber: string, plan: NumberingPlan): LengthVerdict {
  const possible = plan.possibleLengths;
  if (possible === undefined) return 'IS_POSSIBLE';
  const length = nationalNumber.length;
  const shortest = possible[0];
  if (shortest === length) return 'IS_POSSIBLE';
  if (shortest !== undefined && shortest > length) return 'TOO_SHORT';
  const longest = possible[possible.length - 1];
  if (longest !== undefined && longest < length) return 'TOO_LONG';
  return possible.indexOf(length, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

function isOfType(nationalNumber: string, rule: TypeRule): boolean {
  if (rule.lengths !== undefined && !rule.lengths.includes(nationalNumber.length)) return false;
  return rule.pattern.test(nationalNumber);
}

/** getNumberType(…) !== undefined: the plan's pattern, then any type's (a plan without types has none). */
function hasNumberType(nationalNumber: string, plan: NumberingPlan): boolean {
  if (!matchesWhole(plan.nationalNumber, nationalNumber)) return false;
  return plan.types !== undefined && plan.types.some((rule) => isOfType(nationalNumber, rule));
}

/** getCountryByCallingCode: the one region of the code, else the first whose leading digits or types fit. */
function regionOfNumber(callingCode: string, nationalNumber: string): string | undefined {
  const regions = regionsOfCallingCode(callingCode);
  if (regions === undefined) return undefined;
  if (regions.length === 1) return regions[0];
  for (const region of regions) {
    const plan = planOfRegion(region);
    if (plan.leadingDigits !== undefined) {
      if (nationalNumber !== '' && plan.leadingDigits.test(nationalNumber)) return region;
    } else if (hasNumberType(nationalNumber, plan)) {
      return region;
    }
  }
  return undefined;
}

/** extractNationalNumberFromPossiblyIncompleteNumber, the national number only (the carrier code decides nothing). */
function stripNationalPrefix(digits: string, plan: NumberingPlan): string {
  const prefix = plan.nationalPrefixForParsing;
  if (digits === '' || prefix === undefined) return digits;
  const found = prefix.exec(digits);
  if (found === null) return digits;
  const lastGroup = found.length - 1;
  const captured = lastGroup > 0 && Boolean(found[lastGroup]);
  const rule = plan.nationalPrefixTransformRule;
  if (rule !== undefined && captured) return digits.replace(prefix, rule);
  return digits.slice(found[0].length);
}

/**
 * extractNationalNumber: the national prefix comes off only if what remains still fits the plan's pattern (when the
 * whole did) and is of a possible length for the region it then belongs to.
 */
function nationalNumberOf(digits: string, plan: NumberingPlan): string {
  const stripped = stripNationalPrefix(digits, plan);
  if (stripped === digits) return digits;
  if (matchesWhole(plan.nationalNumber, digits) && !matchesWhole(plan.nationalNumber, stripped)) return digits;
  if (plan.possibleLengths !== undefined) {
    const region = regionOfNumber(plan.callingCode, stripped);
    const verdict = lengthVerdict(stripped, region === undefined ? plan : planOfRegion(region));
    if (verdict === 'TOO_SHORT' || verdict === 'INVALID_LENGTH') return digits;
  }
  return stripped;
}

/** stripIddPrefix: the digits after the region's international prefix, unless none follow or they start with 0. */
function afterInternationalPrefix(digits: string, plan: NumberingPlan): string | undefined {
  const found = plan.internationalPrefix?.exec(digits);
  if (found === null || found === undefined) return undefined;
  const rest = digits.slice(found[0].length);
  return rest.startsWith('0') ? undefined : rest;
}

interface CallingCodeSplit {
  readonly callingCode?: string;
  /** The digits after the calling code; absent when the number is unusable. */
  readonly rest?: string;
}

/**
 * extractCountryCallingCodeFromInternationalNumberWithoutPlusSign: national digits starting with the region's own
 * calling code are read as international when only the shorter number fits the plan, or the whole is too long.
 */
function callingCodeWithoutPlus(digits: string, region: string): CallingCodeSplit | undefined {
  const plan = planOfRegion(region);
  if (!digits.startsWith(plan.callingCode)) return undefined;
  const shorter = digits.slice(plan.callingCode.length);
  const shorterNational = nationalNumberOf(shorter, plan);
  const national = nationalNumberOf(digits, plan);
  const shorterFits =
    !matchesWhole(plan.nationalNumber, national) && matchesWhole(plan.nationalNumber, shorterNational);
  if (shorterFits || lengthVerdict(national, plan) === 'TOO_LONG') return { callingCode: plan.callingCode, rest: shorter };
  return undefined;
}

/** extractCountryCallingCode, over "+digits" or national digits. */
function splitCallingCode(number: string, region: string | undefined): CallingCodeSplit {
  let international = number;
  if (!number.startsWith('+')) {
    const rest = region === undefined ? undefined : afterInternationalPrefix(number, planOfRegion(region));
    if (rest === undefined || rest === '' || rest === number) {
      return (region === undefined ? undefined : callingCodeWithoutPlus(number, region)) ?? { rest: number };
    }
    international = `+${rest}`;
  }
  if (international[1] === '0') return {};
  for (let end = 2; end - 1 <= MAX_CALLING_CODE_LENGTH && end <= international.length; end++) {
    const callingCode = international.slice(1, end);
    if (hasCallingCode(callingCode)) return { callingCode, rest: international.slice(end) };
  }
  return {};
}

/** parse(…, { v2: true }) then isValid(), for "+digits" or national digits. */
function validDigits(number: string, region: string | undefined): boolean {
  const split = splitCallingCode(number, region);
  let plan: NumberingPlan;
  let callingCode: string;
  let numberRegion: string | undefined;
  if (split.callingCode !== undefined) {
    callingCode = split.callingCode;
    plan = planOfCallingCode(callingCode);
  } else if (split.rest !== undefined && split.rest !== '' && region !== undefined) {
    numberRegion = region;
    plan = planOfRegion(region);
    callingCode = plan.callingCode;
  } else {
    return false;
  }
  if (split.rest === undefined || split.rest === '') return false;
  const nationalNumber = nationalNumberOf(split.rest, plan);
  numberRegion = regionOfNumber(callingCode, nationalNumber) ?? numberRegion;
  if (nationalNumber.length < MIN_NATIONAL_LENGTH || nationalNumber.length > MAX_NATIONAL_LENGTH) return false;
  // isValidNumber: the plan of the number's region if one was found, else the calling code's.
  const validating = numberRegion === undefined ? planOfCallingCode(callingCode) : planOfRegion(numberRegion);
  if (validating.types === undefined) return matchesWhole(validating.nationalNumber, nationalNumber);
  return hasNumberType(nationalNumber, validating);
}

const NOT_DIGIT_OR_PLUS = /[^\d+]/g;

/**
 * The package's reading of the text's characters: digits, and a "+" kept only in front. Covered text has no "+"
 * anywhere else, so dropping everything but digits and "+" is that reading, in one flat string.
 */
function digitsOf(text: string): string {
  return text.replace(NOT_DIGIT_OR_PLUS, '');
}

function covered(text: string): number {
  if (!COVERED.test(text)) return 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
  }
  return digits;
}

/**
 * Whether libphonenumber-js finds the whole text a valid phone number: international when it starts with "+",
 * else national in `region`.
 */
export function isValidPhoneNumber(text: string, region?: CountryCode): boolean {
  const knownRegion = region === undefined || hasRegion(region);
  if (knownRegion && text.length <= 250 && covered(text) >= MIN_COVERED_DIGITS) {
    return validDigits(digitsOf(text), region);
  }
  const options = region !== undefined ? { defaultCountry: region, extract: false } : { extract: false };
  return parsePhoneNumberFromString(text, options)?.isValid() === true;
}
