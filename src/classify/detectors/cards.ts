/**
 * Payment card numbers: issuer ranges (ISO/IEC 7812 IINs as the card schemes publish them) and the test numbers that
 * payment providers document, which Purview deliberately does not flag.
 */
interface Brand {
  readonly prefix: RegExp;
  readonly lengths: readonly number[];
}

const BRANDS: readonly Brand[] = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^3(0[0-5]|09|[689])/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^(6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] }, // Discover
  { prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^62/, lengths: [16, 17, 18, 19] }, // UnionPay (incl. Discover co-branded 622126–622925)
  { prefix: /^(5018|5020|5038|5893|6304|6759|676[1-3])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] }, // Maestro
  { prefix: /^(60|65|81|82|508)/, lengths: [16] }, // RuPay
  { prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] }, // Mir
  { prefix: /^(5019|4571)/, lengths: [16] }, // Dankort (and Visa/Dankort)
  { prefix: /^1/, lengths: [15] }, // UATP
];

export function hasIssuerFormat(digits: string): boolean {
  return BRANDS.some((brand) => brand.lengths.includes(digits.length) && brand.prefix.test(digits));
}

/** Published test numbers (Stripe, Adyen, Braintree, PayPal, Visa/Mastercard sandbox docs). */
const TEST_NUMBERS = new Set([
  '4111111111111111',
  '4242424242424242',
  '4012888888881881',
  '4000056655665556',
  '4222222222222',
  '4012888818888',
  '4007000000027',
  '4917610000000000',
  '4462030000000000',
  '4917300800000000',
  '4484070000000000',
  '4035501000000008',
  '4360000001000005',
  '4005519200000004',
  '4009348888881881',
  '4012000033330026',
  '4012000077777777',
  '4217651111111119',
  '4500600000000061',
  '4000000000000002',
  '4000000000000077',
  '4000000000009995',
  '4000002500003155',
  '4000002760003184',
  '4000000760000002',
  '4000001240000000',
  '4000008260000000',
  '4000000000003220',
  '4000000000000341',
  '4000000000000119',
  '5555555555554444',
  '5105105105105100',
  '5200828282828210',
  '2223003122003222',
  '5425233430109903',
  '2222420000001113',
  '2223000048410010',
  '5424000000000015',
  '5454545454545454',
  '5431111111111111',
  '5500000000000004',
  '5555341244441115',
  '378282246310005',
  '371449635398431',
  '378734493671000',
  '371111111111114',
  '370000000000002',
  '340000000000009',
  '6011111111111117',
  '6011000990139424',
  '6011601160116611',
  '6011000000000012',
  '6011000400000000',
  '6445644564456445',
  '3056930009020004',
  '36227206271667',
  '30569309025904',
  '38520000023237',
  '36006666333344',
  '36259600000004',
  '3530111333300000',
  '3566002020360505',
  '3566111111111113',
  '3528000700000000',
  '6200000000000005',
  '6200000000000047',
  '6250941006528599',
  '6304000000000000',
  '6759649826438453',
  '5018000000000009',
  '135410014004955',
]);

/** Test numbers, plus the shapes test data takes: long runs of one digit or zeros, or a short repeating pattern. */
export function isTestCardNumber(digits: string): boolean {
  if (TEST_NUMBERS.has(digits)) return true;
  if (/(\d)\1{6}/.test(digits)) return true;
  const body = digits.slice(1);
  for (let period = 1; period <= 4; period++) {
    if (body.slice(period) === body.slice(0, body.length - period)) return true;
  }
  return false;
}

/** Separators (space, dash or dot, one kind) must group the way cards are printed: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4. */
export function cardGrouping(raw: string): 'none' | 'card' | 'other' {
  // One pass over the characters (no match arrays, Set or split per candidate): the group lengths, six at most.
  let separator = 0;
  let groups = 0;
  let length = 0;
  const lengths = GROUP_LENGTHS;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c !== 32 && c !== 46 && c !== 45) {
      length++;
      continue;
    }
    if (separator === 0) separator = c;
    else if (separator !== c) return 'other';
    if (groups === 5) return 'other';
    lengths[groups++] = length;
    length = 0;
  }
  if (separator === 0) return 'none';
  lengths[groups++] = length;
  for (const grouping of CARD_GROUPINGS) if (sameGroups(grouping, lengths, groups)) return 'card';
  return 'other';
}

const GROUP_LENGTHS = new Int32Array(6);
const CARD_GROUPINGS: readonly (readonly number[])[] = [
  [4, 4, 4, 4],
  [4, 4, 4, 4, 3],
  [4, 6, 5],
  [4, 6, 4],
  [4, 4, 4, 4, 1, 2],
];

function sameGroups(grouping: readonly number[], lengths: Int32Array, groups: number): boolean {
  if (grouping.length !== groups) return false;
  for (let g = 0; g < groups; g++) if (grouping[g] !== lengths[g]) return false;
  return true;
}
