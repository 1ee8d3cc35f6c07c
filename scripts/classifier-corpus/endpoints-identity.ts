import { requestHeaders, responseHeaders } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import { placeholderSecret } from './negatives.js';
import { apiKey, jwt, opaqueToken, password } from './secrets.js';
import { CARD, DOB, EMAIL, IP, JWT, neg, PHONE, pos, SECRET, text } from './tags.js';
import { birthDate, cardNumber, city, emailAddress, formatCard, fullName, ip, phoneNumber } from './values.js';

const SCOPES = 'openid profile offline_access api://orders/.default';

export const IDENTITY: readonly EndpointSpec[] = [
  {
    id: 'oauth.token',
    samples: 12,
    make: (r) => {
      const refresh = r.chance(0.5);
      return {
        method: 'POST',
        host: 'login.contoso.com',
        path: ['oauth2', 'v2.0', 'token'],
        requestHeaders: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-client-sku': 'MSAL.Node',
          'x-client-ver': neg('2.6.4', 'version-string'),
        },
        requestForm: refresh
          ? [
              ['grant_type', 'refresh_token'],
              ['client_id', neg(r.uuid(), 'uuid')],
              ['refresh_token', pos(opaqueToken(r), SECRET)],
              ['scope', SCOPES],
            ]
          : [
              ['grant_type', 'client_credentials'],
              ['client_id', neg(r.uuid(), 'uuid')],
              ['client_secret', pos(apiKey(r), SECRET)],
              ['scope', SCOPES],
            ],
        responseHeaders: responseHeaders(r),
        responseCode: 200,
        responseBody: {
          token_type: neg('Bearer', 'token-type'),
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: pos(jwt(r), JWT),
          ...(refresh ? { refresh_token: pos(opaqueToken(r), SECRET), id_token: pos(jwt(r), JWT) } : {}),
        },
      };
    },
  },
  {
    id: 'auth.login',
    samples: 10,
    make: (r) => {
      const ok = r.chance(0.7);
      const user = emailAddress(r);
      return {
        method: 'POST',
        path: ['v1', 'auth', 'login'],
        requestHeaders: requestHeaders(r, 'none'),
        requestBody: { username: pos(user, EMAIL), password: pos(password(r), SECRET), rememberMe: r.chance(0.5) },
        responseHeaders: responseHeaders(r),
        responseCode: ok ? 200 : 401,
        responseBody: ok
          ? {
              accessToken: pos(jwt(r), JWT),
              expiresIn: 900,
              tokenType: neg('Bearer', 'token-type'),
              user: { id: neg(r.uuid(), 'uuid'), email: pos(user, EMAIL) },
            }
          : {
              error: 'invalid_grant',
              message: 'Invalid username or password.',
              passwordResetUrl: 'https://contoso.com/account/reset',
            },
      };
    },
  },
  {
    id: 'users.me',
    samples: 10,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'users', 'me'],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        id: neg(r.uuid(), 'uuid'),
        displayName: fullName(r),
        mail: pos(emailAddress(r), EMAIL),
        ...(r.chance(0.7) ? { mobilePhone: pos(phoneNumber(r), PHONE) } : {}),
        ...(r.chance(0.6) ? { birthday: pos(birthDate(r), DOB) } : {}),
        preferredLanguage: 'en-US',
        officeLocation: city(r),
        lastSignIn: { ipAddress: pos(ip(r), IP), at: r.timestamp(), client: 'Contoso-iOS/5.14.2' },
        mfa: { enabled: r.chance(0.8), defaultMethod: r.pick(['authenticatorApp', 'sms']) },
      },
    }),
  },
  {
    id: 'users.signup',
    samples: 10,
    make: (r) => {
      const secret = password(r);
      const user = emailAddress(r);
      return {
        method: 'POST',
        path: ['v1', 'users'],
        requestHeaders: requestHeaders(r, 'none'),
        requestBody: {
          email: pos(user, EMAIL),
          password: pos(secret, SECRET),
          confirmPassword: pos(secret, SECRET),
          phone: pos(phoneNumber(r), PHONE),
          dateOfBirth: pos(birthDate(r), DOB),
          marketingOptIn: r.chance(0.3),
        },
        responseHeaders: responseHeaders(r),
        responseCode: 201,
        responseBody: {
          id: neg(r.uuid(), 'uuid'),
          email: pos(user, EMAIL),
          passwordPolicy: { minLength: 12, requireDigits: true, maxAgeDays: 90 },
          passwordLastChanged: neg(r.timestamp(), 'password-metadata'),
          createdAt: r.timestamp(),
        },
      };
    },
  },
  {
    id: 'users.password.reset',
    samples: 8,
    make: (r) => {
      const confirm = r.chance(0.5);
      return {
        method: 'POST',
        path: ['v1', 'users', 'password', confirm ? 'confirm' : 'reset'],
        requestHeaders: requestHeaders(r, 'none'),
        requestBody: confirm
          ? { resetToken: pos(opaqueToken(r), SECRET), newPassword: pos(password(r), SECRET) }
          : { email: pos(emailAddress(r), EMAIL) },
        responseHeaders: responseHeaders(r),
        responseCode: 202,
        responseBody: {
          message: 'If the account exists, a password reset link has been sent.',
          resetTokenExpiresAt: neg(r.timestamp(), 'token-metadata'),
        },
      };
    },
  },
  {
    id: 'apikeys.create',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'apikeys'],
      requestHeaders: requestHeaders(r, 'jwt'),
      requestBody: { name: `${r.pick(['ci', 'etl', 'partner'])}-key`, scopes: ['orders:read'] },
      responseHeaders: responseHeaders(r),
      responseCode: 201,
      responseBody: {
        apiKeyId: neg(r.uuid(), 'uuid'),
        apiKey: pos(apiKey(r), SECRET),
        keyPrefix: 'sk_live_',
        createdAt: r.timestamp(),
        expiresAt: r.timestamp(),
      },
    }),
  },
  {
    id: 'apikeys.list',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'apikeys'],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        keys: Array.from({ length: r.int(1, 3) }, () => ({
          id: neg(r.uuid(), 'uuid'),
          name: 'partner-key',
          keyHint: neg(`****${r.hex(4)}`, 'masked-secret'),
          lastUsedAt: r.timestamp(),
          createdBy: pos(emailAddress(r), EMAIL),
        })),
      },
    }),
  },
  {
    id: 'sessions.list',
    samples: 8,
    make: (r) => ({
      method: 'GET',
      path: ['v1', 'sessions'],
      requestHeaders: requestHeaders(r, 'jwt', false),
      responseHeaders: responseHeaders(r),
      responseCode: 200,
      responseBody: {
        sessions: Array.from({ length: r.int(1, 3) }, () => ({
          sessionId: neg(r.uuid(), 'uuid'),
          ipAddress: pos(ip(r), IP),
          userAgent: neg('Contoso-Android/3.2.1.0 (Android 14; Pixel 8)', 'user-agent-versions'),
          location: city(r),
          startedAt: r.timestamp(),
        })),
      },
    }),
  },
  {
    id: 'webhooks.register',
    samples: 8,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'webhooks'],
      requestHeaders: requestHeaders(r, 'apikey'),
      requestBody: {
        url: `https://hooks.fabrikam.io/${r.hex(12)}`,
        secret: r.chance(0.8)
          ? pos(r.chance(0.5) ? `whsec_${r.hex(32)}` : r.hex(40), SECRET)
          : neg(placeholderSecret(r), 'placeholder-secret'),
        events: ['order.created', 'order.refunded'],
      },
      responseHeaders: responseHeaders(r),
      responseCode: 201,
      responseBody: {
        id: neg(r.uuid(), 'uuid'),
        signingSecretHint: neg(`whsec_****${r.hex(4)}`, 'masked-secret'),
        status: 'active',
      },
    }),
  },
  {
    id: 'scim.users.list',
    samples: 8,
    make: (r) => {
      const user = emailAddress(r);
      return {
        method: 'GET',
        path: ['scim', 'v2', 'Users'],
        query: [
          ['filter', pos(`userName eq "${user}"`, EMAIL)],
          ['count', '1'],
        ],
        requestHeaders: requestHeaders(r, 'opaque', false),
        responseHeaders: responseHeaders(r),
        responseCode: 200,
        responseBody: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
          totalResults: 1,
          Resources: [
            {
              id: neg(r.uuid(), 'uuid'),
              userName: pos(user, EMAIL),
              name: { givenName: fullName(r).split(' ')[0] ?? '', familyName: fullName(r).split(' ')[1] ?? '' },
              emails: [{ value: pos(user, EMAIL), primary: true }],
              phoneNumbers: r.chance(0.7) ? [{ value: pos(phoneNumber(r), PHONE), type: 'work' }] : [],
              active: true,
            },
          ],
        },
      };
    },
  },
  {
    id: 'support.tickets.create',
    samples: 12,
    make: (r) => {
      const body = r.pick([
        () =>
          text(
            'Hi, I was charged twice. My card is ',
            pos(formatCard(cardNumber(r).digits, r), CARD),
            ', please refund one of them.',
          ),
        () => text('I read out ', pos(cardNumber(r).digits, CARD), ' to your agent yesterday and nothing happened.'),
        () =>
          text(
            'Please call me back on ',
            pos(phoneNumber(r), PHONE),
            ' about order ',
            neg(`${r.digits(8)}`, 'order-number'),
            '.',
          ),
        () =>
          text('I cannot log in. My email is ', pos(emailAddress(r), EMAIL), ' and I already reset my password twice.'),
        () => text('The app crashes on version ', neg('3.2.1.0', 'version-string'), ' when I open the basket.'),
        () => text('Invoice ', neg(r.digits(9), 'nine-digit-invoice'), ' shows the wrong VAT rate.'),
      ])();
      return {
        method: 'POST',
        path: ['v1', 'support', 'tickets'],
        requestHeaders: requestHeaders(r, 'jwt'),
        requestBody: {
          subject: r.pick(['Billing', 'Login problem', 'App crash', 'Refund']),
          description: body,
          requester: pos(emailAddress(r), EMAIL),
          priority: 'normal',
        },
        responseHeaders: responseHeaders(r),
        responseCode: 201,
        responseBody: { ticketId: `T-${r.digits(7)}`, status: 'open' },
      };
    },
  },
];
