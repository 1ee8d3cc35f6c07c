import { createHash } from 'node:crypto';
import type { Rng } from './rng.js';
import { withLuhn } from './values.js';

/**
 * Hard negatives: values that share a sensitive type's shape but are not that type. Each comes from a real source of
 * false positives in API traffic (ids, digests, samples from provider docs, masks, versions, timestamps).
 */

/** Luhn-valid order, invoice and tracking numbers (one in ten random numbers passes Luhn; some start like a Visa). */
export function luhnOrderNumber(r: Rng): string {
  return withLuhn(r.pick(['4', '5', '3', '6', '1', '9']) + r.digits(r.pick([12, 14, 15, 15, 18])));
}

export const TEST_CARDS = [
  '4111111111111111',
  '4242424242424242',
  '5555555555554444',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '4012888888881881',
  '5105105105105100',
  '4000056655665556',
  '2223003122003222',
  '3056930009020004',
  '3566002020360505',
  '4000000000000002',
  '6200000000000005',
];

export function testCard(r: Rng): string {
  return r.pick(TEST_CARDS);
}

export function sha1(r: Rng): string {
  return createHash('sha1').update(r.bytes(16)).digest('hex');
}
export function sha256(r: Rng): string {
  return createHash('sha256').update(r.bytes(16)).digest('hex');
}
/** Subresource-integrity / npm lockfile digests: base64 SHA-512, 86 chars + "==", the storage key's exact shape. */
export function sriIntegrity(r: Rng): string {
  return `sha512-${createHash('sha512').update(r.bytes(16)).digest('base64')}`;
}
export function sha512Base64(r: Rng): string {
  return createHash('sha512').update(r.bytes(16)).digest('base64');
}

export const EMULATOR_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
export const EMULATOR_CONNECTION = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${EMULATOR_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`;
/** jwt.io's sample token, pasted into docs and tests everywhere. */
export const SAMPLE_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
export const AWS_DOC_KEY = 'AKIAIOSFODNN7EXAMPLE';

export function placeholderSecret(r: Rng): string {
  return r.pick([
    'xxxx',
    'xxxxxxxxxxxxxxxx',
    'changeme',
    '<your-key-here>',
    '<redacted>',
    '***',
    '********',
    '${API_KEY}',
    '{{client_secret}}',
    'REDACTED',
    'your_api_key_here',
    '',
    'null',
    '<token>',
  ]);
}

/** Four-part versions that parse as IPv4 addresses. */
export function fourPartVersion(r: Rng): string {
  return `${r.int(1, 12)}.${r.int(0, 9)}.${r.int(0, 30)}.${r.int(0, 250)}`;
}

export function epochMillis(r: Rng): number {
  return 1_690_000_000_000 + r.int(0, 80_000_000) * 1000 + r.int(0, 999);
}

export function compactTimestamp(r: Rng): string {
  return `${r.int(2023, 2025)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}${String(r.int(0, 23)).padStart(2, '0')}${r.digits(4)}`;
}

export function zipPlus4(r: Rng): string {
  return r.chance(0.5) ? `${r.digits(5)}-${r.digits(4)}` : r.digits(9);
}

export function isbn13(r: Rng): string {
  const body = `978${r.int(0, 1)}${r.digits(8)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body.charAt(i)) * (i % 2 === 0 ? 1 : 3);
  const check = (10 - (sum % 10)) % 10;
  return `${body.slice(0, 3)}-${body.slice(3, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}-${check}`;
}

/** A base64 continuation token wrapping JSON, as Azure and most paged APIs return. */
export function pageToken(r: Rng): string {
  return Buffer.from(
    JSON.stringify({ offset: r.int(20, 5000), ts: r.int(1_700_000_000, 1_760_000_000), shard: r.int(0, 7) }),
  ).toString('base64');
}

/** IBAN-shaped strings whose check digits are wrong. */
export function badIban(r: Rng): string {
  return `DE${r.pick(['00', '01', '99'])}${r.digits(18)}`;
}

export function maskedCard(r: Rng): string {
  return r.pick([
    `************${r.digits(4)}`,
    `XXXX-XXXX-XXXX-${r.digits(4)}`,
    `${r.digits(6)}******${r.digits(4)}`.replace(/^\d/, '4'),
  ]);
}

export function maskedSsn(r: Rng): string {
  return r.pick([`***-**-${r.digits(4)}`, `XXX-XX-${r.digits(4)}`]);
}

/** Invalid SSNs: never-issued areas and groups, the SSA's advertising sample. */
export function invalidSsn(r: Rng): string {
  return r.pick([
    `000-${r.digits(2)}-${r.digits(4)}`,
    `666-${r.int(10, 99)}-${r.int(1000, 9999)}`,
    `${r.int(100, 599)}-00-${r.int(1000, 9999)}`,
    '078-05-1120',
    '123-45-6789',
  ]);
}
