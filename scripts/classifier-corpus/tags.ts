/** Values carrying their ground truth: the info types a careful reviewer would say the value holds. */
export class Tagged {
  constructor(
    readonly value: string | number,
    readonly infoTypes: readonly string[],
    /** Why a value with no types is here: the hard negative it exercises. */
    readonly hardNegative?: string,
  ) {}
}

export const CARD = 'Credit Card Number';
export const SSN = 'U.S. Social Security Number (SSN)';
export const IBAN = 'International Banking Account Number (IBAN)';
export const EMAIL = 'Email Address';
export const PHONE = 'Phone Number';
export const IP = 'IP Address';
export const DOB = 'Date of Birth';
export const PASSPORT = 'U.S./U.K. Passport Number';
export const JWT = 'JSON Web Token';
export const AUTH = 'Http Authorization Header';
export const STORAGE_KEY = 'Azure Storage Account Key';
export const STORAGE_CONN = 'Azure Storage Connection String';
export const SAS = 'Azure SAS Token';
export const AWS = 'AWS Access Key';
export const PRIVATE_KEY = 'Private Key';
export const SECRET = 'Generic Secret';

/** A sensitive value. */
export function pos(value: string | number, ...infoTypes: string[]): Tagged {
  return new Tagged(value, infoTypes);
}

/** A hard negative: looks sensitive, is not. */
export function neg(value: string | number, reason: string): Tagged {
  return new Tagged(value, [], reason);
}

/** Free text built from plain strings and tagged parts; its types are the union of its parts' types. */
export function text(...parts: readonly (string | Tagged)[]): Tagged {
  const types = new Set<string>();
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else {
      out += String(part.value);
      part.infoTypes.forEach((t) => types.add(t));
    }
  }
  return new Tagged(out, [...types]);
}
