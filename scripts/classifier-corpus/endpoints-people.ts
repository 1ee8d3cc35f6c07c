import { requestHeaders, responseHeaders } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import { fourPartVersion, invalidSsn, maskedSsn } from './negatives.js';
import type { Rng } from './rng.js';
import { jwt, password } from './secrets.js';
import { AUTH, DOB, EMAIL, IBAN, IP, JWT, neg, PASSPORT, PHONE, pos, SECRET, SSN, text, type Tagged } from './tags.js';
import {
  withLuhn,
  birthDate,
  emailAddress,
  formatIban,
  formatSsn,
  fullName,
  ibanNumber,
  ip,
  passportNumber,
  phoneNumber,
  ssnDigits,
} from './values.js';

function ssnValue(r: Rng): Tagged {
  const roll = r.next();
  if (roll < 0.65) return pos(formatSsn(ssnDigits(r)), SSN);
  if (roll < 0.8) return pos(ssnDigits(r), SSN);
  if (roll < 0.9) return neg(maskedSsn(r), 'masked-ssn');
  return neg(invalidSsn(r), 'invalid-ssn');
}

/** One log line; tagged parts carry the types they put in the body. */
function logLine(r: Rng): (string | Tagged)[] {
  const at = r.timestamp();
  return r.pick([
    () => [`${at} INFO  GET /v1/orders 200 ${r.int(3, 400)}ms client=`, pos(ip(r), IP), '\n'],
    () => [`${at} INFO  login succeeded user=`, pos(emailAddress(r), EMAIL), ' mfa=app\n'],
    () => [
      `${at} INFO  service started version `,
      neg(fourPartVersion(r), 'version-string'),
      ` pid=${r.int(100, 9999)}\n`,
    ],
    () => [`${at} WARN  retrying request to sql-orders (attempt ${r.int(1, 3)})\n`],
    () => [`${at} DEBUG outbound headers: Authorization: `, pos(`Bearer ${jwt(r)}`, AUTH, JWT), '\n'],
    () => [`${at} ERROR db connect failed: password=`, pos(password(r), SECRET), ' host=sql-orders\n'],
    () => [`${at} INFO  sms sent to `, pos(phoneNumber(r), PHONE), ` template=otp\n`],
    () => [`${at} INFO  request ${r.uuid()} completed in ${r.int(3, 900)}ms\n`],
    () => [
      `${at} INFO  order `,
      neg(withLuhn(`4${r.digits(14)}`), 'luhn-order-number'),
      ` created, confirmation `,
      neg(`${r.int(200, 989)}-${r.int(200, 999)}-${r.digits(4)}`, 'phone-shaped-code'),
      '\n',
    ],
  ])();
}

