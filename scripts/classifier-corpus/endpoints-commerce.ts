import { money, requestHeaders, responseHeaders, someAuth } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import { isbn13, luhnOrderNumber, maskedCard, pageToken, sha256, zipPlus4 } from './negatives.js';
import type { Rng } from './rng.js';
import { EMAIL, neg, PHONE, pos } from './tags.js';
import { city, emailAddress, fullName, phoneNumber, withLuhn } from './values.js';

export function orderId(r: Rng) {
  return r.chance(0.5) ? neg(luhnOrderNumber(r), 'luhn-order-number') : `ORD-${r.digits(8)}`;
}

export function address(r: Rng, withPhone: boolean) {
  return {
    name: fullName(r),
    line1: `${r.int(1, 999)} ${r.pick(['Pine St', 'High Street', 'Hauptstraße', 'Rue de Rivoli'])}`,
    city: city(r),
    postalCode: r.chance(0.3) ? neg(zipPlus4(r), 'zip-plus-4') : String(r.int(10000, 99999)),
    ...(withPhone ? { phone: pos(phoneNumber(r), PHONE) } : {}),
  };
}

export function items(r: Rng) {
  return Array.from({ length: r.int(1, 3) }, () => ({
    sku: `SKU-${r.digits(6)}`,
    quantity: r.int(1, 4),
    unitPrice: money(r),
  }));
}

export const ORDERS: readonly EndpointSpec[] = [
  {
    id: 'orders.get',
    samples: 10,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'orders', `ORD-${r.digits(8)}`],
      requestHeaders: requestHeaders(r, someAuth(r), false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        id: orderId(r),
        status: r.pick(['pending', 'shipped', 'delivered']),
        createdAt: r.timestamp(),
        customer: { id: neg(r.uuid(), 'uuid'), name: fullName(r), email: pos(emailAddress(r), EMAIL) },
        shipping: address(r, r.chance(0.7)),
        items: items(r),
        payment: {
          method: 'card',
          brand: r.pick(['visa', 'mastercard']),
          last4: r.digits(4),
          maskedPan: neg(maskedCard(r), 'masked-card'),
        },
        trackingNumber: neg(luhnOrderNumber(r), 'luhn-order-number'),
      },
    }),
  },
  {
    id: 'orders.create',
    samples: 9,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'orders'],
      requestHeaders: requestHeaders(r, someAuth(r)),
      requestBody: {
        customerId: neg(r.uuid(), 'uuid'),
        items: items(r),
        paymentMethodId: `pm_${r.hex(24)}`,
        shippingAddress: address(r, r.chance(0.8)),
        giftMessage: r.chance(0.3) ? `Happy birthday ${fullName(r)}!` : '',
      },
      responseHeaders: responseHeaders(r),
      responseCode: 201,
      responseBody: {
        id: orderId(r),
        status: 'pending',
        total: money(r),
        currency: 'EUR',
        estimatedDelivery: r.isoDate(2024, 2025),
      },
    }),
  },
  {
    id: 'orders.list',
    samples: 9,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'orders'],
      query: [
        ['customerEmail', pos(emailAddress(r), EMAIL)],
        ['page', String(r.int(1, 9))],
        ['pageSize', '50'],
      ],
      requestHeaders: requestHeaders(r, someAuth(r), false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        value: Array.from({ length: r.int(1, 4) }, () => ({
          id: orderId(r),
          total: money(r),
          placedAt: r.timestamp(),
          customerEmail: pos(emailAddress(r), EMAIL),
        })),
        continuationToken: neg(pageToken(r), 'page-token'),
      },
    }),
  },
];

export const SHOP: readonly EndpointSpec[] = [
  {
    id: 'customers.get',
    samples: 10,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'customers', neg(r.uuid(), 'uuid')],
      requestHeaders: requestHeaders(r, someAuth(r), false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        firstName: fullName(r).split(' ')[0] ?? '',
        lastName: fullName(r).split(' ')[1] ?? '',
        email: pos(emailAddress(r), EMAIL),
        ...(r.chance(0.6) ? { mobile: pos(phoneNumber(r), PHONE) } : {}),
        address: address(r, false),
        // Loyalty programmes print Luhn-valid numbers under names like cardNumber; they are not payment cards.
        loyalty: {
          tier: r.pick(['gold', 'silver']),
          cardNumber: neg(withLuhn(`${r.pick(['7', '9', '6'])}${r.digits(14)}`), 'loyalty-card-number'),
          points: r.int(0, 90000),
        },
        createdAt: r.timestamp(),
      },
    }),
  },
  {
    id: 'customers.search',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'customers'],
      query: [
        ['phone', pos(phoneNumber(r), PHONE)],
        ['limit', '10'],
      ],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        results: [{ id: neg(r.uuid(), 'uuid'), name: fullName(r), email: pos(emailAddress(r), EMAIL) }],
        total: 1,
      },
    }),
  },
  {
    id: 'carts.get',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'carts', neg(r.uuid(), 'uuid')],
      requestHeaders: requestHeaders(r, 'none', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        items: items(r),
        couponCode: r.pick(['SPRING24', 'WELCOME10', '']),
        updatedAt: r.timestamp(),
        updatedAtMs: neg(1_700_000_000_000 + r.int(0, 9_999_999), 'epoch-millis'),
        currency: 'EUR',
      },
    }),
  },
  {
    id: 'catalog.products.list',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'products'],
      query: [
        ['category', r.pick(['books', 'garden', 'toys'])],
        ['sort', 'price'],
      ],
      requestHeaders: requestHeaders(r, 'none', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        products: Array.from({ length: 3 }, () => ({
          id: `P${r.digits(7)}`,
          isbn: neg(isbn13(r), 'isbn'),
          gtin: neg(withLuhn(r.digits(12)), 'gtin'),
          title: `${r.pick(['The', 'A'])} ${r.pick(['Quiet', 'Bright', 'Hidden'])} ${r.pick(['Garden', 'River', 'Engine'])}`,
          price: money(r),
          image: `https://cdn.contoso.com/img/${r.hex(16)}@2x.png`,
          imageHash: neg(sha256(r), 'sha256'),
        })),
      },
    }),
  },
  {
    id: 'shipments.track',
    samples: 8,
    make: (r) => {
      const tracking = luhnOrderNumber(r);
      return {
        method: 'GET',
        path: ['v1', 'shipments', neg(tracking, 'luhn-order-number')],
        requestHeaders: requestHeaders(r, 'none', false),
        responseHeaders: responseHeaders(r),
        responseCode: 200,
        responseBody: {
          trackingNumber: neg(tracking, 'luhn-order-number'),
          carrier: r.pick(['DHL', 'UPS', 'Royal Mail']),
          events: Array.from({ length: r.int(1, 3) }, () => ({
            at: r.timestamp(),
            location: city(r),
            status: r.pick(['in_transit', 'out_for_delivery']),
          })),
          signedBy: r.chance(0.4) ? fullName(r) : '',
        },
      };
    },
  },
];
