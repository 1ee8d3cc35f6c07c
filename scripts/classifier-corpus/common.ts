import type { Rng } from './rng.js';
import { AUTH, JWT, neg, pos, SECRET, type Tagged } from './tags.js';
import { apiKey, jwt, opaqueToken } from './secrets.js';
import { sha1 } from './negatives.js';

export type HeaderMap = Record<string, string | Tagged>;
export type Auth = 'jwt' | 'opaque' | 'basic' | 'apim' | 'apikey' | 'none' | 'placeholder';

const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36',
  'okhttp/4.12.0',
  'Contoso-iOS/5.14.2 (iPhone; iOS 17.4.1; Scale/3.00)',
  'azsdk-js-storage-blob/12.17.0 core-rest-pipeline/1.13.0 Node/20.11.1 OS/(x64-Linux-5.15.0.1057)',
  'python-requests/2.31.0',
  'Contoso-Android/3.2.1.0 (Android 14; Pixel 8)',
];

/** The headers a client sends, with the credential the endpoint expects. */
export function requestHeaders(r: Rng, auth: Auth, json = true): HeaderMap {
  const h: HeaderMap = {
    accept: 'application/json',
    'user-agent': neg(r.pick(AGENTS), 'user-agent-versions'),
    'x-request-id': neg(r.uuid(), 'uuid'),
  };
  if (json) h['content-type'] = 'application/json';
  switch (auth) {
    case 'jwt':
      h['Authorization'] = pos(`Bearer ${jwt(r)}`, AUTH, JWT);
      break;
    case 'opaque':
      h['Authorization'] = pos(`Bearer ${opaqueToken(r)}`, AUTH);
      break;
    case 'basic':
      h['Authorization'] = pos(
        `Basic ${Buffer.from(`svc-${r.pick(['orders', 'etl', 'sync'])}:${opaqueToken(r).slice(0, 20)}`).toString('base64')}`,
        AUTH,
      );
      break;
    case 'apim':
      h['Ocp-Apim-Subscription-Key'] = pos(r.hex(32), SECRET);
      break;
    case 'apikey':
      h['x-api-key'] = pos(apiKey(r), SECRET);
      break;
    case 'placeholder':
      h['Authorization'] = neg(
        r.pick(['Bearer <token>', 'Bearer ${ACCESS_TOKEN}', 'Bearer null', 'Basic <credentials>', 'Bearer xxxxx']),
        'placeholder-authorization',
      );
      break;
    case 'none':
      break;
  }
  return h;
}

export function responseHeaders(r: Rng, json = true): HeaderMap {
  return {
    'content-type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    date: 'Tue, 14 May 2024 09:12:44 GMT',
    etag: neg(`"${sha1(r)}"`, 'sha1'),
    'x-ms-request-id': neg(r.uuid(), 'uuid'),
  };
}

/** Mostly bearer tokens, some subscription keys and API keys, a few anonymous or placeholder calls. */
export function someAuth(r: Rng): Auth {
  return r.pick(['jwt', 'jwt', 'jwt', 'opaque', 'apim', 'apikey', 'basic', 'none', 'placeholder']);
}

export function money(r: Rng): number {
  return Math.round(r.int(100, 500_000)) / 100;
}
