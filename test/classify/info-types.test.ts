import { describe, expect, it } from 'vitest';
import { classifyMessage, EMULATOR_ACCOUNT_KEY } from '../../src/classify/index.js';
import {
  AUTH,
  AWS,
  CARD,
  DOB,
  EMAIL,
  IBAN,
  IP,
  JWT,
  PASSPORT,
  PHONE,
  PRIVATE_KEY,
  SAS,
  SECRET,
  SSN,
  STORAGE_CONN,
  STORAGE_KEY,
  typesAt,
  typesOf,
  VALUES,
} from './helpers.js';

const PEM_BODY =
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvuNMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ';

describe('Credit Card Number', () => {
  it('is high under a card name or next to a verification code, medium when printed in groups', () => {
    expect(typesOf('cardNumber', VALUES.visa)).toEqual([CARD]);
    expect(typesAt({ card: { number: VALUES.mastercard, cvc: '123' } })['$.card.number']).toEqual([CARD]);
    expect(typesOf('value', '4539 1488 0343 6467')).toEqual([CARD]);
  });
  it('leaves Luhn-valid ids without card context at low confidence', () => {
    expect(typesOf('orderNumber', VALUES.visa)).toEqual([]);
    expect(typesOf('orderNumber', VALUES.visa, 'low')).toEqual([CARD]);
  });
  it('ignores published test numbers, failed checksums, unknown issuers and programme cards', () => {
    for (const n of ['4111111111111111', '4242424242424242', '5555555555554444', '378282246310005'])
      expect(typesOf('cardNumber', n), n).toEqual([]);
    expect(typesOf('cardNumber', '4539148803436468')).toEqual([]);
    expect(typesOf('cardNumber', '9539148803436461')).toEqual([]);
    expect(typesAt({ loyalty: { cardNumber: '6451649770572928' } })).toEqual({});
  });
});

describe('U.S. Social Security Number (SSN)', () => {
  it('is high formatted with a keyword, medium unformatted with one', () => {
    expect(typesOf('ssn', '536-90-4421')).toEqual([SSN]);
    expect(typesOf('ssn', '536904421')).toEqual([SSN]);
    expect(typesOf('note', 'SSN: 536-90-4421')).toEqual([SSN]);
  });
  it('needs a keyword for nine bare digits', () => {
    expect(typesOf('invoiceNumber', '536904421')).toEqual([]);
  });
  it('rejects never-issued ranges, famous samples and masks', () => {
    for (const v of [
      '000-12-3456',
      '666-12-3456',
      '912-34-5678',
      '536-00-4421',
      '536-90-0000',
      '123-45-6789',
      '078-05-1120',
      '***-**-4421',
    ]) {
      expect(typesOf('ssn', v), v).toEqual([]);
    }
  });
});

describe('International Banking Account Number (IBAN)', () => {
  it('finds valid IBANs compact, printed or in lower case', () => {
    expect(typesOf('iban', VALUES.ibanDe)).toEqual([IBAN]);
    expect(typesOf('beneficiary', 'DE89 3704 0044 0532 0130 00')).toEqual([IBAN]);
    expect(typesOf('reference', `pay to ${VALUES.ibanFr} by Friday`)).toEqual([IBAN]);
    expect(typesOf('iban', VALUES.ibanDe.toLowerCase())).toEqual([IBAN]);
  });
  it('rejects wrong check digits and wrong lengths, and does not see a card inside an IBAN', () => {
    expect(typesOf('iban', 'DE88370400440532013000')).toEqual([]);
    expect(typesOf('iban', 'DE8937040044053201300')).toEqual([]);
    expect(typesOf('iban', 'PL53 4867 7798 4051 2100 5860 1393')).not.toContain(CARD);
  });
});

