import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { ConfigError, UsageError } from '../util/errors.js';
import { isRole, parseEnvKeys, readKeysFile, type ApiKeyRecord, type Role } from './api-keys.js';
import { DEFAULT_DATA_DIR } from './config.js';
import { readServerFile, type EntraFile, type LimitKey, type ServerFile } from './server-file.js';

export const INTROSPECTION_MODES = ['everyone', 'admin', 'nobody'] as const;
export type IntrospectionMode = (typeof INTROSPECTION_MODES)[number];

/** Microsoft Entra ID access tokens: who may sign them (JWKS), for whom (audience), and which app roles map to ours. */
export interface EntraSettings {
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly jwks: { readonly url: string } | { readonly keys: JSONWebKeySet };
  /** The claim holding app roles (Entra: `roles`). */
  readonly roleClaim: string;
  readonly adminRoles: readonly string[];
  /** App roles that may read; empty: any valid token for the audience may read. */
  readonly readerRoles: readonly string[];
  readonly clockToleranceSeconds: number;
}

export type ServerLimits = Readonly<Record<LimitKey, number>>;

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Error messages of unexpected failures and stack traces in responses: only for local development. */
  readonly development: boolean;
  readonly apiKeys: readonly ApiKeyRecord[];
  readonly entra: EntraSettings | null;
  /** The role of a caller without credentials: only on a loopback address with no authentication configured. */
  readonly anonymousRole: Role | null;
  readonly introspection: IntrospectionMode;
  /** Origins allowed to call from a browser (CORS); empty: none. */
  readonly corsOrigins: readonly string[];
  readonly limits: ServerLimits;
  readonly goalsPolicyFile: string | null;
  readonly riskWeightsFile: string | null;
}

export interface ServeFlags {
  readonly port?: string;
  readonly host?: string;
  readonly config?: string;
  readonly keysFile?: string;
  readonly policy?: string;
  readonly riskModel?: string;
  readonly dataDir?: string;
  /** Milliseconds one GraphQL operation may run (`--query-budget`); overrides limits.queryBudgetMs. */
  readonly queryBudget?: string;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4000;
export const KEYS_FILE_NAME = 'api-keys.json';

export const DEFAULT_LIMITS: ServerLimits = {
  maxDepth: 10,
  maxCost: 50_000,
  maxPageSize: 500,
  requestTimeoutMs: 30_000,
  // Under the request deadline, so a slow query ends with QUERY_TIMEOUT before the connection is given up on.
  queryBudgetMs: 10_000,
  maxBodyBytes: 100_000,
  requestsPerMinute: 600,
  burst: 100,
};

/** 127.0.0.0/8, ::1 and `localhost`: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

function port(text: string | number | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new UsageError(`--port must be an integer from 0 to 65535, not "${text}"`);
  return value;
}

/** `--query-budget`: a positive number of milliseconds (a fraction is rounded up). */
function queryBudget(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new UsageError(`--query-budget must be a positive number of milliseconds, not "${text}"`);
  return Math.ceil(value);
}

function limits(file: ServerFile['limits'], budgetFlag: string | undefined): ServerLimits {
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(file ?? {})) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(`limits.${key} must be a positive integer`);
    out[key] = value;
  }
  if (budgetFlag !== undefined) out['queryBudgetMs'] = queryBudget(budgetFlag);
  return Object.freeze(out) as ServerLimits;
}

async function readJwksFile(file: string): Promise<JSONWebKeySet> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read the JWKS file ${file}: ${(error as Error).message}`);
  }
  const keys = (json as { keys?: unknown } | null)?.keys;
  if (
    !Array.isArray(keys) ||
    !keys.every((k) => typeof k === 'object' && k !== null && typeof (k as { kty?: unknown }).kty === 'string')
  ) {
    throw new ConfigError(`${file}: expected a JSON Web Key Set { "keys": [ { "kty": … } ] }`);
  }
  return json as JSONWebKeySet;
}

/** Entra settings from the file, overridden by APIPOSTURE_ENTRA_* variables; null when neither names an audience. */
async function entraSettings(file: EntraFile | undefined, env: NodeJS.ProcessEnv): Promise<EntraSettings | null> {
  const tenantId = env['APIPOSTURE_ENTRA_TENANT_ID'] ?? file?.tenantId;
  const audienceText = env['APIPOSTURE_ENTRA_AUDIENCE'];
  const audience = audienceText
    ? audienceText
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean)
    : typeof file?.audience === 'string'
      ? [file.audience]
      : [...(file?.audience ?? [])];
  const issuer =
    env['APIPOSTURE_ENTRA_ISSUER'] ??
    file?.issuer ??
    (tenantId ? `https://login.microsoftonline.com/${tenantId}/v2.0` : undefined);
  const jwksFile = env['APIPOSTURE_ENTRA_JWKS_FILE'] ?? file?.jwksFile;
  const jwksUrl =
    env['APIPOSTURE_ENTRA_JWKS_URL'] ??
    file?.jwksUrl ??
    (tenantId && !jwksFile ? `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys` : undefined);
  if (!file && !tenantId && audience.length === 0 && !issuer && !jwksFile && !jwksUrl) return null;
  if (audience.length === 0)
    throw new ConfigError(
      'Entra ID validation needs an audience (auth.entra.audience or APIPOSTURE_ENTRA_AUDIENCE): the application ID URI or client id tokens are issued for',
    );
  if (!issuer)
    throw new ConfigError('Entra ID validation needs an issuer or a tenant id (auth.entra.issuer / tenantId)');
  if (!jwksFile && !jwksUrl)
    throw new ConfigError('Entra ID validation needs the signing keys: auth.entra.jwksUrl or jwksFile');
  if (jwksFile && jwksUrl) throw new ConfigError('give auth.entra.jwksUrl or jwksFile, not both');
  if (jwksUrl) {
    let url: URL;
    try {
      url = new URL(jwksUrl);
    } catch {
      throw new ConfigError(`auth.entra.jwksUrl "${jwksUrl}" is not a URL`);
    }
    // Signing keys fetched over plain HTTP could be swapped in transit; only a loopback test server may use it.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname)))
      throw new ConfigError('auth.entra.jwksUrl must be an https:// URL');
  }
  return Object.freeze({
    issuer,
    audience: Object.freeze(audience),
    jwks: jwksFile ? { keys: await readJwksFile(jwksFile) } : { url: jwksUrl as string },
    roleClaim: file?.roleClaim ?? 'roles',
    adminRoles: Object.freeze([...(file?.adminRoles ?? ['ApiPosture.Admin'])]),
    readerRoles: Object.freeze([...(file?.readerRoles ?? [])]),
    clockToleranceSeconds: file?.clockToleranceSeconds ?? 60,
  });
}

