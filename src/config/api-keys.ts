import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../util/errors.js';

export const ROLES = ['reader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * An API key as the server keeps it: never the key itself, only the SHA-256 of it. A key is 32 random bytes
 * (256 bits), so a fast hash is enough: there is nothing to brute-force, unlike a password.
 */
export interface ApiKeyRecord {
  readonly id: string;
  readonly role: Role;
  /** Lower-case hex SHA-256 of the whole key text. */
  readonly sha256: string;
  readonly created?: string;
  readonly label?: string;
}

export interface KeysFile {
  readonly keys: readonly ApiKeyRecord[];
}

const KEY_PREFIX = 'apk';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key `apk_<id>_<secret>`; the id is not secret (it names the key in logs), the 43-character secret is. */
export function generateApiKey(role: Role, label?: string, now = new Date()): { key: string; record: ApiKeyRecord } {
  const id = randomBytes(4).toString('hex');
  const key = `${KEY_PREFIX}_${id}_${randomBytes(32).toString('base64url')}`;
  return {
    key,
    record: { id, role, sha256: hashApiKey(key), created: now.toISOString(), ...(label ? { label } : {}) },
  };
}

function parseRecord(value: unknown, where: string): ApiKeyRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError(`${where}: a key must be an object`);
  const { id, role, sha256, created, label } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !/^[\w.-]{1,64}$/.test(id))
    throw new ConfigError(`${where}: "id" must be a short name`);
  if (!isRole(role)) throw new ConfigError(`${where}: "role" must be reader or admin`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))
    throw new ConfigError(`${where}: "sha256" must be 64 lower-case hex digits`);
  return {
    id,
    role,
    sha256,
    ...(typeof created === 'string' ? { created } : {}),
    ...(typeof label === 'string' ? { label } : {}),
  };
}

export function parseKeysFile(text: string, file: string): ApiKeyRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not JSON (${(error as Error).message})`);
  }
  const keys = (json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new ConfigError(`${file}: expected { "keys": [ … ] }`);
  return keys.map((k, i) => parseRecord(k, `${file}: keys[${i}]`));
}

/** Reads a keys file; a missing file is no keys when `optional`, an error otherwise. */
export async function readKeysFile(file: string, optional = false): Promise<ApiKeyRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError(`cannot read the API keys file ${file}: ${(error as Error).message}`);
  }
  return parseKeysFile(text, file);
}

/** Writes the keys file atomically (temp file + rename), readable by the owner only. */
async function writeKeysFile(file: string, keys: readonly ApiKeyRecord[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/** Adds a record to the keys file. */
export async function appendKeyRecord(file: string, record: ApiKeyRecord): Promise<void> {
  await writeKeysFile(file, [...(await readKeysFile(file, true)), record]);
}

/** Removes the key with this id from the keys file; the removed record, or null when no key has the id. */
export async function removeKeyRecord(file: string, id: string): Promise<ApiKeyRecord | null> {
  const keys = await readKeysFile(file, true);
  const removed = keys.find((k) => k.id === id) ?? null;
  if (removed) await writeKeysFile(file, keys.filter((k) => k.id !== id));
  return removed;
}

/**
 * Keys from the environment: `APIPOSTURE_API_KEYS="reader:<sha256 hex>,admin:<sha256 hex>"` — hashes only, so the
 * variable never holds a usable key.
 */
export function parseEnvKeys(text: string | undefined): ApiKeyRecord[] {
  if (!text?.trim()) return [];
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const [role, sha256, extra] = entry.split(':');
      if (extra !== undefined || !isRole(role) || !sha256 || !/^[0-9a-f]{64}$/.test(sha256)) {
        throw new ConfigError(`APIPOSTURE_API_KEYS entry ${i + 1} must be <reader|admin>:<64 hex digits of SHA-256>`);
      }
      return { id: `env-${sha256.slice(0, 8)}`, role, sha256 };
    });
}
