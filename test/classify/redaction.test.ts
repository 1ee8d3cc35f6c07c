import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../src/classify/index.js';
import { VALUES } from './helpers.js';

const SEEDED = {
  ssn: '536-90-4421',
  card: VALUES.visa,
  email: 'jane.doe@contoso.com',
  phone: '+1 415 555 2671',
  iban: VALUES.ibanDe,
  password: 'Summer2024!',
  jwt: VALUES.jwt,
  key: VALUES.storageKey,
};

const message = {
  method: 'POST',
  url: `/v1/users?email=${encodeURIComponent(SEEDED.email)}`,
  requestHeaders: { authorization: `Bearer ${SEEDED.jwt}` },
  requestBody: JSON.stringify({
    ssn: SEEDED.ssn,
    cardNumber: SEEDED.card,
    phone: SEEDED.phone,
    iban: SEEDED.iban,
    password: SEEDED.password,
  }),
  responseBody: `created; storage key=${SEEDED.key}`,
  responseCode: 201,
};

/** Long enough fragments of each seeded value that their presence anywhere would be a leak. */
function fragments(value: string): string[] {
  const compact = value.replace(/[\s+()-]/g, '');
  return [value, compact, compact.slice(0, 8), compact.slice(-8)].filter((f) => f.length >= 6);
}

describe('redaction', () => {
  it('keeps no part of any matched value in the findings by default', () => {
    const findings = classifyMessage(message);
    expect(findings.length).toBeGreaterThanOrEqual(8);
    const serialized = JSON.stringify(findings);
    for (const [name, value] of Object.entries(SEEDED)) {
      for (const fragment of fragments(value))
        expect(serialized.includes(fragment), `${name}: ${fragment}`).toBe(false);
    }
    for (const f of findings)
      expect(Object.keys(f).sort()).toEqual(expect.arrayContaining(['confidence', 'infoType', 'location']));
    expect(findings.some((f) => 'sample' in f)).toBe(false);
  });

  it('keeps only a masked sample when asked to', () => {
    const findings = classifyMessage(message, { keepMaskedSample: true });
    const card = findings.find((f) => f.infoType === 'Credit Card Number');
    expect(card?.sample).toBe('4539********6467');
    const secret = findings.find((f) => f.infoType === 'Generic Secret');
    expect(secret?.sample).toMatch(/^Su\*+$/);
    const serialized = JSON.stringify(findings);
    for (const [name, value] of Object.entries(SEEDED)) expect(serialized.includes(value), name).toBe(false);
  });
});