describe('Email Address and Phone Number', () => {
  it('finds addresses and validates phone numbers with libphonenumber', () => {
    expect(typesOf('createdBy', 'jane.doe@contoso.com')).toEqual([EMAIL]);
    expect(typesOf('mobile', '(415) 555-2671')).toEqual([PHONE]);
    expect(typesOf('contact', '+44 20 7946 0958')).toEqual([PHONE]);
    expect(typesOf('notes', 'call me on 415-555-2671 tomorrow')).toEqual([PHONE]);
  });
  it('skips file names, SSH remotes, ids and invalid numbers', () => {
    expect(typesOf('image', 'https://cdn.contoso.com/logo@2x.png')).toEqual([]);
    expect(typesOf('remote', 'git@github.com:contoso/app.git')).toEqual([]);
    expect(typesOf('orderId', '4155552671')).toEqual([]);
    expect(typesOf('phone', '+1 555 555 5555')).toEqual([]);
    expect(typesOf('published', '2024-01-15')).toEqual([]);
  });
});

describe('IP Address', () => {
  it('finds IPv4 and IPv6 addresses', () => {
    expect(typesOf('clientIp', '203.0.113.7')).toEqual([IP]);
    expect(typesOf('peer', '2001:db8:85a3::8a2e:370:7334')).toEqual([IP]);
    expect(typesOf('message', 'connection from 10.1.2.3 refused')).toEqual([IP]);
  });
  it('leaves versions, netmasks, loopback and timestamps alone; a MAC address is its own type', () => {
    expect(typesOf('appVersion', '2.4.1.0')).toEqual([]);
    expect(typesOf('message', 'upgrade from 3.2.10.177 to 11.4.8.25 done')).toEqual([]);
    expect(typesOf('mask', '255.255.255.0')).toEqual([]);
    expect(typesOf('endpoint', 'http://127.0.0.1:10000')).toEqual([]);
    expect(typesOf('mac', '00:1A:2B:3C:4D:5E')).toEqual(['MAC Address']);
    expect(typesOf('at', '2024-05-14T09:12:44.123Z')).toEqual([]);
  });
});

describe('Date of Birth and U.S./U.K. Passport Number', () => {
  it('needs a birth keyword; any real date format is read', () => {
    expect(typesOf('dateOfBirth', '1984-07-19')).toEqual([DOB]);
    expect(typesOf('dob', '07/19/1984')).toEqual([DOB]);
    expect(typesOf('birthDate', '19 July 1984')).toEqual([DOB]);
    expect(typesOf('bio', 'born on 19 July 1984 in Leeds')).toEqual([DOB]);
    expect(typesOf('createdAt', '1984-07-19')).toEqual([]);
    expect(typesOf('dob', '1985-02-29')).toEqual([]);
  });
  it('needs a passport keyword, in the name, a discriminator or nearby text', () => {
    expect(typesOf('passportNumber', '512345678')).toEqual([PASSPORT]);
    expect(typesAt({ document: { type: 'passport', number: 'A12345678' } })['$.document.number']).toEqual([PASSPORT]);
    expect(typesOf('note', 'passport no 512345678')).toEqual([PASSPORT]);
    expect(typesOf('memberId', '512345678')).toEqual([]);
  });
});

