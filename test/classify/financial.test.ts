import { describe, expect, it } from 'vitest';
import { ScanContext } from '../../src/classify/context.js';
import {
  BECH32M_CONST,
  bech32Chars,
  bech32Polymod,
  eip55Checksummed,
  hrpExpand,
  validEip55Address,
} from '../../src/classify/crypto-address.js';
import { iban } from '../../src/classify/detectors/financial.js';
import { mod97 } from '../../src/classify/validators.js';
import { typesOf } from './helpers.js';

/** An IBAN of the country with the given account part, its check digits computed (ISO 13616). */
function ibanOf(country: string, account: string): string {
  for (let check = 2; check <= 98; check++) {
    const candidate = `${country}${String(check).padStart(2, '0')}${account}`;
    if (mod97(candidate)) return candidate;
  }
  throw new Error('no check digits');
}

function grouped(compact: string): string {
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}

describe('IBAN', () => {
  it('reads no second IBAN inside one already found', () => {
    // A Maltese IBAN (31 characters, letters and digits in the account part) whose printed groups hold a complete
    // Belgian IBAN: the inner one is part of the outer number, not a second account.
    const inner = 'BE68539007547034';
    const outer = ibanOf('MT', `AAAA${inner}AAAAAAA`);
    const text = `pay to ${grouped(outer)} today`;
    expect(grouped(outer)).toContain(grouped(inner));
    const found = iban.detect(new ScanContext(text, undefined));
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual([grouped(outer)]);
  });

  it('still reads IBANs that follow one another', () => {
    const text = 'from BE68 5390 0754 7034 to GB29 NWBK 6016 1331 9268 19';
    const found = iban.detect(new ScanContext(text, undefined));
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual([
      'BE68 5390 0754 7034',
      'GB29 NWBK 6016 1331 9268 19',
    ]);
  });
});

describe('crypto wallet addresses', () => {
  /** A Bech32m address on Bitcoin's main network: witness version and program as 5-bit groups, checksum appended. */
  function bech32m(data: readonly number[]): string {
    const values = [...hrpExpand('bc'), ...data, 0, 0, 0, 0, 0, 0];
    const mod = bech32Polymod(values) ^ BECH32M_CONST;
    const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
    return `bc1${bech32Chars([...data, ...checksum])}`;
  }

  it('finds the shortest addresses the pattern and the checksum allow (14 characters), not only those of 26 or more', () => {
    // Witness version 1 with a 2-byte program: BIP 350's shortest address.
    const shortest = bech32m([1, 7, 12, 3, 16]);
    expect(shortest).toHaveLength(14);
    expect(typesOf('walletAddress', shortest)).toEqual(['Crypto Wallet Address']);
    const twenty = bech32m([1, 7, 12, 3, 16, 9, 9, 30, 2, 5, 17]);
    expect(twenty).toHaveLength(20);
    expect(typesOf('walletAddress', twenty)).toEqual(['Crypto Wallet Address']);
  });

  it('rejects a short address with one character changed', () => {
    const shortest = bech32m([1, 7, 12, 3, 16]);
    const changed = `${shortest.slice(0, 8)}${shortest.charAt(8) === 'q' ? 'p' : 'q'}${shortest.slice(9)}`;
    expect(typesOf('walletAddress', changed)).toEqual([]);
  });
});

describe('Ethereum addresses (EIP-55)', () => {
  // EIP-55's own examples of checksummed addresses.
  const checksummed = [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ];

  it('recomputes the checksum of the published examples', () => {
    for (const a of checksummed) {
      expect(eip55Checksummed(a.toLowerCase())).toBe(a);
      expect(validEip55Address(a)).toBe(true);
    }
  });

  it('reports a checksummed address alone, in a field and in text', () => {
    for (const a of checksummed) {
      expect(typesOf('to', a)).toEqual(['Crypto Wallet Address']);
      expect(typesOf('note', `sent from ${a} today`)).toEqual(['Crypto Wallet Address']);
    }
  });

  it('rejects a mixed-case address whose case does not follow the checksum', () => {
    const a = checksummed[2] ?? '';
    const flipped = `${a.slice(0, 36)}${a.charAt(36) === 'D' ? 'd' : 'D'}${a.slice(37)}`;
    expect(validEip55Address(flipped)).toBe(false);
    expect(typesOf('walletAddress', flipped)).toEqual([]);
  });

  it('reads an address in one case only with a keyword: it carries no checksum and looks like any hash', () => {
    const lower = (checksummed[0] ?? '').toLowerCase();
    expect(typesOf('hash', lower)).toEqual([]);
    expect(typesOf('ethAddress', lower)).toEqual(['Crypto Wallet Address']);
    expect(typesOf('note', `my ethereum wallet ${lower}`)).toEqual(['Crypto Wallet Address']);
  });
});