export const PEOPLE: readonly EndpointSpec[] = [
  {
    id: 'employees.get',
    samples: 14,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'employees', `E${r.digits(6)}`],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        employeeId: `E${r.digits(6)}`,
        name: fullName(r),
        workEmail: pos(emailAddress(r), EMAIL),
        ssn: ssnValue(r),
        dateOfBirth: pos(birthDate(r), DOB),
        hireDate: r.isoDate(2010, 2024),
        homePhone: pos(phoneNumber(r), PHONE),
        bankAccount: { accountHolder: fullName(r), iban: pos(formatIban(ibanNumber(r), r), IBAN) },
        emergencyContact: { name: fullName(r), relationship: 'spouse', phone: pos(phoneNumber(r), PHONE) },
        badgeNumber: neg(r.digits(9), 'nine-digit-badge'),
      },
    }),
  },
  {
    id: 'employees.list',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'employees'],
      query: [
        ['department', r.pick(['finance', 'sales', 'it'])],
        ['top', '25'],
      ],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        value: Array.from({ length: r.int(2, 4) }, () => ({
          id: `E${r.digits(6)}`,
          name: fullName(r),
          email: pos(emailAddress(r), EMAIL),
          title: 'Analyst',
          costCenter: r.digits(9),
        })),
      },
    }),
  },
  {
    id: 'payroll.runs.create',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'payroll', 'runs'],
      requestHeaders: requestHeaders(r, 'basic'),
      requestBody: {
        period: '2024-05',
        employees: Array.from({ length: r.int(1, 3) }, () => ({
          employeeId: `E${r.digits(6)}`,
          ssnLast4: r.digits(4),
          netPay: r.int(1500, 9000),
          iban: pos(ibanNumber(r), IBAN),
        })),
      },
      responseHeaders: responseHeaders(r),
      responseCode: 202,
      responseBody: { runId: neg(r.uuid(), 'uuid'), status: 'scheduled' },
    }),
  },
  {
    id: 'travel.bookings.create',
    samples: 12,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'travel', 'bookings'],
      requestHeaders: requestHeaders(r, 'jwt'),
      requestBody: {
        traveller: {
          name: fullName(r),
          passportNumber: pos(passportNumber(r), PASSPORT),
          passportExpiry: r.isoDate(2026, 2034),
          nationality: r.pick(['US', 'GB']),
          dateOfBirth: pos(birthDate(r), DOB),
        },
        flight: {
          pnr: r.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 6),
          ticketNumber: neg(`016${r.digits(10)}`, 'ticket-number'),
        },
        contact: { email: pos(emailAddress(r), EMAIL), phone: pos(phoneNumber(r), PHONE) },
      },
      responseHeaders: responseHeaders(r),
      responseCode: 201,
      responseBody: { bookingId: `BK${r.digits(8)}`, status: 'confirmed' },
    }),
  },
  {
    id: 'kyc.verify',
    samples: 12,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'kyc', 'verify'],
      requestHeaders: requestHeaders(r, 'apikey'),
      requestBody: {
        // The document number sits under a generic name; only the sibling value "passport" says what it is.
        document: { type: 'passport', number: pos(passportNumber(r), PASSPORT), issuingCountry: 'USA' },
        person: {
          fullName: fullName(r),
          birthDate: pos(birthDate(r), DOB),
          // Half the integrations call it ssn, the others a generic government id.
          ...(r.chance(0.5)
            ? { ssn: pos(formatSsn(ssnDigits(r)), SSN) }
            : { governmentId: pos(formatSsn(ssnDigits(r)), SSN) }),
        },
      },
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        verificationId: neg(r.uuid(), 'uuid'),
        result: r.pick(['approved', 'review']),
        score: r.int(40, 99),
      },
    }),
  },
  {
    id: 'benefits.claims.get',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'claims', `CLM-${r.digits(7)}`],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        memberId: neg(r.digits(9), 'nine-digit-member-id'),
        groupNumber: neg(r.digits(9), 'nine-digit-member-id'),
        notes: text('Member called from ', pos(phoneNumber(r), PHONE), ' to ask about the status.'),
        diagnosisCode: r.pick(['J06.9', 'M54.5', 'K21.9']),
        serviceDate: r.isoDate(2023, 2024),
      },
    }),
  },
  {
    id: 'tax.forms.w2',
    samples: 10,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'tax', 'w2', String(r.int(2021, 2023))],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        employee: { name: fullName(r), tin: pos(formatSsn(ssnDigits(r)), SSN) },
        employer: { name: 'Contoso Inc', ein: neg(`${r.digits(2)}-${r.digits(7)}`, 'ein') },
        wages: r.int(30000, 200000),
        federalTaxWithheld: r.int(3000, 40000),
      },
    }),
  },
  {
    id: 'logs.tail',
    samples: 10,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'logs', 'tail'],
      query: [
        ['lines', '6'],
        ['since', r.timestamp()],
      ],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r, false),
      responseCode: 200,
      responseBody: text(...Array.from({ length: 6 }, () => logLine(r)).flat()),
    }),
  },
];
