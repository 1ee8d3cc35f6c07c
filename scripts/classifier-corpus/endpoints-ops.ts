import { requestHeaders, responseHeaders } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import { fourPartVersion, sha256 } from './negatives.js';
import type { Rng } from './rng.js';
import { apiKey, opaqueToken, password } from './secrets.js';
import { EMAIL, IP, JWT, neg, PHONE, pos, SECRET, text, URL_CREDS } from './tags.js';
import { emailAddress, ip, phoneNumber } from './values.js';
import { jwt } from './secrets.js';

/** A misconfigured debug endpoint dumping its environment: secrets in every shape configuration takes. */
function environment(r: Rng) {
  return {
    NODE_ENV: 'production',
    PORT: '8080',
    APP_VERSION: neg(fourPartVersion(r), 'version-string'),
    DATABASE_URL: pos(
      `postgres://app:${password(r).replace(/[@:/#?]/g, '')}@pg-orders.postgres.database.azure.com:5432/orders`,
      URL_CREDS,
    ),
    REDIS_URL: pos(`rediss://:${opaqueToken(r).slice(0, 32)}@redis-cache.redis.cache.windows.net:6380`, URL_CREDS),
    GITHUB_TOKEN: pos(`ghp_${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 36)}`, SECRET),
    DB_PASS: pos(password(r), SECRET),
    AZURE_CLIENT_ID: neg(r.uuid(), 'uuid'),
    AZURE_TENANT_ID: neg(r.uuid(), 'uuid'),
    AZURE_CLIENT_SECRET: pos(apiKey(r), SECRET),
    SLACK_WEBHOOK_URL: pos(
      `https://hooks.slack.com/services/T${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8)}/B${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${r.chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 24)}`,
      SECRET,
    ),
    LOG_LEVEL: 'info',
    SESSION_TIMEOUT_SECONDS: '3600',
    TOKEN_LIFETIME: 'PT1H',
  };
}

function digitGroups(r: Rng): string {
  return `${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)}`;
}

export const OPS: readonly EndpointSpec[] = [
  {
    id: 'debug.env',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['debug', 'env'],
      requestHeaders: requestHeaders(r, 'none', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: { env: environment(r), pid: r.int(100, 9999), uptime: r.int(10, 99999) },
    }),
  },
  {
    id: 'media.get',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'media', neg(r.uuid(), 'uuid')],
      requestHeaders: {
        ...requestHeaders(r, 'jwt', false),
        traceparent: neg(`00-${r.hex(32)}-${r.hex(16)}-01`, 'trace-context'),
      },
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        thumbnail: neg(`data:image/png;base64,${r.bytes(r.int(1500, 4000)).toString('base64')}`, 'base64-image'),
        sha256: neg(sha256(r), 'sha256'),
        width: 320,
        height: 240,
        uploadedBy: pos(emailAddress(r), EMAIL),
      },
    }),
  },
  {
    id: 'activations.create',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'activations'],
      requestHeaders: requestHeaders(r, 'apikey'),
      requestBody: {
        productKey: neg(
          `${r.chars('BCDFGHJKMPQRTVWXY2346789', 5)}-${r.chars('BCDFGHJKMPQRTVWXY2346789', 5)}-${r.chars('BCDFGHJKMPQRTVWXY2346789', 5)}`,
          'product-key',
        ),
        deviceName: 'LAPTOP-7F3K2',
      },
      responseHeaders: responseHeaders(r),
      responseCode: 201,
      responseBody: {
        activationCode: neg(digitGroups(r), 'activation-code'),
        confirmationCode: neg(`${r.int(200, 989)}-${r.int(200, 999)}-${r.digits(4)}`, 'phone-shaped-code'),
        validUntil: r.isoDate(2025, 2027),
      },
    }),
  },
  {
    id: 'deployments.history',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'deployments'],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r, false),
      responseCode: 200,
      responseBody: text(
        `${r.timestamp()} upgrade from `,
        neg(fourPartVersion(r), 'version-string'),
        ' to ',
        neg(fourPartVersion(r), 'version-string'),
        ` completed by `,
        pos(emailAddress(r), EMAIL),
        `\n${r.timestamp()} rollout to ring 1 (${r.int(2, 40)} hosts), build `,
        neg(fourPartVersion(r), 'version-string'),
        '\n',
      ),
    }),
  },
  {
    id: 'realtime.negotiate',
    samples: 8,
    make: (r) => {
      const inQuery = r.chance(0.5);
      return {
        method: 'POST',
        path: ['v1', 'realtime', 'negotiate'],
        query: inQuery
          ? [
              ['access_token', pos(jwt(r), JWT)],
              ['negotiateVersion', '1'],
            ]
          : [
              ['token', pos(opaqueToken(r), SECRET)],
              ['negotiateVersion', '1'],
            ],
        requestHeaders: requestHeaders(r, 'none', false),
        responseHeaders: responseHeaders(r),
        responseCode: 200,
        responseBody: {
          connectionId: opaqueToken(r).slice(0, 22),
          connectionToken: pos(opaqueToken(r), SECRET),
          negotiateVersion: 1,
          availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }],
        },
      };
    },
  },
  {
    id: 'contact.requests.create',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'contact-requests'],
      requestHeaders: requestHeaders(r, 'none'),
      requestBody: {
        message: r.pick([
          () => text('Hello, please reach me at ', pos(phoneNumber(r), PHONE), ' after 5pm.'),
          () => text('You can write to ', pos(emailAddress(r), EMAIL), ' or ring ', pos(phoneNumber(r), PHONE), '.'),
          () => text('Our office moved; the VPN gateway is now ', pos(ip(r), IP), '.'),
          () =>
            text('Quote reference ', neg(r.digits(9), 'nine-digit-reference'), ', delivery before 2024-06-01 please.'),
        ])(),
        consent: true,
      },
      responseHeaders: responseHeaders(r),
      responseCode: 202,
      responseBody: { received: true, reference: `CR-${r.digits(6)}` },
    }),
  },
];
