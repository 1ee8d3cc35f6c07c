import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOW } from '../../src/classify/confidence.js';
import { ScanContext } from '../../src/classify/context.js';
import { belowFloor, matchesOf } from '../../src/classify/detectors/detector.js';
import { MAC_CANDIDATE, MAC_RUNS } from '../../src/classify/detectors/network.js';
import { matchesAtRuns } from '../../src/classify/detectors/run-matches.js';
import type { RunShape } from '../../src/classify/detectors/run-shapes.js';
import { FloorIndex } from '../../src/classify/detectors/floor-index.js';
import { IDENTIFIER_SPECS } from '../../src/classify/detectors/national-ids.js';
import { BUILT_IN_DETECTORS, type Detector } from '../../src/classify/detectors/index.js';
import type { Corpus } from '../../tools/classifier/evaluate.js';
import { walkJson } from '../../src/classify/json-walk.js';
import { scanValue } from '../../src/classify/scan.js';
import type { FieldContext, Match } from '../../src/classify/types.js';
import { SeededRandom } from '../../src/util/random.js';

/**
 * The scanner skips a detector on any value below its floor without asking the detector, so each floor must follow
 * from the detector's own patterns (apart from the deliberate rule that opaque values hold no numeric type): a value
 * the floor rejects is one the detector would not report. These tests run
 * each detector directly on values its floor rejects (every labelled value of the evaluation corpus under its own
 * field names, and the same values strung together in text under names that support every type) and expect nothing.
 */
const corpus = JSON.parse(readFileSync('test/fixtures/classifier/corpus.json', 'utf8')) as Corpus;

/** A field whose name supports every type's keywords, so keyword-only formats are reported when they match. */
const EVERY_NAME: FieldContext = {
  name: 'ssn_passport_itin_routing_aba_nhs_sin_tfn_abn_medicare_aadhaar_pan_steuerid_pesel_rrn_nric_dni_nie_nino_phone_dob_card_mac_wallet_insee',
  parents: [],
  siblings: ['cvv', 'sv'],
};

interface Sample {
  readonly text: string;
  readonly field: FieldContext | undefined;
}

function leaves(): Sample[] {
  const out: Sample[] = [];
  for (const m of corpus.messages) {
    for (const body of [m.requestBody, m.responseBody]) {
      if (typeof body === 'string') out.push({ text: body, field: undefined });
      else walkJson(body, (text, field) => out.push({ text, field: { ...field, parents: [...field.parents] } }));
    }
  }
  return out;
}

const SEPARATORS = [' ', ', ', '\n', '-', '; ', '=', ': ', '/', '"', '(', ') ', '.', ' phone ', ' ssn '];

/** The corpus values strung together in text, about 400 characters each, with varied separators between them. */
function prose(values: readonly string[]): string[] {
  const random = new SeededRandom(16);
  const out: string[] = [];
  for (let at = 0; at < values.length;) {
    let text = '';
    while (text.length < 400 && at < values.length) {
      text += (values[at++] ?? '') + (SEPARATORS[random.int(SEPARATORS.length)] ?? ' ');
    }
    out.push(text);
  }
  return out;
}

function reported(detector: Detector, sample: Sample): Match[] {
  return detector.detect(new ScanContext(sample.text, sample.field)).filter((m) => m.score >= LOW);
}

