import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { ConfigError } from '../util/errors.js';

/**
 * The `serve --config FILE` document (YAML or JSON), checked key by key: an unknown key is an error, so a typo
 * in a security setting never silently falls back to a default.
 */
export interface ServerFile {
  readonly host?: string;
  readonly port?: number;
  readonly development?: boolean;
  readonly introspection?: string;
  readonly auth?: {
    readonly keysFile?: string;
    readonly anonymousRole?: string;
    readonly entra?: EntraFile;
  };
  readonly cors?: { readonly origins?: readonly string[] };
  readonly limits?: Readonly<Record<LimitKey, number | undefined>>;
  readonly goals?: { readonly policy?: string };
  readonly riskModel?: string;
  /** The older name of riskModel, still read. */
  readonly riskWeights?: string;
}

export interface EntraFile {
  readonly tenantId?: string;
  readonly issuer?: string;
  readonly audience?: string | readonly string[];
  readonly jwksUrl?: string;
  readonly jwksFile?: string;
  readonly roleClaim?: string;
  readonly adminRoles?: readonly string[];
  readonly readerRoles?: readonly string[];
  readonly clockToleranceSeconds?: number;
}

export const LIMIT_KEYS = [
  'maxDepth',
  'maxCost',
  'maxPageSize',
  'requestTimeoutMs',
  'queryBudgetMs',
  'maxBodyBytes',
  'requestsPerMinute',
  'burst',
] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];

type Json = Record<string, unknown>;

class Reader {
  constructor(
    private readonly file: string,
    private readonly path: string,
    readonly value: Json,
  ) {}

  static root(file: string, value: unknown): Reader {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new ConfigError(`${file}: the configuration must be a mapping`);
    return new Reader(file, '', value as Json);
  }

  fail(key: string, reason: string): never {
    throw new ConfigError(`${this.file}: ${this.path}${key} ${reason}`);
  }

  allow(keys: readonly string[]): this {
    for (const key of Object.keys(this.value))
      if (!keys.includes(key)) this.fail(key, `is not a known setting (expected one of ${keys.join(', ')})`);
    return this;
  }

  child(key: string): Reader | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(key, 'must be a mapping');
    return new Reader(this.file, `${this.path}${key}.`, v as Json);
  }

  string(key: string): string | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.length === 0) this.fail(key, 'must be a non-empty string');
    return v;
  }

  number(key: string): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, 'must be a number');
    return v;
  }

  boolean(key: string): boolean | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') this.fail(key, 'must be true or false');
    return v;
  }

  strings(key: string): string[] | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.length > 0))
      this.fail(key, 'must be a list of strings');
    return v as string[];
  }
}

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };
/** Drops undefined values: an absent setting is absent, not `undefined` (exactOptionalPropertyTypes). */
const defined = <T extends object>(o: T): Defined<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Defined<T>;

function readEntra(r: Reader): EntraFile {
  r.allow([
    'tenantId',
    'issuer',
    'audience',
    'jwksUrl',
    'jwksFile',
    'roleClaim',
    'adminRoles',
    'readerRoles',
    'clockToleranceSeconds',
  ]);
  const audience = typeof r.value['audience'] === 'string' ? r.string('audience') : r.strings('audience');
  return defined({
    tenantId: r.string('tenantId'),
    issuer: r.string('issuer'),
    audience,
    jwksUrl: r.string('jwksUrl'),
    jwksFile: r.string('jwksFile'),
    roleClaim: r.string('roleClaim'),
    adminRoles: r.strings('adminRoles'),
    readerRoles: r.strings('readerRoles'),
    clockToleranceSeconds: r.number('clockToleranceSeconds'),
  });
}

export function parseServerFile(text: string, file: string): ServerFile {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not YAML or JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const r = Reader.root(file, value ?? {}).allow([
    'host',
    'port',
    'development',
    'introspection',
    'auth',
    'cors',
    'limits',
    'goals',
    'riskModel',
    'riskWeights',
  ]);
  const auth = r.child('auth')?.allow(['keysFile', 'anonymousRole', 'entra']);
  const entra = auth?.child('entra');
  const limits = r.child('limits')?.allow(LIMIT_KEYS);
  return defined({
    host: r.string('host'),
    port: r.number('port'),
    development: r.boolean('development'),
    introspection: r.string('introspection'),
    auth: auth
      ? defined({
          keysFile: auth.string('keysFile'),
          anonymousRole: auth.string('anonymousRole'),
          entra: entra ? readEntra(entra) : undefined,
        })
      : undefined,
    cors: r.child('cors')?.allow(['origins']) ? defined({ origins: r.child('cors')?.strings('origins') }) : undefined,
    limits: limits
      ? (defined(Object.fromEntries(LIMIT_KEYS.map((k) => [k, limits.number(k)]))) as ServerFile['limits'])
      : undefined,
    goals: r.child('goals')?.allow(['policy']) ? defined({ policy: r.child('goals')?.string('policy') }) : undefined,
    riskModel: r.string('riskModel'),
    riskWeights: r.string('riskWeights'),
  });
}

export async function readServerFile(file: string): Promise<ServerFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the server configuration ${file}: ${(error as Error).message}`);
  }
  return parseServerFile(text, file);
}
