import { describe, expect, it } from 'vitest';
import {
  base58Encode,
  doubleSha256,
  validBase58Address,
  validBech32Address,
} from '../../src/classify/crypto-address.js';
import * as V from '../../src/classify/national-checksums.js';
import { typesAt, typesOf } from './helpers.js';
import * as T from '../../scripts/classifier-corpus/tags.js';

/**
 * The published check-digit algorithms, each tested on a value whose check was worked by hand from the issuer's
 * definition, on the same value with its check changed, and on the unissued ranges the issuer reserves.
 */
describe('check digits', () => {
  it('ABA routing: 3-7-1 weights and Federal Reserve prefixes', () => {
    // 0·3+1·7+1·1+0·3+0·7+0·1+0·3+1·7 = 15 → check 5.
    expect(V.validAbaRouting('011000015')).toBe(true);
    expect(V.validAbaRouting('011000016')).toBe(false);
    expect(V.validAbaRouting('501000015')).toBe(false);
  });
  it('NHS: mod 11 with weights 10…2, never-issued check 10 rejected', () => {
    expect(V.validNhs('9434765919')).toBe(true);
    expect(V.validNhs('9434765918')).toBe(false);
    expect(V.nhsCheck('000000001')).toBe(9);
  });
  it('Canada SIN (Luhn), Australia TFN (mod 11), ABN (mod 89), Medicare (mod 10)', () => {
    expect(V.validCanadaSin('130692544')).toBe(true);
    expect(V.validCanadaSin('130692545')).toBe(false);
    expect(V.validCanadaSin('030692544')).toBe(false);
    expect(V.validTfn('123456782')).toBe(true);
    expect(V.validTfn('123456783')).toBe(false);
    expect(V.validAbn('51824753556')).toBe(true);
    expect(V.validAbn('51824753557')).toBe(false);
    expect(V.validMedicare('2123456701')).toBe(true);
    expect(V.validMedicare('2123456801')).toBe(false);
  });
  it('Aadhaar: Verhoeff', () => {
    expect(V.verhoeffCheck('236')).toBe(3);
    const body = '23456789012';
    expect(V.validAadhaar(`${body}${V.verhoeffCheck(body)}`)).toBe(true);
    expect(V.validAadhaar(`${body}${(V.verhoeffCheck(body) + 1) % 10}`)).toBe(false);
    expect(V.validAadhaar(`1${body}`)).toBe(false);
  });
  it('Spain DNI/NIE check letter, Italy codice fiscale check character, France NIR key', () => {
    expect(V.validSpainDni('12345678Z')).toBe(true);
    expect(V.validSpainDni('12345678A')).toBe(false);
    expect(V.validSpainNie('X1234567L')).toBe(true);
    expect(V.validSpainNie('X1234567M')).toBe(false);
    expect(V.validCodiceFiscale('RSSMRA85T10A562S')).toBe(true);
    expect(V.validCodiceFiscale('RSSMRA85T10A562T')).toBe(false);
    expect(V.validFranceNir('255081416802538')).toBe(true);
    expect(V.validFranceNir('255081416802539')).toBe(false);
    // Corsica: 2A counts as 19 in the key.
    expect(V.validFranceNir(`185052A123456${String(V.nirKey('185052A123456')).padStart(2, '0')}`)).toBe(true);
  });
  it('Germany tax id (MOD 11,10 and digit distribution), PESEL, NRIC, RRN', () => {
    expect(V.validGermanTaxId('86095742719')).toBe(true);
    expect(V.validGermanTaxId('86095742718')).toBe(false);
    expect(V.validGermanTaxId('12345678903')).toBe(false); // every digit once: never issued
    expect(V.validPesel('44051401359')).toBe(true);
    expect(V.validPesel('44051401358')).toBe(false);
    expect(V.validPesel('44131401359')).toBe(false);
    expect(V.validNric('S1234567D')).toBe(true);
    expect(V.validNric('S1234567E')).toBe(false);
    expect(V.nricCheckLetter('T', '1234567')).toBe('J');
    const rrn = `8501011${'23456'}`;
    expect(V.validRrnChecksum(`${rrn}${V.rrnCheck(rrn)}`)).toBe(true);
    expect(V.rrnShape('851301123456')).toBe(false);
  });
  it('Bitcoin: Base58Check and Bech32/Bech32m', () => {
    const payload = Buffer.concat([Buffer.from([0]), Buffer.alloc(20, 7)]);
    const address = base58Encode(Buffer.concat([payload, doubleSha256(payload).subarray(0, 4)]));
    expect(validBase58Address(address)).toBe(true);
    expect(validBase58Address(`${address.slice(0, -1)}${address.endsWith('a') ? 'b' : 'a'}`)).toBe(false);
    expect(validBech32Address('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toBe(true);
    expect(validBech32Address('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp')).toBe(false);
    expect(validBech32Address('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwF5mdq')).toBe(false);
  });
});

describe('national identifiers in traffic', () => {
  it('are high under their own field names and in text next to their keyword', () => {
    expect(typesOf('nino', 'AB 12 34 56 C')).toEqual([T.NINO]);
    expect(typesOf('nhsNumber', '943 476 5919')).toEqual([T.NHS]);
    expect(typesOf('sin', '130-692-544')).toEqual([T.CA_SIN]);
    expect(typesOf('taxFileNumber', '123 456 782')).toEqual([T.AU_TFN]);
    expect(typesOf('abn', '51 824 753 556')).toEqual([T.AU_ABN]);
    expect(typesOf('medicareNumber', '2123 45670 1')).toEqual([T.AU_MEDICARE]);
    expect(typesOf('note', 'routing number 011000015 for the payroll account')).toEqual([T.ABA]);
    expect(typesOf('note', 'ITIN 912-78-1234 on file')).toEqual([T.ITIN]);
    expect(typesOf('steuerId', '86095742719')).toEqual([T.DE_TAX_ID]);
    expect(typesOf('pesel', '44051401359')).toEqual([T.PESEL]);
    expect(typesOf('note', 'PESEL: 44051401359')).toEqual([T.PESEL]);
  });
  it('report formats specific enough to stand alone at medium without a keyword', () => {
    for (const [value, type] of [
      ['12345678Z', T.ES_DNI],
      ['X1234567L', T.ES_NIE],
      ['RSSMRA85T10A562S', T.IT_CF],
      ['2 55 08 14 168 025 38', T.FR_NIR],
      ['S1234567D', T.SG_NRIC],
      ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', T.WALLET],
      ['00-1A-2B-3C-4D-5E', T.MAC],
    ] as const)
      expect(typesOf('reference', value), value).toEqual([type]);
  });
  it('leave short all-digit checks without a keyword unreported, as Purview does', () => {
    expect(typesOf('reference', '123456782', 'low')).toEqual([]);
    expect(typesOf('note', 'parcel 943 476 5919 delivered', 'low')).toEqual([]);
    expect(typesOf('orderId', '011000015')).toEqual([]);
  });
  it('reject failed checks, unissued prefixes and placeholder addresses under their own names', () => {
    expect(typesOf('nino', 'GB 12 34 56 C')).toEqual([]);
    expect(typesOf('dni', '12345678A')).toEqual([]);
    expect(typesOf('codiceFiscale', 'RSSMRA85T10A562T')).toEqual([]);
    expect(typesOf('macAddress', '00:00:00:00:00:00')).toEqual([]);
    expect(typesOf('walletAddress', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3')).toEqual([]);
  });
  it('report one type per span: the keyword-backed reading wins over a bare checksum match', () => {
    // 130692544 passes Luhn (Canada SIN) and may pass other nine-digit checks; under "sin" only SIN is reported.
    expect(typesAt({ sin: '130692544' }, 'low')).toEqual({ '$.sin': [T.CA_SIN] });
  });
  it('report URLs with a password as their own credential type, not templates', () => {
    expect(typesOf('dsn', 'mongodb://app:Zk3Q9vT7xL2m@mongo-0.internal:27017/app')).toEqual([T.URL_CREDS]);
    expect(typesOf('dsn', 'mongodb://app:${MONGO_PASSWORD}@mongo-0.internal:27017/app')).toEqual([]);
  });
});

describe('national identifiers as people type them', () => {
  // 23456789012 and its Verhoeff check digit (the algorithm is tested against a hand-worked value above).
  const aadhaarBody = '23456789012';
  const aadhaar = `${aadhaarBody}${V.verhoeffCheck(aadhaarBody)}`;
  const grouped = `${aadhaar.slice(0, 4)} ${aadhaar.slice(4, 8)} ${aadhaar.slice(8)}`;

  it('reads an Aadhaar number in the 4-4-4 card grouping alone, the bare twelve digits only with a keyword', () => {
    expect(typesOf('reference', grouped)).toEqual([T.AADHAAR]);
    expect(typesOf('reference', grouped.replace(/ /g, '-'))).toEqual([T.AADHAAR]);
    expect(typesOf('reference', aadhaar)).toEqual([]);
    expect(typesOf('aadhaar', aadhaar)).toEqual([T.AADHAAR]);
  });

  it('does not read three digit groups of a longer grouped number as an Aadhaar number', () => {
    // Digit groups on both sides: part of one longer number, whatever its three middle groups happen to pass.
    expect(typesOf('reference', `AL47 ${grouped} 0002`)).toEqual([]);
    expect(typesOf('note', `ref 1234 ${grouped} issued`)).toEqual([]);
    expect(typesOf('note', `Aadhaar ${grouped} issued`)).toEqual([T.AADHAAR]);
  });

  it('reads NINOs typed in lower case throughout, not in mixed case', () => {
    expect(typesOf('reference', 'ab 12 34 56 c')).toEqual([T.NINO]);
    expect(typesOf('reference', 'tw987654a')).toEqual([T.NINO]);
    expect(typesOf('reference', 'Tw987654a')).toEqual([]);
    expect(typesOf('reference', 'bg123456a')).toEqual([]);
  });

  it('reads a DNI below 10,000,000 printed without its leading zero', () => {
    // 1234567 mod 23 = 19 → L (the TRWAGMYFPDXBNJZSQVHLCKE table).
    expect(V.spainCheckLetter('01234567')).toBe('L');
    expect(typesOf('reference', '1234567L')).toEqual([T.ES_DNI]);
    expect(typesOf('reference', '1234567-L')).toEqual([T.ES_DNI]);
    expect(typesOf('reference', '1234567M')).toEqual([]);
  });
});
