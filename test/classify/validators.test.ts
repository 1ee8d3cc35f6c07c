import { describe, expect, it } from 'vitest';
import { isPlaceholder, luhn, mod97, shannonEntropy, validIban, validSsn } from '../../src/classify/index.js';
import { cardGrouping, hasIssuerFormat, isTestCardNumber } from '../../src/classify/detectors/cards.js';
import { plausibleBirthDate } from '../../src/classify/validators.js';

describe('Luhn', () => {
  it('accepts valid check digits and rejects one-digit changes', () => {
    expect(luhn('4539148803436467')).toBe(true);
    expect(luhn('4539148803436468')).toBe(false);
    expect(luhn('79927398713')).toBe(true); // the textbook example
    expect(luhn('79927398710')).toBe(false);
  });
  it('rejects non-digits and empty input', () => {
    expect(luhn('')).toBe(false);
    expect(luhn('4539 1488 0343 6467')).toBe(false);
  });
});

describe('issuer format and test numbers', () => {
  it('knows the brands by prefix and length', () => {
    expect(hasIssuerFormat('4539148803436467')).toBe(true); // Visa 16
    expect(hasIssuerFormat('5375102433987211')).toBe(true); // Mastercard
    expect(hasIssuerFormat('371449635398431')).toBe(true); // Amex 15
    expect(hasIssuerFormat('9539148803436461')).toBe(false); // no issuer starts with 9
    expect(hasIssuerFormat('45391488034364')).toBe(false); // Visa is 13, 16 or 19 digits
  });
  it('treats published test numbers and repetitive patterns as test data', () => {
    for (const n of [
      '4111111111111111',
      '4242424242424242',
      '5555555555554444',
      '378282246310005',
      '4000000000000002',
    ]) {
      expect(isTestCardNumber(n), n).toBe(true);
    }
    expect(isTestCardNumber('4539148803436467')).toBe(false);
  });
  it('accepts printed card groupings only', () => {
    expect(cardGrouping('4539 1488 0343 6467')).toBe('card');
    expect(cardGrouping('3714-496353-98431')).toBe('card');
    expect(cardGrouping('4539.1488.0343.6467')).toBe('card');
    expect(cardGrouping('4539 1488-0343 6467')).toBe('other');
    expect(cardGrouping('45 39148 803436467')).toBe('other');
    expect(cardGrouping('4539148803436467')).toBe('none');
  });
});

describe('mod-97 and IBAN', () => {
  it('validates the ISO 7064 checksum', () => {
    expect(mod97('DE89370400440532013000')).toBe(true);
    expect(mod97('DE88370400440532013000')).toBe(false);
    expect(mod97('GB82WEST12345698765432')).toBe(true);
  });
  it('checks the country length before the checksum', () => {
    expect(validIban('DE89370400440532013000')).toBe(true);
    expect(validIban('DE8937040044053201300')).toBe(false); // one short
    expect(validIban('XX89370400440532013000')).toBe(false); // no such country
    expect(validIban('de89370400440532013000')).toBe(true); // case does not matter to the checksum
  });
});

describe('SSN ranges', () => {
  it('accepts issuable numbers', () => {
    expect(validSsn('536904421')).toBe(true);
    expect(validSsn('001010001')).toBe(true);
  });
  it('rejects area 000, 666 and 900–999, group 00, serial 0000', () => {
    for (const n of ['000123456', '666123456', '900123456', '999123456', '536004421', '536900000'])
      expect(validSsn(n), n).toBe(false);
  });
  it('rejects the famous sample numbers and repeated digits', () => {
    for (const n of ['123456789', '078051120', '219099999', '111111111']) expect(validSsn(n), n).toBe(false);
  });
});

describe('entropy and placeholders', () => {
  it('scores random strings above words', () => {
    expect(shannonEntropy('aaaaaaaa')).toBe(0);
    expect(shannonEntropy('password')).toBeLessThan(3);
    expect(shannonEntropy('vp3EJr0WRqFfVdkRxwmQjrcC9Uuksvw')).toBeGreaterThan(4);
  });
  it('recognises placeholders and masks', () => {
    for (const v of [
      '',
      'xxxx',
      'changeme',
      '<your-key-here>',
      '<redacted>',
      '***',
      '********',
      '${API_KEY}',
      '{{client_secret}}',
      'REDACTED',
      'your_api_key_here',
      '****1234',
    ]) {
      expect(isPlaceholder(v), v).toBe(true);
    }
    for (const v of ['Summer2024!', 'vp3EJr0WRqFfVdkRxwmQjrcC9Uuksvw', 'q2WltnH47WOu96jV'])
      expect(isPlaceholder(v), v).toBe(false);
  });
  it('checks birth dates against the calendar', () => {
    expect(plausibleBirthDate(1984, 2, 29)).toBe(true);
    expect(plausibleBirthDate(1985, 2, 29)).toBe(false);
    expect(plausibleBirthDate(1899, 1, 1)).toBe(false);
    expect(plausibleBirthDate(2999, 1, 1)).toBe(false);
  });
});
