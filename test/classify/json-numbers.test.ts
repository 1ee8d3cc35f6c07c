import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../src/classify/index.js';
import { preserveLongIntegers, quoteLongIntegers } from '../../src/classify/json-numbers.js';
import { luhn } from '../../src/classify/validators.js';

/** A 19-digit UnionPay-range number (prefix 62) with its Luhn check digit: above 2^53, so a double cannot hold it. */
function longPan(): string {
  const body = '622126001234567890';
  for (let d = 0; d <= 9; d++) if (luhn(`${body}${d}`)) return `${body}${d}`;
  throw new Error('no check digit');
}

describe('long integers in JSON text', () => {
  it('loses digits through JSON.parse, which is why they are kept as text', () => {
    const pan = longPan();
    expect(String(JSON.parse(`{"n":${pan}}`).n)).not.toBe(pan);
    expect(JSON.parse(quoteLongIntegers(`{"n":${pan}}`)).n).toBe(pan);
  });

  it('quotes only integer literals of 16+ digits outside strings', () => {
    expect(
      quoteLongIntegers('{"a":"x 12345678901234567 y","b":12345678901234567,"c":123,"d":-12345678901234567}'),
    ).toBe('{"a":"x 12345678901234567 y","b":"12345678901234567","c":123,"d":"-12345678901234567"}');
    // Escaped quotes do not end a string; fractions and exponents stay numbers.
    expect(quoteLongIntegers('{"a":"\\"12345678901234567","b":1234567890123456.5,"c":1234567890123456e2}')).toBe(
      '{"a":"\\"12345678901234567","b":1234567890123456.5,"c":1234567890123456e2}',
    );
    const plain = '{"a":123456789012345}';
    expect(preserveLongIntegers(plain)).toBe(plain);
  });

  it('finds a card number sent as a JSON number above 2^53 in a text body', () => {
    const findings = classifyMessage(
      { responseBody: `{"order":"A-1","cardNumber":${longPan()}}`, responseCode: 200 },
      { minConfidence: 'medium' },
    );
    expect(findings.map((f) => `${f.jsonPath} ${f.infoType}`)).toEqual(['$.cardNumber Credit Card Number']);
  });
});
