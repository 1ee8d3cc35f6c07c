import fc from 'fast-check';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { isValidPhoneNumber } from '../../src/classify/phone/index.js';
import {
  allCallingCodes,
  allRegions,
  hasCallingCode,
  planOfCallingCode,
  planOfRegion,
} from '../../src/classify/phone/plans.js';

/**
 * The metadata-compiled validator against libphonenumber-js itself, over the numbering ranges swept structurally:
 * every leading-digit prefix (one to three digits) at every length around the plan's, with seeded random tails, for
 * each region the phone detector tries national numbers in and for every calling code in international form; then
 * random formatted text. Each case counts only if both give the same verdict.
 */

// The regions the phone detector reads national-format numbers in (src/classify/detectors/contact.ts).
const DETECTOR_REGIONS: readonly CountryCode[] = ['DE', 'US', 'GB', 'FR', 'IN', 'CA', 'AU', 'BR', 'ES', 'IT', 'NL', 'MX'];

function packageVerdict(text: string, region?: CountryCode): boolean {
  const options = region === undefined ? { extract: false } : { defaultCountry: region, extract: false };
  return parsePhoneNumberFromString(text, options)?.isValid() === true;
}

/** A small seeded generator, so a failure names a case that reproduces. */
function digitSource(seed: number): (count: number) => string {
  let state = seed;
  return (count) => {
    let out = '';
    for (let i = 0; i < count; i++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      out += String(state % 10);
    }
    return out;
  };
}

function prefixesUpTo(digits: number): string[] {
  const out: string[] = [];
  for (let size = 1; size <= digits; size++) {
    for (let i = 0; i < 10 ** size; i++) out.push(String(i).padStart(size, '0'));
  }
  return out;
}

/** National numbers of the region that the package finds valid, from a seeded sweep of every three-digit prefix. */
function validNationalNumbers(region: CountryCode, count: number): string[] {
  const tail = digitSource(31337);
  const found: string[] = [];
  const prefixes = prefixesUpTo(3).slice(110);
  for (let round = 0; round < 40 && found.length < count; round++) {
    for (const prefix of prefixes) {
      const candidate = prefix + tail(4 + (round % 9));
      if (packageVerdict(candidate, region)) found.push(candidate);
    }
  }
  return found.slice(0, count);
}

interface Tally {
  cases: number;
  valid: number;
  differing: string[];
}

function compare(tally: Tally, text: string, region?: CountryCode): void {
  const expected = packageVerdict(text, region);
  tally.cases++;
  if (expected) tally.valid++;
  if (isValidPhoneNumber(text, region) !== expected && tally.differing.length < 20) {
    tally.differing.push(`${JSON.stringify(text)} in ${region ?? 'international form'}: package says ${expected}`);
  }
}

function newTally(): Tally {
  return { cases: 0, valid: 0, differing: [] };
}

