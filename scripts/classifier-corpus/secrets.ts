import type { Rng } from './rng.js';

/** Credentials in the shapes providers issue them. */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export function jwt(r: Rng): string {
  const alg = r.pick(['RS256', 'RS256', 'ES256', 'HS256']);
  const header = { alg, typ: 'JWT', ...(alg !== 'HS256' ? { kid: r.chars(ALNUM, 27) } : {}) };
  const now = 1_700_000_000 + r.int(0, 50_000_000);
  const claims = r.pick([
    {
      aud: `api://${r.uuid()}`,
      iss: `https://sts.windows.net/${r.uuid()}/`,
      iat: now,
      exp: now + 3600,
      oid: r.uuid(),
      scp: 'orders.read',
    },
    { sub: r.uuid(), name: 'service', iat: now, exp: now + 900, roles: ['reader'] },
    { sub: String(r.int(1000, 99999)), email_verified: true, iat: now, exp: now + 86400 },
  ]);
  const signature = b64url(r.bytes(alg === 'HS256' ? 32 : alg === 'ES256' ? 64 : 256));
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${signature}`;
}

/** 64 random bytes in base64: 86 characters and "==", the shape of an Azure storage account key. */
export function storageKey(r: Rng): string {
  return r.bytes(64).toString('base64');
}

export function storageAccount(r: Rng): string {
  return `st${r.pick(['contoso', 'orders', 'media', 'backup', 'logs'])}${r.chars('abcdefghijklmnopqrstuvwxyz0123456789', 6)}`;
}

export function connectionString(r: Rng, key: string): string {
  return `DefaultEndpointsProtocol=https;AccountName=${storageAccount(r)};AccountKey=${key};EndpointSuffix=core.windows.net`;
}

export function sasQuery(r: Rng): string {
  const sig = encodeURIComponent(r.bytes(32).toString('base64'));
  const expiry = `${r.int(2025, 2026)}-0${r.int(1, 9)}-1${r.int(0, 9)}T12:00:00Z`;
  return r.pick([
    `sv=2022-11-02&ss=b&srt=sco&sp=rl&se=${encodeURIComponent(expiry)}&spr=https&sig=${sig}`,
    `sp=r&st=2024-05-01T08:00:00Z&se=${encodeURIComponent(expiry)}&spr=https&sv=2023-11-03&sr=b&sig=${sig}`,
    `sv=2021-08-06&se=${encodeURIComponent(expiry)}&sr=c&sp=racwdl&sig=${sig}`,
  ]);
}

export function awsKeyId(r: Rng): string {
  return `${r.pick(['AKIA', 'AKIA', 'ASIA'])}${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
}

export function privateKeyPem(r: Rng): string {
  const kind = r.pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
  const body = r
    .bytes(kind.startsWith('EC') ? 121 : 600)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;
}

export function publicKeyPem(r: Rng): string {
  const body = r
    .bytes(294)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`;
}

export function certificatePem(r: Rng): string {
  const body = r
    .bytes(700)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

/** API keys, client secrets and opaque tokens as common providers issue them. */
export function apiKey(r: Rng): string {
  return r.pick([
    () => `sk_live_${r.chars(ALNUM, 24)}`,
    () => `ghp_${r.chars(ALNUM, 36)}`,
    () => r.hex(32),
    () => r.hex(40),
    () => r.bytes(30).toString('base64'),
    () => `${r.chars(ALNUM, 3)}8Q~${r.chars(ALNUM + '_-.~', 34)}`,
    () => `xoxb-${r.digits(12)}-${r.digits(13)}-${r.chars(ALNUM, 24)}`,
    () => `AIza${r.chars(ALNUM + '_-', 35)}`,
  ])();
}

export function opaqueToken(r: Rng): string {
  return r.pick([
    () => r.chars(ALNUM, 40),
    () => r.bytes(48).toString('base64url'),
    () => `${r.hex(8)}.${r.chars(ALNUM, 43)}`,
  ])();
}

export function password(r: Rng): string {
  const words = ['Summer', 'Falcon', 'Maple', 'Harbor', 'Quartz', 'Velvet', 'orbit', 'cobalt', 'willow'];
  return r.pick([
    () => `${r.pick(words)}${r.int(1990, 2025)}${r.pick(['!', '#', '$', ''])}`,
    () => r.chars(ALNUM + '!@#$%^&*', r.int(12, 20)),
    () => `${r.pick(words).toLowerCase()}-${r.pick(words).toLowerCase()}-${r.int(10, 99)}`,
    () => `P@ss${r.digits(4)}${r.pick(words)}`,
  ])();
}

export function functionKey(r: Rng): string {
  return `${r.bytes(40).toString('base64url')}==`.replace(/-/g, 'A');
}

export function serviceBusConnection(r: Rng): string {
  return `Endpoint=sb://sb-${r.pick(['orders', 'events', 'billing'])}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${r.bytes(32).toString('base64')}`;
}

export function sqlConnection(r: Rng): string {
  return `Server=tcp:sql-${r.pick(['orders', 'crm'])}.database.windows.net,1433;Initial Catalog=app;User ID=appuser;Password=${r.chars(ALNUM + '!#', 16)};Encrypt=True;`;
}
