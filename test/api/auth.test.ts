import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientError, gql } from 'graphql-request';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/api/index.js';
import { runServeCommand } from '../../src/cli/commands/serve.js';
import { buildProgram } from '../../src/cli/program.js';
import { generateApiKey, hashApiKey } from '../../src/config/api-keys.js';
import { readServerConfig, type EntraSettings } from '../../src/config/server.js';
import { MemoryStore } from '../../src/store/index.js';
import { ConfigError } from '../../src/util/errors.js';
import { loadExpected } from '../examples/contoso-expectations.js';
import { loadEstate, startServer, testConfig, type RunningServer } from './support.js';

const INVENTORY = gql`
  {
    inventory {
      endpoints
    }
  }
`;
const REANALYZE = gql`
  mutation {
    reanalyze {
      attackPaths
      findings
    }
  }
`;
const INTROSPECT = gql`
  {
    __schema {
      queryType {
        name
      }
    }
  }
`;

/** Status and code of a failed request (graphql-request throws ClientError for HTTP and GraphQL errors alike). */
async function rejection(
  run: () => Promise<unknown>,
): Promise<{ status: number; code: unknown; headers: Headers | undefined }> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    return {
      status: error.response.status,
      code: error.response.errors?.[0]?.extensions?.['code'],
      headers: error.response.headers as Headers | undefined,
    };
  }
  throw new Error('expected the request to be refused');
}

function memoryIo() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (s: string) => ((out.stdout += s), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (s: string) => ((out.stderr += s), true) } as unknown as NodeJS.WriteStream,
    env: {},
  };
  return { io, out };
}

