import type { Rng } from './rng.js';

/** Realistic values for the corpus, produced from a seeded Rng. Each checksum is computed, never copied. */
const FIRST = [
  'Jane',
  'Omar',
  'Li',
  'Priya',
  'Carlos',
  'Aoife',
  'Mateus',
  'Yuki',
  'Fatima',
  'Noah',
  'Elena',
  'Kwame',
  'Sofia',
  'Liam',
  'Hana',
  'Ravi',
];
const LAST = [
  'Doe',
  'Haddad',
  'Wei',
  'Sharma',
  'Garcia',
  'Murphy',
  'Silva',
  'Tanaka',
  'Khan',
  'Smith',
  'Petrova',
  'Mensah',
  'Rossi',
  'Brown',
  'Kim',
  'Patel',
];
const DOMAINS = [
  'contoso.com',
  'fabrikam.io',
  'gmail.com',
  'outlook.com',
  'northwind.co.uk',
  'adatum.de',
  'proton.me',
  'tailspin.travel',
  'woodgrove.bank',
];
const CITIES = ['Seattle', 'London', 'Berlin', 'Paris', 'Mumbai', 'São Paulo', 'Austin', 'Dublin', 'Toronto', 'Sydney'];
const WORDS = ['Summer', 'Falcon', 'Maple', 'Harbor', 'Quartz', 'Velvet', 'Orbit', 'Cobalt', 'Willow', 'Ember'];

export function firstName(r: Rng): string {
  return r.pick(FIRST);
}
export function lastName(r: Rng): string {
  return r.pick(LAST);
}
export function fullName(r: Rng): string {
  return `${firstName(r)} ${lastName(r)}`;
}
export function city(r: Rng): string {
  return r.pick(CITIES);
}
export function word(r: Rng): string {
  return r.pick(WORDS);
}

export function emailAddress(r: Rng): string {
  const local = r.pick([
    () => `${firstName(r)}.${lastName(r)}`.toLowerCase(),
    () => `${firstName(r).toLowerCase()}${r.int(1, 99)}`,
    () => `${firstName(r).charAt(0)}${lastName(r)}`.toLowerCase(),
    () => `${firstName(r).toLowerCase()}+${r.pick(['shop', 'news', 'billing'])}`,
  ])();
  return `${local}@${r.pick(DOMAINS)}`;
}

const US_AREAS = [
  '201',
  '206',
  '212',
  '303',
  '305',
  '312',
  '404',
  '415',
  '503',
  '512',
  '617',
  '646',
  '702',
  '713',
  '818',
  '919',
];

/** Phone numbers in the formats APIs really carry: E.164, international with spaces, U.S. national. */
export function phoneNumber(r: Rng): string {
  const subscriber = () => `${r.int(2, 9)}${r.digits(2)}`;
  return r.pick([
    () => `+1${r.pick(US_AREAS)}${subscriber()}${r.digits(4)}`,
    () => `+1 ${r.pick(US_AREAS)} ${subscriber()} ${r.digits(4)}`,
    () => `(${r.pick(US_AREAS)}) ${subscriber()}-${r.digits(4)}`,
    () => `${r.pick(US_AREAS)}-${subscriber()}-${r.digits(4)}`,
    () => `+44 20 7946 0${r.digits(3)}`,
    () => `+44 ${r.pick(['7400', '7123', '7812', '7723', '7534'])} ${r.digits(6)}`,
    () => `+49 30 ${r.int(2, 9)}${r.digits(7)}`,
    () => `+33 1 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`,
    () => `+91 ${r.int(7, 9)}${r.digits(4)} ${r.digits(5)}`,
  ])();
}

export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body.charAt(body.length - 1 - i));
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Digits completed with a Luhn check digit. */
export function withLuhn(body: string): string {
  return body + luhnCheckDigit(body);
}

/** A real-looking PAN: a brand prefix, random account digits, a Luhn check digit. */
export function cardNumber(r: Rng): { digits: string; brand: string } {
  const [brand, prefix, length] = r.pick([
    ['visa', '4' + r.digits(5), 16],
    ['visa', '4' + r.digits(5), 16],
    ['mastercard', String(r.int(51, 55)) + r.digits(4), 16],
    ['mastercard', '2' + String(r.int(221, 720)) + r.digits(2), 16],
    ['amex', r.pick(['34', '37']) + r.digits(4), 15],
    ['discover', '6011' + r.digits(2), 16],
    ['jcb', '35' + String(r.int(28, 89)) + r.digits(2), 16],
    ['diners', '36' + r.digits(4), 14],
  ] as const);
  return { digits: withLuhn(prefix + r.digits(length - prefix.length - 1)), brand };
}

