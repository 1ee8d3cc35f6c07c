import { requestHeaders, responseHeaders } from './common.js';
import type { EndpointSpec } from './endpoint.js';
import type { Rng } from './rng.js';
import { password } from './secrets.js';
import { AADHAAR, AUTH, ES_DNI, IBAN, neg, NINO, pos, SECRET, text, WALLET, type Tagged } from './tags.js';
import { ibanNumber } from './values.js';
import { brokenEthereumCase, ethereumAddress } from './values-national.js';
import * as N from './values-national.js';
import * as V from '../../src/classify/national-checksums.js';

/**
 * Forms met in pasted text and newer integrations: Ethereum addresses (EIP-55 checksummed, or in one case under a
 * wallet keyword), Entra ID application client secrets, credentials on a curl command line, credential names with a
 * holder suffix (API_TOKEN_2, secretValue), and Authorization schemes beyond Basic and Bearer. Hard negatives are the
 * same shapes as documentation writes them: variables, placeholders, unchecked hex digests, broken checksums. Also
 * national identifiers as people type them: Aadhaar numbers in the card's grouping, NINOs in lower case, DNIs without
 * their leading zero.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CLIENT_SECRET_HEAD = `${ALNUM}_~.`;
const CLIENT_SECRET_TAIL = `${ALNUM}_~.-`;

/** An Entra ID client secret: three characters, a digit, "Q~", then 31 to 34 characters. */
function clientSecret(r: Rng): string {
  return `${r.chars(CLIENT_SECRET_HEAD, 3)}${r.int(0, 9)}Q~${r.chars(CLIENT_SECRET_TAIL, r.int(31, 34))}`;
}

function wallet(r: Rng): Record<string, Tagged> {
  return r.pick([
    () => ({ reference: pos(ethereumAddress(r), WALLET) }),
    () => ({ note: text('Refund to ', pos(ethereumAddress(r), WALLET), ' once the transfer clears.') }),
    () => ({ ethAddress: pos(ethereumAddress(r).toLowerCase(), WALLET) }),
    () => ({ memo: text('payout to ethereum wallet ', pos(ethereumAddress(r).toLowerCase(), WALLET)) }),
    () => ({ reference: neg(brokenEthereumCase(ethereumAddress(r)), 'failed-checksum') }),
    () => ({ commitDigest: neg(`0x${r.hex(40)}`, 'hex-digest') }),
  ])();
}

function appSecret(r: Rng): Record<string, Tagged> {
  return r.pick([
    () => ({ value: pos(clientSecret(r), SECRET) }),
    () => ({ log: text('rotated app registration credential, new value ', pos(clientSecret(r), SECRET)) }),
    () => ({ log: neg(`AZURE_CLIENT_SECRET=${r.chars(ALNUM, 3)}8Q~${'x'.repeat(34)}`, 'placeholder') }),
  ])();
}

function curlCommand(r: Rng): Record<string, Tagged> {
  const url = `https://api.contoso.com/v1/${r.pick(['jobs', 'exports', 'tenants'])}`;
  const user = r.pick(['svc-deploy', 'ops', 'j.doe', 'builder']);
  return r.pick([
    () => ({ command: text(`curl -s ${r.pick(['-u', '--user'])} `, pos(`${user}:${password(r)}`, SECRET), ` ${url}`) }),
    () => ({ command: text(`curl -X POST --user '`, pos(`${user}:${r.chars(ALNUM, 16)}`, SECRET), `' ${url}`) }),
    () => ({ command: text(`curl ${url} -u `, pos(`sk_${r.chars(ALNUM, 24)}:`, SECRET)) }),
    () => ({ command: neg(`curl -u "$API_USER:$API_PASSWORD" ${url}`, 'shell-variables') }),
    () => ({ command: neg(`curl --user <user:password> ${url}`, 'placeholder') }),
    () => ({ command: neg(`curl -u ${user}:${user} ${url}`, 'sample-credentials') }),
    () => ({ command: neg(`git push -u origin ${r.pick(['main', 'release/2024'])}`, 'not-a-credential') }),
  ])();
}

function suffixedName(r: Rng): Record<string, Tagged> {
  return r.pick([
    () => ({ config: text(`API_TOKEN_${r.int(1, 9)}=`, pos(r.chars(ALNUM, 32), SECRET)) }),
    () => ({ config: text('clientSecretValue: ', pos(r.chars(ALNUM, 30), SECRET)) }),
    () => ({ tokenString: pos(r.chars(ALNUM, 40), SECRET) }),
    () => ({ config: neg(`tokenValidity=${r.int(60, 86400)}`, 'not-a-credential') }),
  ])();
}

