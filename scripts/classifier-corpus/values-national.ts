import {
  bech32Chars,
  bech32Polymod,
  base58Encode,
  BECH32_CONST,
  doubleSha256,
  eip55Checksummed,
  hrpExpand,
} from '../../src/classify/crypto-address.js';
import * as V from '../../src/classify/national-checksums.js';
import type { Rng } from './rng.js';
import { withLuhn } from './values.js';

/**
 * National identifiers, routing numbers and wallet addresses written from their published formats: each check digit is
 * computed with the same functions the validators use, never copied from a list of examples.
 */
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function retry(r: Rng, make: () => string | undefined): string {
  for (;;) {
    const value = make();
    if (value !== undefined) return value;
    r.next();
  }
}

export function itin(r: Rng): string {
  const group = r.pick([r.int(50, 65), r.int(70, 88), r.int(90, 92), r.int(94, 99)]);
  return `9${r.digits(2)}-${group}-${r.digits(4)}`;
}

export function abaRouting(r: Rng): string {
  const prefix = r.pick([
    '01',
    '02',
    '03',
    '04',
    '05',
    '06',
    '07',
    '08',
    '09',
    '10',
    '11',
    '12',
    '21',
    '26',
    '31',
    '32',
  ]);
  const first8 = `${prefix}${r.digits(6)}`;
  return `${first8}${V.abaCheck(first8)}`;
}

export function nino(r: Rng, spaced = r.chance(0.5)): string {
  const first = r.chars('ABCEGHJKLMNOPRSTWXYZ', 1);
  const second = r.chars('ABCEGHJKLMNPRSTWXYZ', 1);
  const prefix = ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(first + second) ? 'AB' : first + second;
  const d = r.digits(6);
  const suffix = r.chars('ABCD', 1);
  return spaced ? `${prefix} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suffix}` : `${prefix}${d}${suffix}`;
}

export function nhsNumber(r: Rng): string {
  return retry(r, () => {
    const body = `${r.int(4, 9)}${r.digits(8)}`;
    const check = V.nhsCheck(body);
    if (check === undefined) return undefined;
    const n = `${body}${check}`;
    return r.chance(0.5) ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : n;
  });
}

export function canadaSin(r: Rng): string {
  const n = withLuhn(`${r.pick(['1', '2', '3', '4', '5', '6', '7', '9'])}${r.digits(7)}`);
  return r.chance(0.5) ? `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}` : n;
}

export function tfn(r: Rng): string {
  return retry(r, () => {
    const body = `${r.int(1, 9)}${r.digits(7)}`;
    for (let d = 0; d <= 9; d++)
      if (V.validTfn(`${body}${d}`)) return `${body.slice(0, 3)} ${body.slice(3, 6)} ${body.slice(6)}${d}`;
    return undefined;
  });
}

export function abn(r: Rng): string {
  return retry(r, () => {
    const body = r.digits(9);
    for (let lead = 10; lead <= 99; lead++) {
      const n = `${lead}${body}`;
      if (V.validAbn(n)) return `${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5, 8)} ${n.slice(8)}`;
    }
    return undefined;
  });
}

export function medicare(r: Rng): string {
  const first8 = `${r.int(2, 6)}${r.digits(7)}`;
  const n = `${first8}${V.medicareCheck(first8)}${r.int(1, 9)}`;
  return r.chance(0.5) ? `${n.slice(0, 4)} ${n.slice(4, 9)} ${n.slice(9)}` : n;
}

export function indiaPan(r: Rng): string {
  return `${r.chars(UPPER, 3)}${r.pick(['P', 'C', 'H', 'F', 'T'])}${r.chars(UPPER, 1)}${r.digits(4)}${r.chars(UPPER, 1)}`;
}

export function aadhaar(r: Rng): string {
  const body = `${r.int(2, 9)}${r.digits(10)}`;
  const n = `${body}${V.verhoeffCheck(body)}`;
  return r.chance(0.6) ? `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}` : n;
}

export function spainDni(r: Rng): string {
  const n = r.digits(8);
  return `${n}${r.chance(0.2) ? '-' : ''}${V.spainCheckLetter(n)}`;
}

export function spainNie(r: Rng): string {
  const n = `${r.pick(['X', 'Y', 'Z'])}${r.digits(7)}`;
  return `${n}${V.spainCheckLetter(n)}`;
}

