import type { JsonValue } from '../../model/index.js';

export type AccessLevel = 'read' | 'write' | 'admin';

export const ACCESS_RANK: Readonly<Record<AccessLevel, number>> = { read: 1, write: 2, admin: 3 };

export function maxAccess(a: AccessLevel, b: AccessLevel): AccessLevel {
  return ACCESS_RANK[a] >= ACCESS_RANK[b] ? a : b;
}

const list = (v: JsonValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : [];

/**
 * Access level granted by a role definition's permissions (`[{actions, notActions, dataActions, notDataActions}]`):
 * admin when it can change authorization (`*`, `Microsoft.Authorization/*`, roleAssignments/write), write when any
 * action or data action writes, deletes, or runs an `/action` (listKeys hands out the account keys), read otherwise.
 */
export function accessFromPermissions(permissions: JsonValue | undefined): AccessLevel | null {
  const blocks = Array.isArray(permissions) ? permissions : permissions && typeof permissions === 'object' ? [permissions] : [];
  let level: AccessLevel | null = null;
  for (const block of blocks) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) continue;
    const actions = [...list(block['actions']), ...list(block['dataActions'])];
    const denied = [...list(block['notActions']), ...list(block['notDataActions'])];
    if (actions.length === 0) continue;
    const authorizationDenied = denied.some((d) => d === 'microsoft.authorization/*' || d.startsWith('microsoft.authorization/*/'));
    const admin =
      !authorizationDenied &&
      actions.some((a) => a === '*' || a === 'microsoft.authorization/*' || a === 'microsoft.authorization/roleassignments/write');
    const write = actions.some((a) => a === '*' || /\/(\*|write|delete|action)$/.test(a));
    const next: AccessLevel = admin ? 'admin' : write ? 'write' : 'read';
    level = level ? maxAccess(level, next) : next;
  }
  return level;
}

/** Key Vault access policy permissions (`{keys, secrets, certificates, storage}`): any change is write, get/list read. */
export function accessFromVaultPolicy(permissions: JsonValue | undefined): AccessLevel | null {
  if (!permissions || typeof permissions !== 'object' || Array.isArray(permissions)) return null;
  const all = Object.values(permissions).flatMap((v) => list(v));
  if (all.length === 0) return null;
  if (all.some((p) => p === 'all' || p === 'purge' || p === 'set' || p === 'delete' || p === 'import' || p === 'create' || p === 'update')) {
    return 'write';
  }
  return 'read';
}