function introspection(text: string | undefined, authConfigured: boolean): IntrospectionMode {
  if (text === undefined) return authConfigured ? 'admin' : 'everyone';
  if (!(INTROSPECTION_MODES as readonly string[]).includes(text))
    throw new ConfigError(`introspection must be one of ${INTROSPECTION_MODES.join(', ')}`);
  return text as IntrospectionMode;
}

function corsOrigins(origins: readonly string[] | undefined): string[] {
  return (origins ?? []).map((origin) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(`cors.origins: "${origin}" is not an origin such as https://portal.example.com`);
    }
    if (origin === '*' || url.origin !== origin.replace(/\/$/, ''))
      throw new ConfigError(`cors.origins: "${origin}" must be a scheme, host and optional port only`);
    return url.origin;
  });
}

/**
 * The server configuration, read once at the entry point from flags, the environment (APIPOSTURE_API_KEYS,
 * APIPOSTURE_ENTRA_*, APIPOSTURE_DEBUG) and the optional `--config` file, validated and frozen.
 * A non-loopback address without authentication is refused here: the caller exits with the configuration code.
 */
export async function readServerConfig(flags: ServeFlags, env: NodeJS.ProcessEnv): Promise<ServerConfig> {
  const file = flags.config ? await readServerFile(resolve(flags.config)) : {};
  const host = flags.host ?? file.host ?? DEFAULT_HOST;
  const explicitKeysFile = flags.keysFile ?? file.auth?.keysFile;
  const keysFile = resolve(explicitKeysFile ?? join(flags.dataDir ?? DEFAULT_DATA_DIR, KEYS_FILE_NAME));
  const apiKeys = [
    ...(await readKeysFile(keysFile, explicitKeysFile === undefined)),
    ...parseEnvKeys(env['APIPOSTURE_API_KEYS']),
  ];
  const entra = await entraSettings(file.auth?.entra, env);
  const authConfigured = apiKeys.length > 0 || entra !== null;
  const anonymous = file.auth?.anonymousRole;
  if (anonymous !== undefined && !isRole(anonymous))
    throw new ConfigError('auth.anonymousRole must be reader or admin');
  if (anonymous !== undefined && authConfigured)
    throw new ConfigError('auth.anonymousRole applies only when no API keys or Entra ID are configured');
  if (!authConfigured && !isLoopbackHost(host)) {
    throw new ConfigError(
      `refusing to listen on ${host} without authentication: anyone who can reach that address could read the whole posture graph. ` +
        'Create an API key (apiposture keys create --role reader) or configure Entra ID (auth.entra), or bind 127.0.0.1.',
    );
  }
  const ids = new Set<string>();
  for (const key of apiKeys) {
    if (ids.has(key.id)) throw new ConfigError(`two API keys share the id "${key.id}"`);
    ids.add(key.id);
  }
  return Object.freeze({
    host,
    port: port(flags.port ?? file.port),
    development: env['APIPOSTURE_DEBUG'] === '1' || file.development === true,
    apiKeys: Object.freeze(apiKeys),
    entra,
    anonymousRole: authConfigured ? null : ((anonymous as Role | undefined) ?? 'reader'),
    introspection: introspection(file.introspection, authConfigured),
    corsOrigins: Object.freeze(corsOrigins(file.cors?.origins)),
    limits: limits(file.limits, flags.queryBudget),
    goalsPolicyFile: flags.policy ?? file.goals?.policy ?? null,
    riskWeightsFile: flags.riskModel ?? file.riskModel ?? file.riskWeights ?? null,
  });
}
