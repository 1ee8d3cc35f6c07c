import { describe, expect, it } from 'vitest';
import { ScanContext } from '../../src/classify/context.js';
import { BECH32M_CONST, bech32Chars, bech32Polymod, hrpExpand } from '../../src/classify/crypto-address.js';
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
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['BE68 5390 0754 7034', 'GB29 NWBK 6016 1331 9268 19']);
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