describe('exposure', () => {
  it('refuses a non-loopback address without authentication, in the configuration and in createServer', async () => {
    await expect(readServerConfig({ host: '0.0.0.0', dataDir: '/nonexistent-apiposture' }, {})).rejects.toThrow(
      ConfigError,
    );
    await expect(readServerConfig({ host: '10.1.2.3', dataDir: '/nonexistent-apiposture' }, {})).rejects.toThrow(
      /refusing to listen on 10\.1\.2\.3 without authentication/,
    );
    await expect(createServer(testConfig({ host: '0.0.0.0' }), await MemoryStore.open())).rejects.toThrow(ConfigError);
    const config = await readServerConfig(
      { host: '0.0.0.0', dataDir: '/nonexistent-apiposture' },
      { APIPOSTURE_API_KEYS: `reader:${hashApiKey('x')}` },
    );
    expect(config.anonymousRole).toBeNull();
  });

  it('`apiposture serve --host 0.0.0.0` without keys exits with the configuration code 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apiposture-serve-'));
    const { io, out } = memoryIo();
    let code = 0;
    await buildProgram(io, (c) => (code = c)).parseAsync([
      'node',
      'apiposture',
      'serve',
      '--host',
      '0.0.0.0',
      '--data-dir',
      dir,
    ]);
    expect(code).toBe(3);
    expect(out.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without authentication/);
    await rm(dir, { recursive: true, force: true });
  });

  it('`apiposture serve` listens on loopback, answers, and stops on its signal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apiposture-serve-'));
    const { io, out } = memoryIo();
    // serve refuses a store that was never scanned and analysed (exit 7): scan a small estate first.
    let scanCode = 0;
    await buildProgram(io, (c) => (scanCode = c)).parseAsync(['node', 'apiposture', 'scan', 'test/fixtures/skeleton', '-q', '--data-dir', dir]);
    expect(scanCode, out.stderr).toBe(0);
    out.stdout = '';
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const serving = runServeCommand({ port: '0', dataDir: dir }, io, () => stopped);
    let url: string | undefined;
    for (let i = 0; i < 200 && !url; i++) {
      url = /(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(out.stdout)?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 25));
    }
    expect(url).toBeDefined();
    expect(out.stdout).toMatch(/no authentication \(loopback only; callers are readers\)/);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ inventory { endpoints } }"}',
    });
    expect(await response.json()).toEqual({ data: { inventory: { endpoints: 2 } } });
    stop();
    await serving;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await rm(dir, { recursive: true, force: true });
  });

  it('`apiposture keys create` prints the key once and stores only its hash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apiposture-keys-'));
    const { io, out } = memoryIo();
    let code = 0;
    await buildProgram(io, (c) => (code = c)).parseAsync([
      'node',
      'apiposture',
      'keys',
      'create',
      '--role',
      'admin',
      '--label',
      'ci',
      '--data-dir',
      dir,
    ]);
    expect(code).toBe(0);
    const key = out.stdout.trim();
    expect(key).toMatch(/^apk_[0-9a-f]{8}_[\w-]{43}$/);
    const file = await readFile(join(dir, 'api-keys.json'), 'utf8');
    expect(file).not.toContain(key);
    expect(JSON.parse(file).keys[0]).toMatchObject({ role: 'admin', label: 'ci', sha256: hashApiKey(key) });
    const config = await readServerConfig({ host: '0.0.0.0', dataDir: dir }, {});
    expect(config.apiKeys.map((k) => k.role)).toEqual(['admin']);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('API keys and roles', () => {
  const reader = generateApiKey('reader');
  const admin = generateApiKey('admin');
  const logs: string[] = [];
  let api: RunningServer;

  beforeAll(async () => {
    const store = await MemoryStore.open();
    await loadEstate(store);
    const config = testConfig({ apiKeys: [reader.record, admin.record], anonymousRole: null, introspection: 'admin' });
    api = await startServer(store, config, { log: (line) => logs.push(line) });
  });
  afterAll(() => api?.close());

  it('answers 401 with a Bearer challenge when no key or a wrong key is sent', async () => {
    const none = await rejection(() => api.client().request(INVENTORY));
    expect(none).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const wrong = await rejection(() => api.client({ authorization: `Bearer ${reader.key}x` }).request(INVENTORY));
    expect(wrong).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const basic = await rejection(() => api.client({ authorization: 'Basic dXNlcjpwYXNz' }).request(INVENTORY));
    expect(basic.status).toBe(401);
    const raw = await fetch(api.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ inventory { endpoints } }' }),
    });
    expect(raw.headers.get('www-authenticate')).toMatch(/^Bearer realm="apiposture"/);
  });

  it('lets a reader read, and keeps admin operations (reanalyze, introspection) from it', async () => {
    const client = api.client({ authorization: `Bearer ${reader.key}` });
    await expect(client.request<{ inventory: { endpoints: number } }>(INVENTORY)).resolves.toMatchObject({
      inventory: { endpoints: (await loadExpected()).endpoints.length },
    });
    expect(await rejection(() => client.request(REANALYZE))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(() => client.request(INTROSPECT))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('lets an admin reanalyze and introspect', async () => {
    const client = api.client({ authorization: `Bearer ${admin.key}` });
    const result = await client.request<{ reanalyze: { attackPaths: number } }>(REANALYZE);
    expect(result.reanalyze.attackPaths).toBeGreaterThanOrEqual(0);
    await expect(client.request(INTROSPECT)).resolves.toMatchObject({ __schema: { queryType: { name: 'Query' } } });
  });

  it('decides introspection per caller for a query text it has already seen from another role', async () => {
    const admins = api.client({ authorization: `Bearer ${admin.key}` });
    const readers = api.client({ authorization: `Bearer ${reader.key}` });
    await expect(admins.request(INTROSPECT)).resolves.toMatchObject({ __schema: { queryType: { name: 'Query' } } });
    expect(await rejection(() => readers.request(INTROSPECT))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    await expect(admins.request(INTROSPECT)).resolves.toMatchObject({ __schema: { queryType: { name: 'Query' } } });
  });

  it('never writes a key into its log', () => {
    for (const line of logs) {
      expect(line).not.toContain(reader.key);
      expect(line).not.toContain(admin.key);
    }
  });
});

describe('Entra ID access tokens', () => {
  const ISSUER = 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0';
  const AUDIENCE = 'api://apiposture';
  let api: RunningServer;
  let sign: (
    claims: JWTPayload,
    options?: { expiresIn?: string | number; key?: CryptoKey; kid?: string },
  ) => Promise<string>;
  let forgerKey: CryptoKey;
  let publicPem: string;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    forgerKey = (await generateKeyPair('RS256')).privateKey;
    publicPem = await exportSPKI(publicKey);
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    sign = (claims, options = {}) =>
      new SignJWT({ oid: 'user-1', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1', typ: 'JWT' })
        .setIssuer(typeof claims.iss === 'string' ? claims.iss : ISSUER)
        .setAudience(claims.aud ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '10m')
        .sign(options.key ?? privateKey);
    const entra: EntraSettings = {
      issuer: ISSUER,
      audience: [AUDIENCE],
      jwks: { keys: { keys: [jwk] } },
      roleClaim: 'roles',
      adminRoles: ['ApiPosture.Admin'],
      readerRoles: ['ApiPosture.Reader'],
      clockToleranceSeconds: 5,
    };
    const store = await MemoryStore.open();
    await loadEstate(store);
    api = await startServer(store, testConfig({ entra, anonymousRole: null, introspection: 'admin' }));
  });
  afterAll(() => api?.close());

  const call = (token: string, query = INVENTORY) => api.client({ authorization: `Bearer ${token}` }).request(query);

  it('accepts a valid token and maps app roles to reader and admin', async () => {
    await expect(call(await sign({ roles: ['ApiPosture.Reader'] }))).resolves.toMatchObject({
      inventory: { endpoints: (await loadExpected()).endpoints.length },
    });
    const readerToken = await sign({ roles: ['ApiPosture.Reader'] });
    expect(await rejection(() => call(readerToken, REANALYZE))).toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(await sign({ roles: ['ApiPosture.Admin'] }), INTROSPECT)).resolves.toMatchObject({
      __schema: { queryType: { name: 'Query' } },
    });
    expect(await rejection(async () => call(await sign({ roles: ['Something.Else'] })))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
  });

  it('rejects expired, wrong-audience, wrong-issuer and forged tokens with 401', async () => {
    const expired = await sign({ roles: ['ApiPosture.Reader'] }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 });
    const wrongAudience = await sign({ roles: ['ApiPosture.Reader'], aud: 'api://someone-else' });
    const wrongIssuer = await sign({
      roles: ['ApiPosture.Reader'],
      iss: 'https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0',
    });
    const forged = await sign({ roles: ['ApiPosture.Admin'] }, { key: forgerKey });
    for (const bad of [expired, wrongAudience, wrongIssuer, forged]) {
      expect(await rejection(() => call(bad))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('rejects `alg: none` and an HMAC token keyed with the public key', async () => {
    const unsigned = new UnsecuredJWT({ roles: ['ApiPosture.Admin'], oid: 'x' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .encode();
    expect(await rejection(() => call(unsigned))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const hmac = await new SignJWT({ roles: ['ApiPosture.Admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(publicPem));
    expect(await rejection(() => call(hmac))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
