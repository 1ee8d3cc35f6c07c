import { describe, expect, it } from 'vitest';
import { marksOf, ValueStats } from '../../src/classify/value-stats.js';

function statsOf(text: string): ValueStats {
  const stats = new ValueStats();
  stats.fill(text);
  return stats;
}

describe('value statistics', () => {
  it('reads digests and UUIDs written in digits alone as identifiers, and other long digit runs not', () => {
    expect(statsOf('1'.repeat(32)).identifier).toBe(true);
    expect(statsOf('2'.repeat(40)).identifier).toBe(true);
    expect(statsOf('3'.repeat(64)).identifier).toBe(true);
    expect(statsOf('12345678-1234-1234-1234-123456789012').identifier).toBe(true);
    for (const length of [16, 19, 31, 33, 36, 39, 41, 63, 65]) expect(statsOf('4'.repeat(length)).identifier).toBe(false);
    expect(statsOf('4111111111111111').opaqueNumber).toBe(false);
  });

  it('reads hex ids with letters as identifiers, and IBAN-shaped openings not', () => {
    expect(statsOf('3f2a9b8c7d6e5f4a3b').identifier).toBe(true);
    expect(statsOf('de89370400440532013000').identifier).toBe(false);
  });

  it('counts runs of letters the same however they are split', () => {
    const whole = statsOf('DE12ab bc1qxyzabcdefgh abcdefghijklmnop 7');
    expect(whole.letters).toBe(34);
    expect(whole.upper).toBe(2);
    expect(whole.ibanStart).toBe(true);
    expect(whole.walletRun).toBe(true);
    expect(whole.alnumRuns).toBe((1 << 6) | (1 << 15) | (1 << 16) | (1 << 1));
    const noHead = statsOf('DEa12 x abcdefghijklmnopq');
    expect(noHead.ibanStart).toBe(false);
    expect(noHead.walletRun).toBe(false);
  });

  it('marks the structural characters a value holds, one bit each', () => {
    const stats = statsOf('user@example.com: a=b/c');
    expect(stats.marks).toBe(marksOf('@.: =/'));
    expect(stats.marks & marksOf('-+_;,#%&')).toBe(0);
    expect(statsOf('plainwords123').marks).toBe(0);
    // Every mark is its own bit.
    const bits = [...'.:@=-+/_ ;,#%&'].map((c) => marksOf(c));
    expect(new Set(bits).size).toBe(bits.length);
    for (const b of bits) expect(b & (b - 1)).toBe(0);
  });

  it('refuses a character it does not mark, so a floor cannot ask for one silently never seen', () => {
    expect(() => marksOf('x')).toThrow(/not a structural character/);
  });
});
