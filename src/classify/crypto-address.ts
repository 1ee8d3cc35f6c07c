import { hash } from 'node:crypto';
import { keccak256 } from '../util/keccak.js';

/**
 * Bitcoin addresses and their checksums: Base58Check (legacy P2PKH "1…" and P2SH "3…": the last four bytes are the
 * first four of a double SHA-256) and Bech32/Bech32m (BIP 173 / BIP 350: "bc1…", a BCH code over 5-bit groups).
 */
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Each Base58 character's value by character code, -1 for characters outside the alphabet. */
const BASE58_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE58.length; i++) BASE58_VALUES[BASE58.charCodeAt(i)] = i;

export function base58Decode(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    let carry = code < 128 ? (BASE58_VALUES[code] ?? -1) : -1;
    if (carry < 0) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += (bytes[i] ?? 0) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    for (; carry > 0; carry >>= 8) bytes.push(carry & 0xff);
  }
  for (let i = 0; i < text.length && text[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

export function base58Encode(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += (digits[i] ?? 0) * 256;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    for (; carry > 0; carry = Math.floor(carry / 58)) digits.push(carry % 58);
  }
  let out = '';
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) out += '1';
  for (let i = digits.length - 1; i >= 0; i--) out += BASE58.charAt(digits[i] ?? 0);
  return out;
}

export function doubleSha256(data: Uint8Array): Buffer {
  // The one-shot hash: no Hash object per digest.
  return hash('sha256', hash('sha256', data, 'buffer'), 'buffer');
}

/** A legacy Bitcoin address: 25 bytes, version 0x00 or 0x05, valid Base58Check checksum. */
export function validBase58Address(address: string): boolean {
  const bytes = base58Decode(address);
  if (bytes?.length !== 25 || (bytes[0] !== 0x00 && bytes[0] !== 0x05)) return false;
  const checksum = doubleSha256(bytes.subarray(0, 21));
  return checksum.subarray(0, 4).equals(bytes.subarray(21));
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

export function bech32Polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) chk = polymodStep(chk, v);
  return chk >>> 0;
}

function polymodStep(chk: number, value: number): number {
  const top = chk >>> 25;
  let next = ((chk & 0x1ffffff) << 5) ^ value;
  for (let i = 0; i < 5; i++) if ((top >>> i) & 1) next ^= GENERATOR[i] ?? 0;
  return next;
}

export function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (const ch of hrp) out.push(ch.charCodeAt(0) >> 5);
  out.push(0);
  for (const ch of hrp) out.push(ch.charCodeAt(0) & 31);
  return out;
}

/** The constants BIP 173 (Bech32, witness v0) and BIP 350 (Bech32m, v1+) require of the checksum. */
export const BECH32_CONST = 1;
export const BECH32M_CONST = 0x2bc830a3;

/** Each Bech32 character's value by character code, -1 outside the alphabet. */
const BECH32_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < BECH32.length; i++) BECH32_VALUES[BECH32.charCodeAt(i)] = i;
/** The checksum state after the expanded human-readable part "bc". */
const MAINNET_PREFIX_STATE = hrpExpand('bc').reduce(polymodStep, 1);

/** A segwit address on Bitcoin's main network: "bc1", one case throughout, valid Bech32 or Bech32m checksum. */
export function validBech32Address(address: string): boolean {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false;
  const lower = address.toLowerCase();
  if (!lower.startsWith('bc1') || lower.length < 14 || lower.length > 74) return false;
  // The checksum over the expanded "bc" prefix, then each data character, without building the value list.
  let chk = MAINNET_PREFIX_STATE;
  let version = -1;
  for (let k = 3; k < lower.length; k++) {
    const code = lower.charCodeAt(k);
    const v = code < 128 ? (BECH32_VALUES[code] ?? -1) : -1;
    if (v < 0) return false;
    if (version < 0) version = v;
    chk = polymodStep(chk, v);
  }
  const check = chk >>> 0;
  return version === 0 ? check === BECH32_CONST : check === BECH32M_CONST;
}

/** The Bech32 characters for 5-bit values: used to write addresses for the corpus. */
export function bech32Chars(values: readonly number[]): string {
  return values.map((v) => BECH32.charAt(v)).join('');
}

/**
 * An Ethereum address in EIP-55 form: "0x" and 40 hex digits whose letters are upper case exactly where the matching
 * nibble of Keccak-256 over the lower-case hex is 8 or more. Addresses written in one case carry no checksum.
 */
export function eip55Checksummed(address: string): string {
  const lower = address.slice(2).toLowerCase();
  const digest = keccak256(Buffer.from(lower, 'latin1'));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const ch = lower.charAt(i);
    const nibble = ((digest[i >> 1] ?? 0) >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    out += nibble >= 8 ? ch.toUpperCase() : ch;
  }
  return out;
}

/** "0x" and 40 hex digits; mixed case must be the EIP-55 checksum, one case is accepted as unchecked. */
export function ethereumShape(address: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  return !mixedCase(address) || eip55Checksummed(address) === address;
}

/** A mixed-case address that passes EIP-55: about one random mixed-case string in 2^15 or more does. */
export function validEip55Address(address: string): boolean {
  return mixedCase(address) && ethereumShape(address);
}

function mixedCase(address: string): boolean {
  const hex = address.slice(2);
  return /[a-f]/.test(hex) && /[A-F]/.test(hex);
}
