import { responseHeaders } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import type { Rng } from './rng.js';
import { jwt, opaqueToken } from './secrets.js';
import { CARD, DOB, EMAIL, IBAN, IP, JWT, neg, PHONE, pos, SECRET, type Tagged } from './tags.js';
import { emailAddress, formatIban, fullName, ibanNumber, phoneNumber, publicIpv4, withLuhn } from './values.js';

/**
 * Formatting variants that real clients produce and that no endpoint above exercises: lower-case IBANs, compact birth
 * dates, 19-digit UnionPay cards, addresses with ports, extensions on phone numbers, tokens in cookies and custom
 * headers. Added as a fresh challenge after the first evaluation rounds; the classifier was then extended for the formats
 * it missed (dot-grouped PANs, lower-case IBANs, compact birth dates). Whatever it still misses is reported as it is.
 */
function variantField(r: Rng): Record<string, string | Tagged> {
  return r.pick([
    () => ({ iban: pos(formatIban(ibanNumber(r), r).toLowerCase(), IBAN) }),
    () => ({
      dob: pos(
        `${r.int(1950, 2004)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`,
        DOB,
      ),
    }),
    () => ({ cardNumber: pos(withLuhn(`62${r.digits(16)}`), CARD) }),
    () => ({ upstream: pos(`${publicIpv4(r)}:${r.pick([443, 8080, 5432])}`, IP) }),
    () => ({ phone: pos(`${phoneNumber(r)} ext. ${r.int(10, 999)}`, PHONE) }),
    () => ({ contactEmail: pos(emailAddress(r).toUpperCase(), EMAIL) }),
    () => ({ birthDate: pos(`${r.int(1, 28)} ${r.pick(['March', 'July', 'October'])} ${r.int(1950, 2004)}`, DOB) }),
    () => ({ billingPhone: pos(phoneNumber(r).replace(/\D/g, '').replace(/^1?/, ''), PHONE) }),
    () => ({ holder: fullName(r), pan: pos(withLuhn(`4${r.digits(14)}`).replace(/(\d{4})(?=\d)/g, '$1.'), CARD) }),
  ])();
}

export const VARIANTS: readonly EndpointSpec[] = [
  {
    id: 'variants.profile.update',
    samples: 24,
    make: (r) => {
      const header = r.pick([
        (): Record<string, string | Tagged> => ({ cookie: pos(`id_token=${jwt(r)}; theme=dark`, JWT) }),
        (): Record<string, string | Tagged> => ({ 'x-auth-token': pos(opaqueToken(r), SECRET) }),
        (): Record<string, string | Tagged> => ({
          'private-token': pos(
            `glpat-${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 20)}`,
            SECRET,
          ),
        }),
        (): Record<string, string | Tagged> => ({
          'x-client-build': neg(`${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 99)}.${r.int(0, 250)}`, 'version-string'),
        }),
      ])();
      return {
        method: 'PATCH',
        path: ['v2', 'profile'],
        requestHeaders: { 'content-type': 'application/json', ...header },
        requestBody: { ...variantField(r), ...variantField(r), updatedBy: 'self-service' },
        responseHeaders: responseHeaders(r),
        responseCode: 204,
      };
    },
  },
];
