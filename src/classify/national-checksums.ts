/**
 * Check digits of national identifiers, as their issuers publish them. Each `…Check` function computes the check
 * character from the body, so the validators and the corpus generator share one definition of every algorithm.
 */
import { luhn } from './validators.js';

function digitsOf(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) - 48);
  return out;
}

function weighted(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum;
}

const ALL_SAME = /^(\d)\1+$/;

/** ABA routing transit number: 3-7-1 weights over nine digits, sum divisible by 10; Federal Reserve prefixes only. */
export function abaCheck(first8: string): number {
  const d = digitsOf(first8);
  return (10 - (weighted(d, [3, 7, 1, 3, 7, 1, 3, 7]) % 10)) % 10;
}
export function validAbaRouting(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || ALL_SAME.test(digits)) return false;
  const prefix = Number(digits.slice(0, 2));
  if (!(prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80))
    return false;
  return abaCheck(digits.slice(0, 8)) === Number(digits[8]);
}

/** U.S. ITIN: area 9, group 50–65, 70–88, 90–92 or 94–99 (IRS); no check digit. */
export function validItin(digits: string): boolean {
  if (!/^9\d{8}$/.test(digits)) return false;
  const group = Number(digits.slice(3, 5));
  return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
}

/** U.K. NHS number: weights 10…2, check = 11 − (sum mod 11), where 11 means 0 and 10 means "never issued". */
export function nhsCheck(first9: string): number | undefined {
  const check = 11 - (weighted(digitsOf(first9), [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  return check === 11 ? 0 : check === 10 ? undefined : check;
}
export function validNhs(digits: string): boolean {
  return /^\d{10}$/.test(digits) && !ALL_SAME.test(digits) && nhsCheck(digits.slice(0, 9)) === Number(digits[9]);
}

/** U.K. National Insurance number: prefix letters HMRC allocates (not D F I Q U V, no O second, not BG GB KN NK NT TN ZZ). */
export function validNino(compact: string): boolean {
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(compact)) return false;
  return !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(compact.slice(0, 2));
}

/** Canada SIN: Luhn over nine digits; 0 and 8 are never a first digit. */
export function validCanadaSin(digits: string): boolean {
  return /^[1-79]\d{8}$/.test(digits) && !ALL_SAME.test(digits) && luhn(digits);
}

const TFN_WEIGHTS = [1, 4, 3, 7, 5, 8, 6, 9, 10];
/** Australia TFN: nine digits, weights 1 4 3 7 5 8 6 9 10, sum divisible by 11. */
export function validTfn(digits: string): boolean {
  return /^\d{9}$/.test(digits) && !ALL_SAME.test(digits) && weighted(digitsOf(digits), TFN_WEIGHTS) % 11 === 0;
}

const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
/** Australia ABN: subtract 1 from the first digit, weights 10 1 3 5 … 19, sum divisible by 89. */
export function validAbn(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const d = digitsOf(digits);
  d[0] = (d[0] ?? 0) - 1;
  return weighted(d, ABN_WEIGHTS) % 89 === 0;
}

/** Australia Medicare: first digit 2–6, weights 1 3 7 9 1 3 7 9 over eight digits, the ninth is the sum mod 10. */
export function medicareCheck(first8: string): number {
  return weighted(digitsOf(first8), [1, 3, 7, 9, 1, 3, 7, 9]) % 10;
}
export function validMedicare(digits: string): boolean {
  return /^[2-6]\d{9,10}$/.test(digits) && medicareCheck(digits.slice(0, 8)) === Number(digits[8]);
}

// Verhoeff's dihedral-group tables (multiplication, permutation, inverse).
const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function verhoeffRow(digits: string, offset: number): number {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = VERHOEFF_D[c]?.[VERHOEFF_P[(i + offset) % 8]?.[d] ?? 0] ?? 0;
  }
  return c;
}
export function verhoeffCheck(body: string): number {
  return VERHOEFF_INV[verhoeffRow(body, 1)] ?? 0;
}
/** India Aadhaar: twelve digits, first 2–9, Verhoeff check digit (UIDAI). */
export function validAadhaar(digits: string): boolean {
  return /^[2-9]\d{11}$/.test(digits) && !ALL_SAME.test(digits) && verhoeffRow(digits, 0) === 0;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** Spain DNI/NIE check letter: the number mod 23 indexes TRWAGMYFPDXBNJZSQVHLCKE (NIE: X, Y, Z read as 0, 1, 2). */
export function spainCheckLetter(number: string): string {
  const n = number.replace(/^X/, '0').replace(/^Y/, '1').replace(/^Z/, '2');
  return DNI_LETTERS.charAt(Number(n) % 23);
}
export function validSpainDni(compact: string): boolean {
  return /^\d{8}[A-Z]$/.test(compact) && spainCheckLetter(compact.slice(0, 8)) === compact.charAt(8);
}
export function validSpainNie(compact: string): boolean {
  return /^[XYZ]\d{7}[A-Z]$/.test(compact) && spainCheckLetter(compact.slice(0, 8)) === compact.charAt(8);
}

// Codice fiscale: characters in odd positions (1st, 3rd …) map through this table, even ones to their value.
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
export function codiceFiscaleCheck(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15.charCodeAt(i);
    const value = c <= 57 ? c - 48 : c - 65;
    sum += i % 2 === 0 ? (CF_ODD[value] ?? 0) : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}
/** Italy codice fiscale: 16 characters (digits may be replaced by LMNPQRSTUV for homonyms) and a check letter. */
export function validCodiceFiscale(compact: string): boolean {
  const shape = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
  return shape.test(compact) && codiceFiscaleCheck(compact.slice(0, 15)) === compact.charAt(15);
}

/** France NIR (INSEE): key = 97 − (13-digit number mod 97); Corsica's 2A and 2B count as 19 and 18. */
export function nirKey(first13: string): number {
  const n = first13.replace(/^(\d{5})2A/, '$119').replace(/^(\d{5})2B/, '$118');
  let remainder = 0;
  for (let i = 0; i < n.length; i++) remainder = (remainder * 10 + n.charCodeAt(i) - 48) % 97;
  return 97 - remainder;
}
export function validFranceNir(compact: string): boolean {
  if (!/^[1278]\d{4}(?:\d\d|2[AB])\d{6}\d\d$/.test(compact)) return false;
  const month = Number(compact.slice(3, 5));
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  return nirKey(compact.slice(0, 13)) === Number(compact.slice(13));
}

/** Germany Steuer-IdNr: ISO 7064 MOD 11,10 over ten digits; one digit repeats two or three times, none more. */
export function germanTaxIdCheck(first10: string): number {
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (first10.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}
export function validGermanTaxId(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) counts[digits.charCodeAt(i) - 48]! += 1;
  const repeated = counts.filter((c) => c > 1);
  if (repeated.length !== 1 || (repeated[0] ?? 0) > 3) return false;
  return germanTaxIdCheck(digits.slice(0, 10)) === Number(digits[10]);
}

/** Poland PESEL: weights 1 3 7 9 …, check = (10 − sum mod 10) mod 10; the month carries the century (+20 for 2000s …). */
export function peselCheck(first10: string): number {
  return (10 - (weighted(digitsOf(first10), [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10;
}
export function validPesel(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || ALL_SAME.test(digits)) return false;
  const month = Number(digits.slice(2, 4)) % 20;
  const day = Number(digits.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return peselCheck(digits.slice(0, 10)) === Number(digits[10]);
}

const NRIC_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];
/** Singapore NRIC/FIN: weights 2 7 6 5 4 3 2, +4 for T and G series, remainder mod 11 picks the letter. */
export function nricCheckLetter(prefix: string, digits: string): string {
  const sum = weighted(digitsOf(digits), NRIC_WEIGHTS) + (prefix === 'T' || prefix === 'G' ? 4 : 0);
  const table = prefix === 'S' || prefix === 'T' ? 'JZIHGFEDCBA' : 'XWUTRQPNMLK';
  return table.charAt(sum % 11);
}
export function validNric(compact: string): boolean {
  if (!/^[STFG]\d{7}[A-Z]$/.test(compact)) return false;
  return nricCheckLetter(compact.charAt(0), compact.slice(1, 8)) === compact.charAt(8);
}

/**
 * South Korea RRN: YYMMDD, a sex/century digit, six more digits. Numbers issued before October 2020 end in a check
 * digit (weights 2…9, 2…5; (11 − sum mod 11) mod 10); newer ones are random, so the check only adds confidence.
 */
export function rrnCheck(first12: string): number {
  return (11 - (weighted(digitsOf(first12), [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11)) % 10;
}
export function rrnShape(digits: string): boolean {
  if (!/^\d{6}[1-8]\d{6}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
export function validRrnChecksum(digits: string): boolean {
  return rrnShape(digits) && rrnCheck(digits.slice(0, 12)) === Number(digits[12]);
}