export function codiceFiscale(r: Rng): string {
  const month = r.chars('ABCDEHLMPRST', 1);
  const day = String(r.chance(0.5) ? r.int(1, 28) : r.int(41, 68)).padStart(2, '0');
  const body = `${r.chars(UPPER, 6)}${r.digits(2)}${month}${day}${r.chars('ADFGHLMZ', 1)}${r.digits(3)}`;
  return `${body}${V.codiceFiscaleCheck(body)}`;
}

export function franceNir(r: Rng): string {
  const dept = r.chance(0.1) ? r.pick(['2A', '2B']) : String(r.int(1, 95)).padStart(2, '0');
  const body = `${r.int(1, 2)}${r.digits(2)}${String(r.int(1, 12)).padStart(2, '0')}${dept}${r.digits(3)}${r.digits(3)}`;
  const key = String(V.nirKey(body)).padStart(2, '0');
  const n = `${body}${key}`;
  return r.chance(0.5)
    ? `${n[0]} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7, 10)} ${n.slice(10, 13)} ${n.slice(13)}`
    : n;
}

export function germanTaxId(r: Rng): string {
  return retry(r, () => {
    const pool = '0123456789'.split('');
    const digits: string[] = [];
    while (digits.length < 9) digits.push(pool.splice(r.int(0, pool.length - 1), 1)[0] ?? '0');
    digits.splice(r.int(0, 9), 0, digits[r.int(0, 8)] ?? '0');
    if (digits[0] === '0') return undefined;
    const first10 = digits.join('');
    return `${first10}${V.germanTaxIdCheck(first10)}`;
  });
}

export function pesel(r: Rng): string {
  const year = r.int(1940, 2012);
  const month = r.int(1, 12) + (year >= 2000 ? 20 : 0);
  const first10 = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}${r.digits(4)}`;
  return `${first10}${V.peselCheck(first10)}`;
}

export function nric(r: Rng): string {
  const prefix = r.pick(['S', 'T', 'F', 'G']);
  const digits = r.digits(7);
  return `${prefix}${digits}${V.nricCheckLetter(prefix, digits)}`;
}

export function koreaRrn(r: Rng): string {
  const first12 = `${String(r.int(50, 99)).padStart(2, '0')}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}${r.int(1, 2)}${r.digits(5)}`;
  return `${first12.slice(0, 6)}-${first12.slice(6)}${V.rrnCheck(first12)}`;
}

export function bitcoinAddress(r: Rng): string {
  if (r.chance(0.5)) {
    const payload = Buffer.concat([Buffer.from([r.pick([0x00, 0x05])]), r.bytes(20)]);
    return base58Encode(Buffer.concat([payload, doubleSha256(payload).subarray(0, 4)]));
  }
  // Witness v0 over a 20-byte program: 32 five-bit groups, then the six-group Bech32 checksum.
  const data = [0, ...Array.from({ length: 32 }, () => r.int(0, 31))];
  const mod = bech32Polymod([...hrpExpand('bc'), ...data, 0, 0, 0, 0, 0, 0]) ^ BECH32_CONST;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `bc1${bech32Chars([...data, ...checksum])}`;
}

export function macAddress(r: Rng, separator = ':'): string {
  return Array.from({ length: 6 }, () => r.hex(2).toUpperCase()).join(separator);
}

/** The same value with its last character changed: a checksum that no longer holds. */
export function brokenCheck(value: string): string {
  const last = value.charAt(value.length - 1);
  const next = /\d/.test(last)
    ? String((Number(last) + 1) % 10)
    : last === 'Z'
      ? 'A'
      : String.fromCharCode(last.charCodeAt(0) + 1);
  return value.slice(0, -1) + next;
}

/** An Ethereum address: 20 random bytes in hex, its letters' case set by the EIP-55 checksum. */
export function ethereumAddress(r: Rng): string {
  return eip55Checksummed(`0x${r.bytes(20).toString('hex')}`);
}

/** A checksummed address with the case of one letter flipped: mixed case that no longer follows the checksum. */
export function brokenEthereumCase(address: string): string {
  const at = address.slice(2).search(/[a-fA-F]/);
  if (at < 0) return address.toLowerCase();
  const i = at + 2;
  const ch = address.charAt(i);
  const flipped = ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase();
  return `${address.slice(0, i)}${flipped}${address.slice(i + 1)}`;
}