/** How a PAN is printed: plain, 4-4-4-4 with spaces or dashes (Amex 4-6-5, Diners 4-6-4). */
export function formatCard(digits: string, r: Rng): string {
  const style = r.pick(['plain', 'plain', 'spaces', 'dashes']);
  if (style === 'plain') return digits;
  const sep = style === 'spaces' ? ' ' : '-';
  const groups = digits.length === 16 ? [4, 4, 4, 4] : digits.length === 15 ? [4, 6, 5] : [4, 6, 4];
  let at = 0;
  return groups.map((g) => digits.slice(at, (at += g))).join(sep);
}

/** A post-2011 randomised SSN: area 001–899 except 666, group 01–99, serial 0001–9999. */
export function ssnDigits(r: Rng): string {
  let area = r.int(1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}${String(r.int(1, 99)).padStart(2, '0')}${String(r.int(1, 9999)).padStart(4, '0')}`;
}

export function formatSsn(d: string, sep = '-'): string {
  return `${d.slice(0, 3)}${sep}${d.slice(3, 5)}${sep}${d.slice(5)}`;
}

const IBAN_FORMATS: readonly [string, (r: Rng) => string][] = [
  ['DE', (r) => r.digits(18)],
  ['GB', (r) => r.pick(['NWBK', 'BARC', 'MIDL', 'LOYD']) + r.digits(14)],
  ['FR', (r) => r.digits(23)],
  ['NL', (r) => r.pick(['ABNA', 'INGB', 'RABO']) + r.digits(10)],
  ['ES', (r) => r.digits(20)],
  ['IT', (r) => 'X' + r.digits(22)],
  ['BE', (r) => r.digits(12)],
  ['IE', (r) => r.pick(['AIBK', 'BOFI']) + r.digits(14)],
  ['PL', (r) => r.digits(24)],
  ['CH', (r) => r.digits(17)],
];

function mod97Of(numeric: string): number {
  let rem = 0;
  for (const ch of numeric) {
    const code = ch.charCodeAt(0);
    const n = code >= 65 ? String(code - 55) : ch;
    for (const digit of n) rem = (rem * 10 + Number(digit)) % 97;
  }
  return rem;
}

export function ibanNumber(r: Rng): string {
  const [country, bban] = r.pick(IBAN_FORMATS);
  const body = bban(r);
  const check = 98 - mod97Of(`${body}${country}00`);
  return `${country}${String(check).padStart(2, '0')}${body}`;
}

export function formatIban(iban: string, r: Rng): string {
  return r.chance(0.4) ? iban.replace(/(.{4})/g, '$1 ').trim() : iban;
}

export function birthDate(r: Rng): string {
  const iso = r.isoDate(1940, 2006);
  const [y, m, d] = iso.split('-');
  return r.pick([iso, iso, `${m}/${d}/${y}`, `${d}.${m}.${y}`, `${iso}T00:00:00Z`]);
}

export function publicIpv4(r: Rng): string {
  return `${r.pick([20, 40, 52, 81, 104, 151, 176, 185, 203, 198])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}
export function privateIpv4(r: Rng): string {
  return r.pick([
    `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    `192.168.${r.int(0, 255)}.${r.int(1, 254)}`,
    `172.${r.int(16, 31)}.${r.int(0, 255)}.${r.int(1, 254)}`,
  ]);
}
export function ipv6(r: Rng): string {
  return r.pick([
    `2001:db8:${r.hex(4)}:${r.hex(4)}::${r.hex(3)}`,
    `2603:1030:${r.hex(3)}:${r.hex(2)}::${r.int(1, 99)}`,
    `fe80::${r.hex(4)}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}`,
  ]);
}
export function ip(r: Rng): string {
  return r.chance(0.8) ? (r.chance(0.6) ? publicIpv4(r) : privateIpv4(r)) : ipv6(r);
}

export function passportNumber(r: Rng): string {
  return r.chance(0.6) ? `${r.int(1, 9)}${r.digits(8)}` : `${r.pick(['A', 'C', 'E', 'X'])}${r.digits(8)}`;
}
