import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardGrouping } from '../../src/classify/detectors/cards.js';

/** The grouping rule as written before it became one pass: separators, one kind, and the group lengths as text. */
function referenceGrouping(raw: string): 'none' | 'card' | 'other' {
  const separators = raw.match(/[ .-]/g);
  if (separators === null) return 'none';
  if (new Set(separators).size > 1) return 'other';
  const groups = raw
    .split(/[ .-]/)
    .map((g) => g.length)
    .join(',');
  return /^(4,4,4,4|4,4,4,4,3|4,6,5|4,6,4|4,4,4,4,1,2)$/.test(groups) ? 'card' : 'other';
}

describe('card grouping', () => {
  it('reads the printed groupings of cards', () => {
    expect(cardGrouping('4111111111111111')).toBe('none');
    expect(cardGrouping('4111 1111 1111 1111')).toBe('card');
    expect(cardGrouping('4111-1111-1111-1111-123')).toBe('card');
    expect(cardGrouping('3782 822463 10005')).toBe('card');
    expect(cardGrouping('3056 930902 5904')).toBe('card');
    expect(cardGrouping('4111 1111-1111 1111')).toBe('other');
    expect(cardGrouping('41 11 11 11 11 11 11 11')).toBe('other');
    expect(cardGrouping('4111  1111 1111 1111')).toBe('other');
  });

  it('gives the verdict of the split-and-match rule on any digits and separators', () => {
    const groupingText = fc
      .array(fc.constantFrom('1', '4', '9', ' ', '.', '-'), { maxLength: 28 })
      .map((chars) => chars.join(''));
    const printed = fc
      .array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 })
      .chain((lengths) =>
        fc.constantFrom(' ', '.', '-').map((sep) => lengths.map((n) => '5'.repeat(n)).join(sep)),
      );
    fc.assert(
      fc.property(fc.oneof(groupingText, printed), (raw) => {
        expect(cardGrouping(raw)).toBe(referenceGrouping(raw));
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });
});
