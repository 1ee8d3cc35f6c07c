import { describe, expect, it } from 'vitest';
import { CARD, DOB, EMAIL, IBAN, IP, PASSPORT, PHONE, SSN, typesOf } from './helpers.js';

/** Printed forms of the existing types that real traffic carries and a strict reading would miss. */
describe('format recall', () => {
  it('reads U.K. passports with two letters and seven digits', () => {
    expect(typesOf('passportNumber', 'AB1234567')).toEqual([PASSPORT]);
    expect(typesOf('note', 'passport no. XY7654321 expires soon')).toEqual([PASSPORT]);
  });
  it('reads SSNs written with dots or spaces next to a keyword', () => {
    expect(typesOf('ssn', '536.90.4421')).toEqual([SSN]);
    expect(typesOf('note', 'SSN 536 90 4421')).toEqual([SSN]);
  });
  it('reads e-mail addresses on punycode and Unicode domains', () => {
    expect(typesOf('email', 'jose@xn--mnchen-3ya.de')).toEqual([EMAIL]);
    expect(typesOf('email', 'info@xn--80ak6aa92e.xn--p1ai')).toEqual([EMAIL]);
    expect(typesOf('email', 'anna@münchen.de')).toEqual([EMAIL]);
  });
  it('reads an IPv6 address that ends a sentence or sits in parentheses', () => {
    expect(typesOf('note', 'connected from 2001:db8:85a3::8a2e:370:7334.')).toEqual([IP]);
    expect(typesOf('note', 'peer (2001:db8::ff00:42:8329), retrying')).toEqual([IP]);
  });
  it('reads birth dates with month names and two-digit years', () => {
    for (const v of ['12 Jan 85', '12-Mar-85', 'Mar 3, 1985', "March 3 '85", '04/12/85', '3rd of March, 1985'])
      expect(typesOf('dateOfBirth', v), v).toEqual([DOB]);
    expect(typesOf('note', 'born on 12 Jan 85')).toEqual([DOB]);
  });
  it('reads Dankort and UATP card ranges', () => {
    expect(typesOf('cardNumber', '5019717010103742')).toEqual([CARD]);
    expect(typesOf('cardNumber', '122073465901130')).toEqual([CARD]);
  });
  it('reads IBANs grouped with dashes, and registry-valid IBANs with long zero runs inside the account', () => {
    expect(typesOf('iban', 'DE89-3704-0044-0532-0130-00')).toEqual([IBAN]);
    for (const v of [
      'KW81CBKU0000000000001234560101',
      'JO94CBJO0010000000000131000302',
      'SC18SSCB11010000000000001497USD',
    ])
      expect(typesOf('iban', v), v).toEqual([IBAN]);
    // A checksum-valid IBAN whose account part is all zeros is filler.
    expect(typesOf('iban', 'DE68370400440000000000')).toEqual([]);
  });
  it('reads national-format mobile numbers beside the local word for phone', () => {
    for (const v of [
      'Telefon: 0151 2345 6789',
      'portable : 06 12 34 56 78',
      'móvil 612 34 56 78',
      'cellulare 347 123 4567',
    ])
      expect(typesOf('note', v), v).toEqual([PHONE]);
  });
});
