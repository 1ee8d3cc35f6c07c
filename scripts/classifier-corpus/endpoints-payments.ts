import { money, requestHeaders, responseHeaders, someAuth } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import { badIban, sha256, testCard } from './negatives.js';
import { CARD, EMAIL, IBAN, neg, PHONE, pos, text } from './tags.js';
import { cardNumber, emailAddress, formatCard, formatIban, fullName, ibanNumber, phoneNumber } from './values.js';

/** Payments, checkout, invoices and payouts: card numbers, IBANs and the sandbox numbers that look like them. */
export const PAYMENTS: readonly EndpointSpec[] = [
  {
    id: 'payments.charge',
    samples: 16,
    make: (r) => {
      const sandbox = r.chance(0.25);
      const card = cardNumber(r);
      return {
        method: 'POST',
        path: ['v1', 'payments'],
        requestHeaders: requestHeaders(r, r.pick(['apikey', 'jwt', 'basic'])),
        requestBody: {
          amount: r.int(100, 90000),
          currency: r.pick(['usd', 'eur', 'gbp']),
          card: {
            number: sandbox ? neg(testCard(r), 'test-card') : pos(formatCard(card.digits, r), CARD),
            expMonth: r.int(1, 12),
            expYear: r.int(2025, 2031),
            cvc: r.digits(3),
          },
          billingEmail: pos(emailAddress(r), EMAIL),
          idempotencyKey: neg(r.uuid(), 'uuid'),
        },
        responseHeaders: responseHeaders(r),
        responseCode: 200,
        responseBody: {
          id: `ch_${r.hex(24)}`,
          status: 'succeeded',
          card: { brand: card.brand, last4: card.digits.slice(-4) },
          receiptEmail: pos(emailAddress(r), EMAIL),
          livemode: !sandbox,
        },
      };
    },
  },
  {
    id: 'payments.refund',
    samples: 8,
    make: (r) => {
      const declined = r.chance(0.4);
      return {
        method: 'POST',
        path: ['v1', 'refunds'],
        requestHeaders: requestHeaders(r, 'apikey'),
        requestBody: {
          chargeId: `ch_${r.hex(24)}`,
          amount: r.int(100, 5000),
          reason: r.pick(['duplicate', 'fraudulent', 'requested_by_customer']),
        },
        responseHeaders: responseHeaders(r),
        responseCode: declined ? 402 : 200,
        responseBody: declined
          ? {
              error: {
                code: 'card_declined',
                message: text(
                  'Card ',
                  pos(
                    formatCard(cardNumber(r).digits, r).replace(/^(\d{4})(\d{4})(\d{4})(\d{4})$/, '$1 $2 $3 $4'),
                    CARD,
                  ),
                  ' was declined by the issuer',
                ),
                requestId: r.uuid(),
              },
            }
          : { id: `re_${r.hex(24)}`, status: 'succeeded', balanceTransaction: `txn_${r.hex(24)}` },
      };
    },
  },
  {
    id: 'checkout.sessions.create',
    samples: 14,
    make: (r) => {
      const byCard = r.chance(0.6);
      return {
        method: 'POST',
        path: ['v1', 'checkout', 'sessions'],
        requestHeaders: requestHeaders(r, 'jwt'),
        requestBody: {
          cartId: neg(r.uuid(), 'uuid'),
          paymentMethod: byCard
            ? {
                type: 'card',
                card: {
                  pan: pos(cardNumber(r).digits, CARD),
                  expiry: `${String(r.int(1, 12)).padStart(2, '0')}/${r.int(25, 31)}`,
                  cvv: r.digits(3),
                  holderName: fullName(r),
                },
              }
            : {
                type: 'sepa_debit',
                sepaDebit: { iban: pos(formatIban(ibanNumber(r), r), IBAN), mandateReference: `MNDT-${r.digits(10)}` },
              },
          customer: { email: pos(emailAddress(r), EMAIL), phone: pos(phoneNumber(r), PHONE) },
        },
        responseHeaders: responseHeaders(r),
        responseCode: 201,
        responseBody: {
          sessionId: `cs_${r.hex(32)}`,
          url: `https://pay.contoso.com/c/${r.hex(32)}`,
          expiresAt: r.timestamp(),
        },
      };
    },
  },
  {
    id: 'invoices.get',
    samples: 9,
    make: (r) => {
      const invoice = r.digits(9);
      return {
        method: 'GET',
        path: ['v1', 'invoices', neg(invoice, 'nine-digit-invoice')],
        requestHeaders: requestHeaders(r, someAuth(r), false),
        responseHeaders: responseHeaders(r),
        responseCode: 200,
        responseBody: {
          invoiceNumber: neg(invoice, 'nine-digit-invoice'),
          issuedOn: r.isoDate(2023, 2025),
          dueDate: r.isoDate(2024, 2025),
          amountDue: money(r),
          payTo: {
            accountName: 'Contoso Ltd',
            iban: pos(formatIban(ibanNumber(r), r), IBAN),
            bic: r.pick(['DEUTDEFF', 'NWBKGB2L', 'INGBNL2A']),
          },
          customer: { name: fullName(r), vatId: `DE${r.digits(9)}`, email: pos(emailAddress(r), EMAIL) },
          pdfChecksum: neg(sha256(r), 'sha256'),
        },
      };
    },
  },
  {
    id: 'payouts.create',
    samples: 9,
    make: (r) => {
      const bad = r.chance(0.3);
      return {
        method: 'POST',
        path: ['v1', 'payouts'],
        requestHeaders: requestHeaders(r, 'jwt'),
        requestBody: {
          beneficiary: {
            name: fullName(r),
            iban: bad ? neg(badIban(r), 'bad-iban-checksum') : pos(formatIban(ibanNumber(r), r), IBAN),
            bic: 'COBADEFFXXX',
          },
          amount: money(r),
          reference: `Payout ${r.digits(6)}`,
        },
        responseHeaders: responseHeaders(r),
        responseCode: bad ? 400 : 202,
        responseBody: bad
          ? { error: 'invalid_iban', message: 'The IBAN check digits are wrong.' }
          : { payoutId: neg(r.uuid(), 'uuid'), status: 'queued' },
      };
    },
  },
];