describe('phone validation compiled from the libphonenumber-js metadata', () => {
  it('agrees on national numbers: every 1-3 digit prefix at every length from 4 to 16 digits, per detector region', () => {
    const tail = digitSource(20261207);
    const prefixes = prefixesUpTo(3);
    for (const region of DETECTOR_REGIONS) {
      const tally = newTally();
      for (const prefix of prefixes) {
        for (let length = Math.max(4, prefix.length); length <= 16; length++) {
          compare(tally, prefix + tail(length - prefix.length), region);
        }
      }
      expect(tally.differing, region).toEqual([]);
      // The sweep reaches the valid ranges, not only rejections: each region's plan accepts some of it.
      expect(tally.valid, region).toBeGreaterThan(100);
    }
  });

  it('agrees on valid national numbers written with the calling code, the international prefix or a trunk prefix', () => {
    // Random digits are mostly invalid; readings that differ only on valid numbers (the calling code written without
    // "+", an international prefix, a trunk or carrier prefix) need valid numbers to show.
    for (const region of DETECTOR_REGIONS) {
      const tally = newTally();
      const own = planOfRegion(region).callingCode;
      for (const national of validNationalNumbers(region, 150)) {
        for (const lead of ['', '0', '1', '00', '011', '0011', '0015', '0021', '+', own, `0${own}`, `00${own}`, `011${own}`]) {
          compare(tally, lead + national, region);
          compare(tally, `${lead}${own}${national}`, region);
          compare(tally, `${lead}${own}${national}1`, region);
        }
        compare(tally, `+${own}${national}`);
        compare(tally, `+${own}0${national}`);
      }
      expect(tally.differing, region).toEqual([]);
      expect(tally.valid, region).toBeGreaterThan(300);
    }
  });

  it('agrees in every region on national digits that open with its calling code and run past its longest number', () => {
    // Read as international when too long for the plan (Bonaire, Guernsey, Mayotte … have such numbers).
    const tail = digitSource(3);
    const tally = newTally();
    for (const region of allRegions()) {
      const plan = planOfRegion(region);
      const longest = Math.max(...(plan.possibleLengths ?? [15]));
      for (let i = 0; i < 80; i++) {
        const rest = tail(longest + (i % 3));
        compare(tally, plan.callingCode + rest, region as CountryCode);
        compare(tally, `${plan.callingCode}0${rest.slice(1)}`, region as CountryCode);
      }
    }
    expect(tally.differing).toEqual([]);
    expect(tally.valid).toBeGreaterThan(50);
  });

  it('agrees in every region on national digits after international, trunk and carrier prefixes', () => {
    // An international prefix followed by 0 is not one (Belarus's 810, Côte d'Ivoire's and Gabon's 00, Korea's 00…).
    const tail = digitSource(11);
    const tally = newTally();
    for (const region of allRegions()) {
      const lengths = planOfRegion(region).possibleLengths ?? [8];
      for (const lead of ['', '0', '00', '000', '011', '0110', '1', '8', '810']) {
        for (let i = 0; i < 12; i++) {
          const length = (lengths[i % lengths.length] ?? 8) + ((i >> 2) % 3) - 1;
          compare(tally, lead + tail(Math.max(1, length)), region as CountryCode);
        }
      }
    }
    expect(tally.differing).toEqual([]);
    expect(tally.valid).toBeGreaterThan(500);
  });

  it('agrees on international numbers: every calling code, every 1-2 digit prefix, every length around the plan', () => {
    const tail = digitSource(424242);
    const prefixes = prefixesUpTo(2);
    const tally = newTally();
    let codes = 0;
    for (const callingCode of allCallingCodes()) {
      if (!hasCallingCode(callingCode)) continue;
      codes++;
      const lengths = planOfCallingCode(callingCode).possibleLengths ?? [];
      const shortest = Math.max(1, Math.min(...lengths, 17) - 1);
      const longest = Math.min(18, Math.max(...lengths, 2) + 2);
      for (const prefix of prefixes) {
        for (let length = Math.max(shortest, prefix.length); length <= longest; length++) {
          compare(tally, `+${callingCode}${prefix}${tail(length - prefix.length)}`);
        }
      }
    }
    expect(codes).toBeGreaterThan(200);
    expect(tally.differing).toEqual([]);
    expect(tally.valid).toBeGreaterThan(1000);
  });

  it('agrees on the NANP and UK-shared codes with every three-digit area prefix', () => {
    // +1 and +44 pick the exact region (US, CA, JM, …; GB, JE, GG, IM) by leading digits and number types.
    const tail = digitSource(99);
    const tally = newTally();
    for (const callingCode of ['1', '44', '7', '39', '61', '262', '590']) {
      for (const prefix of prefixesUpTo(3).slice(110)) {
        for (let length = 6; length <= 11; length++) compare(tally, `+${callingCode}${prefix}${tail(length - 3)}`);
      }
    }
    expect(tally.differing).toEqual([]);
  });

  it('agrees on random text shaped like the detector candidates, with any separators', () => {
    const separator = fc.constantFrom('', '', '', ' ', '-', '.', '(', ')', ' (', ') ');
    const group = fc.tuple(fc.stringMatching(/^\d{1,4}$/), separator).map(([digits, sep]) => digits + sep);
    const text = fc
      .tuple(fc.constantFrom('', '+', '(', '+('), fc.array(group, { minLength: 1, maxLength: 6 }))
      .map(([lead, groups]) => lead + groups.join(''));
    const region = fc.constantFrom<CountryCode | undefined>(undefined, ...DETECTOR_REGIONS);
    fc.assert(
      fc.property(text, region, (candidate, where) => {
        expect(isValidPhoneNumber(candidate, where)).toBe(packageVerdict(candidate, where));
      }),
      { numRuns: 20_000, seed: 20261207 },
    );
  });

  it('agrees on valid numbers split by random separators', () => {
    const numbers = DETECTOR_REGIONS.map((region) => [region, validNationalNumbers(region, 40)] as const);
    const separator = fc.constantFrom('', ' ', '-', '.', '(', ')', ' (', ') ');
    fc.assert(
      fc.property(
        fc.constantFrom(...numbers),
        fc.nat(39),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(16), separator), { maxLength: 4 }),
        ([region, valid], index, international, cuts) => {
          const national = valid[index % valid.length] ?? '';
          let text = international ? `${planOfRegion(region).callingCode}${national}` : national;
          for (const [at, sep] of cuts) text = text.slice(0, at) + sep + text.slice(at);
          if (international) text = `+${text}`;
          const where = international ? undefined : region;
          expect(isValidPhoneNumber(text, where), `${text} ${region}`).toBe(packageVerdict(text, where));
        },
      ),
      { numRuns: 10_000, seed: 7 },
    );
  });

  it('hands text outside the compiled path to the package, with the same verdicts', () => {
    for (const [text, region] of [
      ['+49 30 12345678 ext. 12', undefined],
      ['+44 20 7946 0958 x12', undefined],
      ['tel:+493012345678', undefined],
      ['＋４９ ３０ １２３４５６７８', undefined],
      ['030/12345678', 'DE'],
      ['+1 (202) 555-0143 ', undefined],
      ['12', 'DE'],
      ['202 555 0143', 'ZZ'],
    ] as const) {
      expect(isValidPhoneNumber(text, region as CountryCode | undefined), text).toBe(
        packageVerdict(text, region as CountryCode | undefined),
      );
    }
  });

  it('gives the verdicts the detector relies on', () => {
    expect(isValidPhoneNumber('+49 30 901820')).toBe(true);
    expect(isValidPhoneNumber('+1 202-456-1111')).toBe(true);
    expect(isValidPhoneNumber('+1 202-456-111')).toBe(false);
    expect(isValidPhoneNumber('030 901820', 'DE')).toBe(true);
    expect(isValidPhoneNumber('020 7946 0958', 'GB')).toBe(true);
    expect(isValidPhoneNumber('020 7946 0958', 'US')).toBe(false);
    expect(isValidPhoneNumber('+0 123 456 789')).toBe(false);
  });
});
