import { requestHeaders, responseHeaders } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import type { Rng } from './rng.js';
import * as T from './tags.js';
import { neg, pos, text, type Tagged } from './tags.js';
import { fullName } from './values.js';
import * as N from './values-national.js';

/**
 * Know-your-customer and payroll records from several countries: national identifiers under their own field names,
 * in notes with the country's keyword, and (for formats specific enough to stand alone) in neutral fields. Hard
 * negatives are the same formats with a failed check digit or an unissued range.
 */
interface Kind {
  readonly type: string;
  readonly make: (r: Rng) => string;
  readonly names: readonly string[];
  readonly word: string;
  /** Reported without a keyword (format and check specific enough), so also placed in neutral fields. */
  readonly alone: boolean;
  /** A value of the same shape that fails validation. */
  readonly invalid: (r: Rng) => string;
}

const broken = (make: (r: Rng) => string) => (r: Rng) => N.brokenCheck(make(r));

const KINDS: readonly Kind[] = [
  {
    type: T.ITIN,
    make: N.itin,
    names: ['itin', 'taxpayerId'],
    word: 'ITIN',
    alone: false,
    invalid: (r) => `9${r.digits(2)}-93-${r.digits(4)}`,
  },
  {
    type: T.ABA,
    make: N.abaRouting,
    names: ['routingNumber', 'abaNumber'],
    word: 'routing number',
    alone: false,
    invalid: broken(N.abaRouting),
  },
  {
    type: T.NINO,
    make: N.nino,
    names: ['nino', 'nationalInsuranceNumber'],
    word: 'NI number',
    alone: true,
    invalid: (r) => `GB${r.digits(6)}A`,
  },
  {
    type: T.NHS,
    make: N.nhsNumber,
    names: ['nhsNumber'],
    word: 'NHS number',
    alone: false,
    invalid: broken(N.nhsNumber),
  },
  {
    type: T.CA_SIN,
    make: N.canadaSin,
    names: ['sin', 'socialInsuranceNumber'],
    word: 'SIN',
    alone: false,
    invalid: broken(N.canadaSin),
  },
  { type: T.AU_TFN, make: N.tfn, names: ['tfn', 'taxFileNumber'], word: 'TFN', alone: false, invalid: broken(N.tfn) },
  { type: T.AU_ABN, make: N.abn, names: ['abn', 'businessNumber'], word: 'ABN', alone: false, invalid: broken(N.abn) },
  {
    type: T.AU_MEDICARE,
    make: N.medicare,
    names: ['medicareNumber'],
    word: 'Medicare card',
    alone: false,
    invalid: (r) => N.brokenCheck(N.medicare(r).replace(/\s/g, '').slice(0, 9)) + '1',
  },
  {
    type: T.IN_PAN,
    make: N.indiaPan,
    names: ['pan', 'panNumber'],
    word: 'PAN',
    alone: true,
    invalid: (r) =>
      `${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 3)}X${r.chars('ABC', 1)}${r.digits(4)}${r.chars('XYZ', 1)}`,
  },
  {
    type: T.AADHAAR,
    make: N.aadhaar,
    names: ['aadhaar', 'aadhaarNumber'],
    word: 'Aadhaar',
    alone: false,
    invalid: broken(N.aadhaar),
  },
  {
    type: T.ES_DNI,
    make: N.spainDni,
    names: ['dni', 'documentoIdentidad'],
    word: 'DNI',
    alone: true,
    invalid: broken(N.spainDni),
  },
  { type: T.ES_NIE, make: N.spainNie, names: ['nie'], word: 'NIE', alone: true, invalid: broken(N.spainNie) },
  {
    type: T.IT_CF,
    make: N.codiceFiscale,
    names: ['codiceFiscale', 'fiscalCode'],
    word: 'codice fiscale',
    alone: true,
    invalid: broken(N.codiceFiscale),
  },
  {
    type: T.FR_NIR,
    make: N.franceNir,
    names: ['numeroSecu', 'nir'],
    word: 'n° de sécurité sociale',
    alone: true,
    invalid: broken(N.franceNir),
  },
  {
    type: T.DE_TAX_ID,
    make: N.germanTaxId,
    names: ['steuerId', 'steuerIdentifikationsnummer'],
    word: 'Steuer-ID',
    alone: false,
    invalid: broken(N.germanTaxId),
  },
  { type: T.PESEL, make: N.pesel, names: ['pesel'], word: 'PESEL', alone: false, invalid: broken(N.pesel) },
  { type: T.SG_NRIC, make: N.nric, names: ['nric', 'finNumber'], word: 'NRIC', alone: true, invalid: broken(N.nric) },
  {
    type: T.KR_RRN,
    make: N.koreaRrn,
    names: ['rrn', 'residentRegistrationNumber'],
    word: 'resident registration no',
    alone: true,
    invalid: (r) => `${r.digits(2)}13${r.int(10, 28)}-${r.int(1, 2)}${r.digits(6)}`,
  },
  {
    type: T.WALLET,
    make: N.bitcoinAddress,
    names: ['walletAddress', 'btcAddress'],
    word: 'wallet',
    alone: true,
    invalid: broken(N.bitcoinAddress),
  },
  {
    type: T.MAC,
    make: (r) => N.macAddress(r, r.pick([':', '-'])),
    names: ['macAddress', 'bssid'],
    word: 'MAC',
    alone: true,
    invalid: () => '00:00:00:00:00:00',
  },
];

function field(r: Rng, kind: Kind): Record<string, Tagged> {
  return r.pick([
    () => ({ [r.pick(kind.names)]: pos(kind.make(r), kind.type) }),
    () => ({ [r.pick(kind.names)]: pos(kind.make(r), kind.type) }),
    () => ({ note: text(`Customer ${kind.word}: `, pos(kind.make(r), kind.type), ' verified by back office.') }),
    () =>
      kind.alone
        ? { reference: pos(kind.make(r), kind.type) }
        : { [r.pick(kind.names)]: neg(kind.invalid(r), 'failed-check-digit') },
    () => ({ [r.pick(kind.names)]: neg(kind.invalid(r), 'failed-check-digit') }),
  ])();
}

export const NATIONAL: readonly EndpointSpec[] = [
  {
    id: 'kyc.identity.verify',
    samples: 200,
    make: (r) => {
      const body: Record<string, string | Tagged> = { customer: fullName(r), status: 'pending-review' };
      for (let i = 0; i < 3; i++) Object.assign(body, field(r, r.pick(KINDS)));
      return {
        method: 'POST',
        path: ['v1', 'kyc', 'verifications'],
        requestHeaders: requestHeaders(r, 'jwt'),
        requestBody: body,
        responseHeaders: responseHeaders(r),
        responseBody: { id: neg(r.uuid(), 'uuid'), state: 'queued' },
        responseCode: 202,
      };
    },
  },
];
