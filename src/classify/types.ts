/**
 * The classifier's vocabulary. Built-in info types carry Microsoft Purview's names where Purview has one, so labels and
 * reports line up with what Defender for APIs shows; custom types add their own names from the config file.
 */
export const BUILT_IN_INFO_TYPES = [
  'Credit Card Number',
  'U.S. Social Security Number (SSN)',
  'International Banking Account Number (IBAN)',
  'Email Address',
  'Phone Number',
  'IP Address',
  'Date of Birth',
  'U.S./U.K. Passport Number',
  'JSON Web Token',
  'Http Authorization Header',
  'Azure Storage Account Key',
  'Azure Storage Connection String',
  'Azure SAS Token',
  'AWS Access Key',
  'Private Key',
  'Generic Secret',
  'U.S. Individual Taxpayer Identification Number (ITIN)',
  'ABA Routing Number',
  'U.K. National Insurance Number (NINO)',
  'U.K. National Health Service Number',
  'Canada Social Insurance Number',
  'Australia Tax File Number',
  'Australia Business Number',
  'Australia Medical Account Number',
  'India Permanent Account Number (PAN)',
  'India Unique Identification (Aadhaar) Number',
  'Spain DNI',
  'Spain NIE',
  'Italy Fiscal Code',
  'France Social Security Number (INSEE)',
  'German Tax Identification Number',
  'Poland National ID (PESEL)',
  'Singapore National Registration Identity Card (NRIC) Number',
  'South Korea Resident Registration Number',
  'Crypto Wallet Address',
  'MAC Address',
  'URL with Embedded Credentials',
] as const;

export type BuiltInInfoType = (typeof BUILT_IN_INFO_TYPES)[number];

/** Purview's three levels; the numeric scores behind them are 85 / 75 / 65 (see confidence.ts). */
export type Confidence = 'low' | 'medium' | 'high';

export type Location = 'path' | 'query' | 'requestHeader' | 'requestBody' | 'responseHeader' | 'responseBody';

export type ResponseClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';

/**
 * One sensitive info type seen in one place of one message. Redacted by construction: it never holds the matched
 * value, only where it was; `sample` is a masked sample and only present when the caller opted in.
 */
export interface Finding {
  readonly infoType: string;
  readonly confidence: Confidence;
  readonly location: Location;
  /** JSON path of the field inside a JSON body (`$.customer.ssn`); absent for text bodies, headers, query and path. */
  readonly jsonPath?: string;
  /** Header name (lower-cased), query parameter name, or path segment index (0-based) the value sat in. */
  readonly key?: string;
  readonly responseClass?: ResponseClass;
  /** Masked sample (`4111********1111`), only with `keepMaskedSample`. */
  readonly sample?: string;
}

/**
 * What surrounds a value inside structured data: its own field name, the names of the objects above it and the names
 * of its siblings. In API traffic these names play the part of Purview's 300-character keyword window.
 */
export interface FieldContext {
  /** The field, header or parameter name holding the value (may be empty for array items and text bodies). */
  readonly name: string;
  /** Names of the enclosing objects, outermost first. */
  readonly parents: readonly string[];
  /** Names of the other fields of the same object. */
  readonly siblings: readonly string[];
  /**
   * Values of the object's discriminator fields (`type`, `kind`, `documentType` …): `{ "type": "passport",
   * "number": "…" }` names its number through a value, not a key.
   */
  readonly discriminators?: readonly string[] | undefined;
}

/** A detector's verdict on one place in a text: where the match sits and how sure the detector is (0–100). */
export interface Match {
  readonly infoType: string;
  readonly start: number;
  readonly end: number;
  readonly score: number;
}
