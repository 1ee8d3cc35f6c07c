import { requestHeaders, responseHeaders } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import type { Rng } from './rng.js';
import { password } from './secrets.js';
import { AWS, IBAN, IP, JWT, neg, PHONE, pos, SECRET, SSN, text, type Tagged } from './tags.js';
import { ibanNumber, publicIpv4 } from './values.js';

/**
 * Support notes and pasted configuration: the printed forms a classifier meets beyond clean JSON fields. Phone numbers
 * in national format with the local word for "phone", digit-grouped account, tax and organisation numbers that are
 * not phones, provider tokens in their newer forms and as template placeholders, password assignments in the
 * syntaxes of several languages, unsigned JWTs.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function nationalPhone(r: Rng): Tagged {
  return r.pick([
    () => text('Telefon: ', pos(`0151 ${r.digits(4)} ${r.int(1000, 9999)}`, PHONE)),
    () => text('portable : ', pos(`06 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`, PHONE)),
    () => text('móvil ', pos(`6${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`, PHONE)),
    () => text('cellulare ', pos(`34${r.int(0, 9)} ${r.digits(3)} ${r.digits(4)}`, PHONE)),
    () =>
      text(
        'Call me on ',
        pos(`+44 7${r.pick(['4', '5', '7', '8', '9'])}${r.digits(2)} ${r.digits(6)}`, PHONE),
        ' after five',
      ),
  ])();
}

/** Digit groups that are not phones: each is something else, or nothing, never a Phone Number. */
function notAPhone(r: Rng): Tagged {
  return r.pick([
    () => {
      const iban = ibanNumber(r);
      const broken = `${iban.slice(0, 2)}${String((Number(iban.slice(2, 4)) + 1) % 100).padStart(2, '0')}${iban.slice(4)}`;
      return text('iban ', neg(broken.replace(/(.{4})/g, '$1 ').trim(), 'invalid-iban-digit-groups'));
    },
    () => text('IBAN ', pos(ibanNumber(r).replace(/(.{4})(?=.)/g, '$1-'), IBAN)),
    () => text('login from (', pos(publicIpv4(r), IP), ') blocked'),
    () => text('ref ', neg(`${r.int(100, 899)}.${r.digits(2)}.${r.int(1000, 9999)}`, 'ssn-shaped-reference')),
    () => text('VAT ', neg(`DE ${r.digits(3)} ${r.digits(3)} ${r.digits(3)}`, 'vat-number')),
    () => text('org.nr ', neg(`5${r.digits(5)}-${r.digits(4)}`, 'organisation-number')),
    () => text('SSN ', pos(`${r.int(100, 665)}.${r.int(10, 99)}.${r.int(1000, 9999)}`, SSN)),
  ])();
}

function unsignedJwt(r: Rng): string {
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  const claims = { sub: `user-${r.int(1000, 9999)}`, scope: r.pick(['orders', 'admin', 'read']) };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}${r.chance(0.5) ? '.' : ''}`;
}

function secretLine(r: Rng): Tagged {
  return r.pick([
    () => text('aws_access_key_id = ', pos(`${r.pick(['ABIA', 'ACCA', 'ASIA', 'A3TK'])}${r.chars(BASE32, 16)}`, AWS)),
    () => text('token: ', pos(unsignedJwt(r), JWT)),
    () => text('SLACK_APP_TOKEN=', pos(`xapp-1-A${r.chars(BASE32, 10)}-${r.digits(13)}-${r.hex(64)}`, SECRET)),
    () => text('refresh ', pos(`xoxe-1-${r.chars(ALNUM, 60)}`, SECRET)),
    () => text('config token ', pos(`xoxe.xoxp-1-${r.chars(ALNUM, 70)}`, SECRET)),
    () =>
      text(
        'webhook ',
        pos(
          `https://hooks.slack.com/workflows/T${r.chars(BASE32, 10)}/A${r.chars(BASE32, 10)}/${r.digits(18)}/${r.chars(ALNUM, 24)}`,
          SECRET,
        ),
      ),
    () => text('db_pass := ', pos(`"${password(r)}"`, SECRET)),
    () => text("'password' => ", pos(`'${password(r)} ${password(r)}'`, SECRET)),
    () => text('pwd: ', pos(password(r), SECRET)),
    () => text('DB_CREDS=', pos(`svc:${password(r)}`, SECRET)),
    () => neg(`GITHUB_TOKEN=ghp_${'x'.repeat(36)}`, 'placeholder-token'),
    () => neg(`SLACK_BOT_TOKEN=xoxb-${'x'.repeat(12)}-${'x'.repeat(24)}`, 'placeholder-token'),
    () => neg('aws_access_key_id = AKIAXXXXXXXXXXXXXXXX', 'placeholder-token'),
    () => neg(`GOOGLE_API_KEY=AIzaSy${'X'.repeat(33)}`, 'placeholder-token'),
    () =>
      neg(
        `API_KEY=\nLOG_LEVEL=${r.pick(['debug', 'info', 'warning'])}_${r.pick(['verbose', 'compact'])}_output`,
        'empty-assignment',
      ),
    () => neg('password: <your-password-here>', 'placeholder-password'),
  ])();
}

export const FORMATS: readonly EndpointSpec[] = [
  {
    id: 'support.notes.create',
    samples: 90,
    make: (r) => ({
      method: 'POST',
      path: ['v1', 'support', 'notes'],
      requestHeaders: requestHeaders(r, 'jwt'),
      requestBody: { contact: nationalPhone(r), detail: notAPhone(r), pasted: secretLine(r), extra: secretLine(r) },
      responseHeaders: responseHeaders(r),
      responseCode: 201,
    }),
  },
];