function authScheme(r: Rng): Record<string, Tagged> {
  return r.pick([
    () => ({
      command: text('curl -H "Authorization: ', pos(`Api-Token ${r.hex(40)}`, AUTH), '" https://api.contoso.com'),
    }),
    () => ({
      command: neg('curl -H "Authorization: Api-Token $API_TOKEN" https://api.contoso.com', 'shell-variables'),
    }),
  ])();
}

/** A Verhoeff-valid Aadhaar number printed in the card's 4-4-4 grouping. */
function groupedAadhaar(r: Rng, separator: string): string {
  const body = `${r.int(2, 9)}${r.digits(10)}`;
  const n = `${body}${V.verhoeffCheck(body)}`;
  return `${n.slice(0, 4)}${separator}${n.slice(4, 8)}${separator}${n.slice(8)}`;
}

/** A DNI below 10,000,000 printed without its leading zero: seven digits and the check letter. */
function shortDni(r: Rng): string {
  const n = `${r.int(1, 9)}${r.digits(6)}`;
  return `${n}${r.chance(0.3) ? '-' : ''}${V.spainCheckLetter(n.padStart(8, '0'))}`;
}

function nationalForms(r: Rng): Record<string, Tagged> {
  return r.pick([
    () => ({ reference: pos(groupedAadhaar(r, r.pick([' ', '-'])), AADHAAR) }),
    () => ({ note: text('Applicant id ', pos(groupedAadhaar(r, ' '), AADHAAR), ' attached.') }),
    // An IBAN printed in groups: any three of its digit groups may pass Verhoeff, and are still part of the IBAN.
    () => ({ payee: pos(ibanNumber(r).replace(/(.{4})(?=.)/g, '$1 '), IBAN) }),
    () => ({ reference: pos(N.nino(r).toLowerCase(), NINO) }),
    () => ({ note: text('ni number ', pos(N.nino(r, true).toLowerCase(), NINO)) }),
    () => ({ reference: pos(shortDni(r), ES_DNI) }),
    () => ({ dni: pos(shortDni(r), ES_DNI) }),
    () => ({ reference: neg(N.brokenCheck(shortDni(r)), 'failed-check-digit') }),
  ])();
}

/** Assignments in source and config syntaxes: subscripts, Objective-C strings, "&" inside a password; code is not. */
function codeAssignment(r: Rng): Record<string, Tagged> {
  return r.pick([
    () => ({ snippet: text(`settings["client_secret"] = "`, pos(r.chars(ALNUM, 32), SECRET), '"') }),
    () => ({ snippet: text('apiKey[]= "', pos(r.chars(ALNUM, 28), SECRET), '"') }),
    () => ({ snippet: text('NSString *apiKey = @"', pos(r.chars(ALNUM, 30), SECRET), '";') }),
    () => ({
      log: text('login failed for user=ops password=', pos(`${r.chars(ALNUM, 2)}&${r.chars(ALNUM, 5)}`, SECRET)),
    }),
    () => ({
      config: text(
        'key "transfer" { algorithm hmac-sha256; secret "',
        pos(r.bytes(32).toString('base64'), SECRET),
        '"; };',
      ),
    }),
    () => ({ snippet: neg('password = getpass(prompt)', 'code-expression') }),
    () => ({ snippet: neg(`$password = $${r.pick(['input', 'pw', 'value'])};`, 'code-expression') }),
    () => ({ snippet: neg('connect(user=user, password=password)', 'code-expression') }),
    () => ({ query: neg(`password=&user=ops&token=&page=${r.int(1, 9)}`, 'empty-parameters') }),
  ])();
}

const KINDS = [wallet, appSecret, curlCommand, suffixedName, authScheme, nationalForms, codeAssignment];

export const TEXT_FORMS: readonly EndpointSpec[] = [
  {
    id: 'support.tickets.attachments',
    samples: 120,
    make: (r) => {
      const body: Record<string, string | Tagged> = { ticket: `T-${r.digits(6)}`, channel: 'email' };
      for (let i = 0; i < 3; i++) Object.assign(body, r.pick(KINDS)(r));
      return {
        method: 'POST',
        path: ['v1', 'tickets', r.digits(6), 'attachments'],
        requestHeaders: requestHeaders(r, 'jwt'),
        requestBody: body,
        responseHeaders: responseHeaders(r),
        responseBody: { id: neg(r.uuid(), 'uuid'), state: 'stored' },
        responseCode: 201,
      };
    },
  },
];
