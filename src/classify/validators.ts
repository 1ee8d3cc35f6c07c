import { IBAN_LENGTHS } from './iban-countries.js';

/** Luhn (mod 10) over a digit string: the checksum of payment card numbers (ISO/IEC 7812). */
export function luhn(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * ISO 7064 mod 97-10 over an alphanumeric string as IBANs use it: move the first four characters to the end, letters
 * become 10–35, and the number must leave remainder 1. Computed piecewise so no big integers are needed.
 */
export function mod97(value: string): boolean {
  const text = value.toUpperCase();
  if (!/^[A-Z0-9]{5,}$/.test(text)) return false;
  const rotated = text.slice(4) + text.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rotated.length; i++) {
    const code = rotated.charCodeAt(i);
    const n = code >= 65 ? code - 55 : code - 48;
    remainder = n >= 10 ? (remainder * 100 + n) % 97 : (remainder * 10 + n) % 97;
  }
  return remainder === 1;
}

/** An IBAN with its spaces removed: known country, that country's length, and the mod-97 check. */
export function validIban(compact: string): boolean {
  const upper = compact.toUpperCase();
  const length = IBAN_LENGTHS[upper.slice(0, 2)];
  if (length === undefined || upper.length !== length) return false;
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(upper)) return false;
  return mod97(upper);
}

/** Sample SSNs printed on wallets and in SSA material, which real traffic carries as test data (Presidio's list). */
const FAMOUS_SSNS = new Set(['123456789', '078051120', '219099999', '457555462', '987654321']);

/**
 * SSA rules for numbers that are never issued: area 000, 666 and 900–999, group 00, serial 0000; plus the famous
 * sample numbers and a single repeated digit.
 */
export function validSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  if (FAMOUS_SSNS.has(digits) || /^(\d)\1{8}$/.test(digits)) return false;
  return true;
}

/** Shannon entropy in bits per character. Random base64 scores about 5–6, hex about 4, English words about 3. */
/** ASCII character counts, reused by every call (the function calls out to nothing, so no call can interleave). */
const asciiCounts = new Uint32Array(128);

export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  let others: Map<number, number> | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) asciiCounts[c] = (asciiCounts[c] ?? 0) + 1;
    else (others ??= new Map()).set(c, (others.get(c) ?? 0) + 1);
  }
  // Summed in character order, ASCII first, as always: the same value gives the same bits of entropy.
  let entropy = 0;
  for (let c = 0; c < 128; c++) {
    const count = asciiCounts[c] ?? 0;
    if (count === 0) continue;
    asciiCounts[c] = 0;
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  if (others !== undefined) {
    for (const count of others.values()) {
      const p = count / value.length;
      entropy -= p * Math.log2(p);
    }
  }
  return entropy;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'change_me',
  'change-me',
  'changeit',
  'password',
  'passw0rd',
  'secret',
  'token',
  'redacted',
  'masked',
  'hidden',
  'removed',
  'null',
  'nil',
  'none',
  'undefined',
  'n/a',
  'na',
  'todo',
  'tbd',
  'example',
  'sample',
  'dummy',
  'placeholder',
  'test',
  'testing',
  'foo',
  'bar',
  'foobar',
  'string',
  'value',
  'default',
  'empty',
  'true',
  'false',
  'notset',
  'not-set',
  'not_set',
  'unset',
  'xxx',
  'yyy',
  'abc',
  'abc123',
  '123456',
  '12345678',
  'secret123',
  'pass',
]);

/**
 * Values that stand in for a secret rather than being one: mask characters, template variables, "<your-key-here>",
 * "changeme" and friends. Purview's credential SITs and gitleaks' stop words exclude these on purpose.
 */
export function isPlaceholder(raw: string): boolean {
  const value = raw.trim();
  if (value.length === 0) return true;
  // Placeholders are short; a long value is judged on its own (entropy, shape) rather than scanned for "example".
  if (value.length > 80) return false;
  const lower = value.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  if (/^[*x#•.\-_=?0 ]+$/i.test(value)) return true; // masks such as ****, xxxx-xxxx, ####, 0000
  if (/^<[^<>]*>$|^\[[^[\]]*\]$|^\{\{.*\}\}$|^\$\{.*\}$|^%[\w-]+%$|^\$[A-Z_][A-Z0-9_]*$|^#\{.*\}$/.test(value))
    return true;
  if (/(^|[^a-z])(your|my)[-_ ]?[a-z-_ ]*(key|token|secret|password|pass)/.test(lower)) return true;
  if (
    /redacted|placeholder|changeme|replace[-_ ]?me|example|insert[-_ ]?here|dummy|fake[-_]?(key|token|secret)/.test(
      lower,
    )
  )
    return true;
  // Mostly-masked values ("****1234", "••••••••ab"): a mask with a few real characters left is no longer a secret.
  const masked = value.replace(/[^*•#]/g, '').length;
  return masked >= 4 && masked >= value.length / 2;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function monthFromName(name: string): number | undefined {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index < 0 ? undefined : index + 1;
}

/** A real calendar date (leap years included) whose year could be a living person's birth year. */
export function plausibleBirthDate(year: number, month: number, day: number, now: Date = new Date()): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return date.getTime() <= now.getTime();
}

/**
 * Credentials published in vendor documentation and pasted into samples everywhere: the jwt.io example token, the
 * storage emulator key, AWS's example key pair. Purview's CEP_CommonExampleKeywords and emulator filters exist for the
 * same reason.
 */
const KNOWN_SAMPLES = [
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
];

export function isKnownSample(value: string): boolean {
  return KNOWN_SAMPLES.some((sample) => value.includes(sample));
}

/** A percent-encoded value decoded, or left as it is when it is not valid percent-encoding. */
export function decodeUriSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
