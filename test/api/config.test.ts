import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkModelEnums, loadTypeDefs } from '../../src/api/schema.js';
import { generateApiKey, hashApiKey, parseEnvKeys } from '../../src/config/api-keys.js';
import { DEFAULT_LIMITS, isLoopbackHost, readServerConfig } from '../../src/config/server.js';
import { ConfigError, UsageError } from '../../src/util/errors.js';

describe('server configuration', () => {
  let dir: string;
  const none = () => join(dir, 'no-such-dir');
  const write = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apiposture-serve-config-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('defaults to 127.0.0.1:4000, no authentication, readers, open introspection, closed CORS', async () => {
    const config = await readServerConfig({ dataDir: none() }, {});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      anonymousRole: 'reader',
      introspection: 'everyone',
      corsOrigins: [],
      development: false,
      limits: DEFAULT_LIMITS,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.1', 'example.com', '128.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('reads a YAML file: auth, CORS, limits; flags win over the file', async () => {
    const keys = await write('keys.json', JSON.stringify({ keys: [generateApiKey('reader').record] }));
    const file = await write(
      'serve.yaml',
      `host: 0.0.0.0\nport: 8080\nintrospection: nobody\nauth:\n  keysFile: ${keys}\ncors:\n  origins: [https://portal.contoso.example]\nlimits:\n  maxDepth: 6\n  requestsPerMinute: 120\n`,
    );
    const config = await readServerConfig({ config: file, port: '9090', dataDir: none() }, {});
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9090,
      introspection: 'nobody',
      anonymousRole: null,
      corsOrigins: ['https://portal.contoso.example'],
    });
    expect(config.limits).toMatchObject({ maxDepth: 6, requestsPerMinute: 120, maxCost: DEFAULT_LIMITS.maxCost });
    expect(config.apiKeys).toHaveLength(1);
  });

  it('rejects unknown settings, bad values and wildcard origins with the file named', async () => {
    const cases: [string, RegExp][] = [
      ['introspektion: admin\n', /introspektion is not a known setting/],
      ['limits:\n  maxDepht: 3\n', /limits\.maxDepht is not a known setting/],
      ['limits:\n  maxDepth: 0\n', /positive integer/],
      ['cors:\n  origins: ["*"]\n', /cors\.origins/],
      ['cors:\n  origins: ["https://a.example/path"]\n', /scheme, host and optional port only/],
      ['introspection: sometimes\n', /introspection must be one of/],
      ['auth:\n  anonymousRole: root\n', /anonymousRole must be reader or admin/],
    ];
    for (const [text, error] of cases) {
      const file = await write('bad.yaml', text);
      await expect(readServerConfig({ config: file, dataDir: none() }, {}), text).rejects.toThrow(error);
    }
    await expect(readServerConfig({ port: '70000', dataDir: none() }, {})).rejects.toThrow(UsageError);
  });

  it('reads hashed keys from APIPOSTURE_API_KEYS and refuses malformed entries', async () => {
    const hash = hashApiKey('apk_00000000_secret');
    expect(parseEnvKeys(`reader:${hash}, admin:${hashApiKey('other')}`).map((k) => k.role)).toEqual([
      'reader',
      'admin',
    ]);
    expect(() => parseEnvKeys('reader:not-a-hash')).toThrow(ConfigError);
    expect(() => parseEnvKeys(`owner:${hash}`)).toThrow(ConfigError);
    const config = await readServerConfig(
      { host: '0.0.0.0', dataDir: none() },
      { APIPOSTURE_API_KEYS: `admin:${hash}` },
    );
    expect(config.apiKeys).toEqual([{ id: `env-${hash.slice(0, 8)}`, role: 'admin', sha256: hash }]);
    expect(config.introspection).toBe('admin');
  });

  it('configures Entra ID from a tenant id, and needs an audience and HTTPS signing keys', async () => {
    const tenant = '11111111-2222-3333-4444-555555555555';
    const config = await readServerConfig(
      { host: '0.0.0.0', dataDir: none() },
      { APIPOSTURE_ENTRA_TENANT_ID: tenant, APIPOSTURE_ENTRA_AUDIENCE: 'api://apiposture' },
    );
    expect(config.entra).toMatchObject({
      issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
      audience: ['api://apiposture'],
      jwks: { url: `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys` },
      roleClaim: 'roles',
      adminRoles: ['ApiPosture.Admin'],
    });
    await expect(readServerConfig({ dataDir: none() }, { APIPOSTURE_ENTRA_TENANT_ID: tenant })).rejects.toThrow(
      /needs an audience/,
    );
    await expect(
      readServerConfig(
        { dataDir: none() },
        {
          APIPOSTURE_ENTRA_ISSUER: 'https://issuer.example',
          APIPOSTURE_ENTRA_AUDIENCE: 'a',
          APIPOSTURE_ENTRA_JWKS_URL: 'http://keys.example/jwks',
        },
      ),
    ).rejects.toThrow(/https/);
    const jwks = await write('jwks.json', JSON.stringify({ keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'k' }] }));
    const fromFile = await readServerConfig(
      { dataDir: none() },
      {
        APIPOSTURE_ENTRA_ISSUER: 'https://issuer.example',
        APIPOSTURE_ENTRA_AUDIENCE: 'a',
        APIPOSTURE_ENTRA_JWKS_FILE: jwks,
      },
    );
    expect(fromFile.entra?.jwks).toEqual({ keys: { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'k' }] } });
  });
});

describe('the checked-in SDL', () => {
  it('loads, and its model enums match src/model', () => {
    expect(() => loadTypeDefs()).not.toThrow();
  });

  it('fails the start when a model enum drifts', () => {
    expect(() => checkModelEnums(parse('enum NodeKind { ApiGateway } enum EdgeKind { CONTAINS }'))).toThrow(
      /enum NodeKind does not match src\/model/,
    );
  });
});
