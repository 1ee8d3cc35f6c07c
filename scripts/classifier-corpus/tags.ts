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
export const ITIN = 'U.S. Individual Taxpayer Identification Number (ITIN)';
export const ABA = 'ABA Routing Number';
export const NINO = 'U.K. National Insurance Number (NINO)';
export const NHS = 'U.K. National Health Service Number';
export const CA_SIN = 'Canada Social Insurance Number';
export const AU_TFN = 'Australia Tax File Number';
export const AU_ABN = 'Australia Business Number';
export const AU_MEDICARE = 'Australia Medical Account Number';
export const IN_PAN = 'India Permanent Account Number (PAN)';
export const AADHAAR = 'India Unique Identification (Aadhaar) Number';
export const ES_DNI = 'Spain DNI';
export const ES_NIE = 'Spain NIE';
export const IT_CF = 'Italy Fiscal Code';
export const FR_NIR = 'France Social Security Number (INSEE)';
export const DE_TAX_ID = 'German Tax Identification Number';
export const PESEL = 'Poland National ID (PESEL)';
export const SG_NRIC = 'Singapore National Registration Identity Card (NRIC) Number';
export const KR_RRN = 'South Korea Resident Registration Number';
export const WALLET = 'Crypto Wallet Address';
export const MAC = 'MAC Address';
export const URL_CREDS = 'URL with Embedded Credentials';

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