describe('credentials', () => {
  it('JSON Web Token: three base64url parts with a JSON header naming alg', () => {
    expect(typesOf('access_token', VALUES.jwt)).toEqual([JWT]);
    expect(typesOf('sample', 'eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiIxIn0.c2ln')).toEqual([]);
    const jwtIo =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    expect(typesOf('token', jwtIo)).toEqual([]);
  });
  it('Http Authorization Header: a scheme and a real credential, in headers or text', () => {
    const f = classifyMessage({ requestHeaders: { Authorization: `Bearer ${VALUES.jwt}` } })
      .map((x) => x.infoType)
      .sort();
    expect(f).toEqual([AUTH, JWT]);
    expect(
      classifyMessage({ requestHeaders: { authorization: 'Basic c3ZjLW9yZGVyczpYcTg0a0xtTjJw' } }).map(
        (x) => x.infoType,
      ),
    ).toEqual([AUTH]);
    for (const v of ['Bearer <token>', 'Bearer ${ACCESS_TOKEN}', 'Bearer null', 'Bearer xxxxx']) {
      expect(classifyMessage({ requestHeaders: { Authorization: v } }), v).toEqual([]);
    }
    expect(typesOf('log', 'outbound headers: Authorization: Bearer abcdef0123456789XYZ')).toEqual([AUTH]);
  });
  it('Azure storage key, connection string and SAS token, but not the emulator or a digest', () => {
    expect(typesOf('primaryKey', VALUES.storageKey)).toEqual([STORAGE_KEY]);
    const conn = `DefaultEndpointsProtocol=https;AccountName=stcontoso;AccountKey=${VALUES.storageKey};EndpointSuffix=core.windows.net`;
    expect(typesOf('AzureWebJobsStorage', conn)).toEqual([STORAGE_KEY, STORAGE_CONN]);
    expect(
      typesOf(
        'AzureWebJobsStorage',
        `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${EMULATOR_ACCOUNT_KEY};`,
      ),
    ).toEqual([]);
    expect(typesOf('key', EMULATOR_ACCOUNT_KEY)).toEqual([]);
    expect(typesOf('integrity', `sha512-${VALUES.storageKey}`)).toEqual([]);
    const sas =
      'https://st.blob.core.windows.net/c/f.pdf?sv=2022-11-02&ss=b&sp=r&se=2025-01-01T00%3A00%3A00Z&sig=abcDEF123%2Bghi456JKL789mno0pqRS%3D';
    expect(typesOf('uploadUrl', sas)).toEqual([SAS]);
    expect(typesOf('uploadUrl', sas.replace(/sv=[^&]+&/, ''))).toEqual([]);
  });
  it('AWS access keys and private keys, not the documentation key or a public key', () => {
    expect(typesOf('accessKeyId', 'AKIAZ7QW3ERT5YUI8OPL')).toEqual([AWS]);
    expect(typesOf('accessKeyId', 'AKIAIOSFODNN7EXAMPLE')).toEqual([]);
    expect(
      typesOf('privateKey', `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`),
    ).toEqual([PRIVATE_KEY]);
    expect(typesOf('publicKey', `-----BEGIN PUBLIC KEY-----\n${PEM_BODY}\n-----END PUBLIC KEY-----`)).toEqual([]);
    expect(typesOf('privateKey', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----')).toEqual([]);
  });
  it('Generic Secret: credential names with real values; placeholders, metadata and pagination tokens excluded', () => {
    expect(typesOf('password', 'Summer2024!')).toEqual([SECRET]);
    expect(typesOf('client_secret', 'Xq8~v3EJr0WRqFfVdkRxwmQjrcC9Uuksvw')).toEqual([SECRET]);
    expect(typesOf('apiKey', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc')).toEqual([SECRET]);
    expect(typesOf('env', 'postgres://app:S3cr3tPa55@db:5432/app')).toEqual(['URL with Embedded Credentials']);
    expect(typesOf('config', 'Server=tcp:sql;User ID=app;Password=q2WltnH47WOu96jV;')).toEqual([SECRET]);
    for (const v of ['xxxx', 'changeme', '<your-key-here>', '<redacted>', '***', ''])
      expect(typesOf('apiKey', v), v).toEqual([]);
    expect(typesOf('password', 'changeme')).toEqual([]);
    expect(typesOf('tokenType', 'Bearer')).toEqual([]);
    expect(typesOf('passwordPolicy', 'minimum 12 characters')).toEqual([]);
    expect(typesOf('nextPageToken', 'eyJvZmZzZXQiOjIwLCJ0cyI6MTcwMDAwMDAwMH0=')).toEqual([]);
    expect(typesOf('apiKeyId', '3f2b7c1e-8d4a-4f6b-9e2d-1a5c7b9d0e3f')).toEqual([]);
    expect(typesOf('idempotencyKey', 'a8f3e2b1c9d04e5f8a7b6c5d4e3f2a1b')).toEqual([]);
  });
  it('a JWT in a token field is reported as a JWT, not also as a generic secret', () => {
    expect(typesOf('refreshToken', VALUES.jwt)).toEqual([JWT]);
  });
});