describe('detector floors', () => {
  const fromCorpus = leaves();
  const texts = [...new Set(fromCorpus.map((s) => s.text))];
  const samples: Sample[] = [
    ...fromCorpus,
    ...texts.map((text) => ({ text, field: EVERY_NAME })),
    ...prose(texts).flatMap((text) => [
      { text, field: undefined },
      { text, field: EVERY_NAME },
    ]),
  ];

  const floored = BUILT_IN_DETECTORS.filter((d) => d.floor !== undefined);

  it.each(floored.map((d) => [d.infoType, d] as const))('%s: nothing below its floor is reported', (_name, d) => {
    if (d.floor === undefined) throw new Error('filtered above');
    // Leaving out opaque values (timestamps, UUIDs, digests, long tokens) is a decision, not a consequence of the
    // patterns: a UUID's digits under a phone name would pass the phone pattern. Everything else must follow.
    const floor = { ...d.floor, notOpaque: false };
    let rejected = 0;
    let passedAndFound = 0;
    const missed: string[] = [];
    for (const sample of samples) {
      const stats = new ScanContext(sample.text, sample.field).stats;
      if (belowFloor(floor, sample.text.length, stats)) {
        rejected++;
        if (reported(d, sample).length > 0) missed.push(sample.text);
      } else if (passedAndFound === 0 && reported(d, sample).length > 0) passedAndFound++;
    }
    expect(missed.slice(0, 5)).toEqual([]);
    // The floor does something, and the samples hold the type: neither half of the check is empty.
    expect(rejected).toBeGreaterThan(0);
    expect(passedAndFound).toBe(1);
  });

  const prefiltered = BUILT_IN_DETECTORS.filter((d) => d.mayMatch !== undefined);

  it.each(prefiltered.map((d) => [d.infoType, d] as const))(
    '%s: nothing its prefilter (mayMatch) rejects is reported',
    (_name, d) => {
      const mayMatch = d.mayMatch;
      if (mayMatch === undefined) throw new Error('filtered above');
      let rejected = 0;
      let passed = 0;
      const missed: string[] = [];
      for (const sample of samples) {
        // The scanner asks mayMatch only of values that meet the floor; the prefilter is held to the same values.
        const stats = new ScanContext(sample.text, sample.field).stats;
        if (d.floor !== undefined && belowFloor({ ...d.floor, notOpaque: false }, sample.text.length, stats)) continue;
        if (mayMatch(sample.text, new ScanContext(sample.text, sample.field))) passed++;
        else {
          rejected++;
          if (reported(d, sample).length > 0) missed.push(sample.text);
        }
      }
      expect(missed.slice(0, 5)).toEqual([]);
      expect(rejected).toBeGreaterThan(0);
      expect(passed).toBeGreaterThan(0);
    },
  );

  it('a detector that declares no floor is offered every value, plain or not', () => {
    const undeclared: Detector = { infoType: 'Undeclared', credential: false, detect: () => [] };
    const detectors = [...BUILT_IN_DETECTORS, undeclared];
    const index = new FloorIndex(detectors);
    const selected = new Int32Array(index.words);
    const bit = detectors.length - 1;
    for (const sample of samples.slice(0, 2000)) {
      index.select(sample.text.length, new ScanContext(sample.text, sample.field).stats, false, selected);
      expect(((selected[bit >>> 5] ?? 0) >>> (bit & 31)) & 1).toBe(1);
    }
  });

  it('the floor index selects exactly the detectors whose floors a value meets', () => {
    // Forty-odd detectors span two mask words; the custom detector in front shifts every bit by one.
    const custom: Detector = { infoType: 'Custom', credential: false, plain: true, detect: () => [] };
    for (const detectors of [BUILT_IN_DETECTORS, [custom, ...BUILT_IN_DETECTORS]]) {
      const index = new FloorIndex(detectors);
      const selected = new Int32Array(index.words);
      const differing: string[] = [];
      for (const sample of samples) {
        const stats = new ScanContext(sample.text, sample.field).stats;
        for (const plain of [false, true]) {
          index.select(sample.text.length, stats, plain, selected);
          detectors.forEach((d, i) => {
            const picked = ((selected[i >>> 5] ?? 0) & (1 << (i & 31))) !== 0;
            const meets =
              (!plain || d.plain === true) &&
              (d.floor === undefined || !belowFloor(d.floor, sample.text.length, stats));
            if (picked !== meets)
              differing.push(`${d.infoType} ${plain ? 'plain' : 'any'}: ${sample.text.slice(0, 40)}`);
          });
        }
      }
      expect(differing.slice(0, 5)).toEqual([]);
    }
  });

  it('patterns tried only at the runs their matches always are find what the global scan finds', () => {
    const anchored: [string, RegExp, readonly RunShape[]][] = [
      ['MAC Address', MAC_CANDIDATE, MAC_RUNS],
      ...IDENTIFIER_SPECS.flatMap((spec) =>
        spec.wholeRun === undefined
          ? []
          : [[spec.infoType, spec.pattern, [spec.wholeRun]] as [string, RegExp, RunShape[]]],
      ),
    ];
    expect(anchored.length).toBe(6);
    const edge = [
      'x RSSMRA85T10A562S, RSSMRA85T10A562SX _RSSMRA85T10A562S- 1RSSMRA85T10A562S',
      'ABCPE1234F/ABCPE1234FF ABCPE1234F',
      'S1234567D S1234567DD aS1234567D',
      '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq x1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed x0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed0',
      // Both MAC forms, next to each other and overlapping, and runs one character too long.
      '00:1a:2b:3c:4d:5e 00-1A-2B-3C-4D-5E 001a.2b3c.4d5e 00:1a:2b:3c:4d:5e:6f a001a.2b3c.4d5e 00:1a:2b:3c:4d-5e',
      '001a.2b3c.4d5e.00:1a:2b:3c:4d:5e x 0a:1a:2b:3c:4d:5e.1a2b.3c4d.5e6f',
    ];
    const differing: string[] = [];
    for (const [name, pattern, shapes] of anchored) {
      for (const text of [...edge, ...samples.map((sample) => sample.text)]) {
        const global = matchesOf(pattern, text).map((m) => `${m.index}:${m[0]}`);
        const atRuns = matchesAtRuns(pattern, text, shapes).map((m) => `${m.index}:${m[0]}`);
        if (global.join() !== atRuns.join()) differing.push(`${name}: ${text.slice(0, 60)}`);
      }
      // The texts hold the type: the comparison is not only over texts where neither finds anything.
      expect(
        [...edge, ...samples.map((sample) => sample.text)].some((text) => matchesOf(pattern, text).length > 0),
      ).toBe(true);
    }
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('run statistics count maximal runs', () => {
    const stats = new ScanContext('ab 123-45-6789 X1234567L 4111.1111 1111-1111 DE89x', undefined).stats;
    const bit = (n: number) => 1 << n;
    expect(stats.digitRuns).toBe(bit(2) | bit(3) | bit(4) | bit(7));
    expect(stats.alnumRuns & bit(9)).toBe(bit(9));
    expect(stats.alnumRuns & bit(7)).toBe(0);
    expect(stats.digitChain).toBe(16);
    expect(stats.ibanStart).toBe(true);
    expect(new ScanContext('xDE89 3704', undefined).stats.ibanStart).toBe(false);
    expect(new ScanContext('4111  1111 1111', undefined).stats.digitChain).toBe(8);
    expect(new ScanContext('x'.repeat(40) + ' 1', undefined).stats.alnumRuns).toBe(bit(31) | bit(1));
    expect(new ScanContext('to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', undefined).stats.walletRun).toBe(true);
    expect(new ScanContext('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNL', undefined).stats.walletRun).toBe(true);
    expect(new ScanContext('a3J98t1WpEZ73CNmQviecrnyiWrnqRhWNL 1abc', undefined).stats.walletRun).toBe(false);
  });
});

describe('scan context', () => {
  it('a detector that scans another value from inside detect leaves the outer value untouched', () => {
    const outer = 'Card 4556 7375 8689 9855 for jane@example.com, SSN 536-22-8726';
    const inner = 'mac 00:1a:2b:3c:4d:5e and 10.20.30.40';
    const seen: string[] = [];
    const nested: Detector = {
      infoType: 'Nested',
      credential: false,
      plain: true,
      detect(ctx) {
        seen.push(ctx.text);
        expect(scanValue(inner, undefined, BUILT_IN_DETECTORS).length).toBeGreaterThan(0);
        seen.push(ctx.text);
        return [];
      },
    };
    const alone = scanValue(outer, undefined, BUILT_IN_DETECTORS);
    const withNested = scanValue(outer, undefined, [nested, ...BUILT_IN_DETECTORS]);
    expect(seen).toEqual([outer, outer]);
    expect(withNested).toEqual(alone);
    expect(alone.map((m) => m.infoType).sort()).toEqual([
      'Credit Card Number',
      'Email Address',
      'U.S. Social Security Number (SSN)',
    ]);
  });
});
