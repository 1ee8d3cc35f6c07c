import { ethereumShape, validBase58Address, validBech32Address, validEip55Address } from '../crypto-address.js';
import * as K from '../keywords-national.js';
import { runBits, runBitsFrom } from '../value-stats.js';
import type { IdentifierSpec } from './national-ids.js';
import { ALNUM, runShape } from './run-shapes.js';

/** Wallet addresses, rows of the identifier table (identifier-specs.ts): Bitcoin, then Ethereum. */
export const WALLET_SPECS: readonly IdentifierSpec[] = [
  {
    infoType: 'Crypto Wallet Address',
    label: 'personal',
    checked: true,
    pattern:
      /(?<![A-Za-z0-9])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,71}|BC1[02-9AC-HJ-NP-Z]{11,71})(?![A-Za-z0-9])/g,
    // Base58 forms are 26 to 35 characters, Bech32 ones 14 to 74.
    wholeRun: runShape(ALNUM, 14, 74),
    valid: (a) => (/^bc1/i.test(a) ? validBech32Address(a) : validBase58Address(a)),
    // Base58 is case-sensitive: the address is checked as written.
    compact: (raw) => raw,
    keywords: K.WALLET_KW,
    alone: 'medium',
    minDigits: 1,
    // The shortest form the pattern and the checksum allow: "bc1" and 11 characters (BIP 350, a 2-byte program).
    minLength: 14,
    minRun: 0,
    alnumRuns: runBitsFrom(14),
    walletRun: true,
    inTokens: true,
  },
  {
    // Ethereum: "0x" and 40 hex digits. Only the EIP-55 mixed-case form carries a checksum and counts alone; an address
    // in one case is a 160-bit hex string like any hash or id, so it needs a keyword.
    infoType: 'Crypto Wallet Address',
    label: 'personal',
    checked: true,
    pattern: /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g,
    wholeRun: runShape(ALNUM, 42),
    valid: ethereumShape,
    checksum: validEip55Address,
    compact: (raw) => raw,
    keywords: K.WALLET_KW,
    alone: 'keyword',
    minDigits: 1,
    minLetters: 1,
    minLength: 42,
    minRun: 1,
    alnumRuns: runBits(42),
    inTokens: true,
  },
];
