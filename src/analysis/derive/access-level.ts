import type { JsonValue } from '../../model/index.js';

export type AccessLevel = 'read' | 'write' | 'admin';

export const ACCESS_RANK: Readonly<Record<AccessLevel, number>> = { read: 1, write: 2, admin: 3 };

export function maxAccess(a: AccessLevel, b: AccessLevel): AccessLevel {
  return ACCESS_RANK[a] >= ACCESS_RANK[b] ? a : b;
}

/** What a role grants: per plane, and on which resource providers (`*` for any). */
export interface RoleGrant {
  /** Control plane (`actions`): managing the resource, listing its keys. */
  readonly control: AccessLevel | null;
  /** Data plane (`dataActions`): reading and writing the data itself. */
  readonly data: AccessLevel | null;
  /** Lower-cased provider namespaces the role's permissions name (`microsoft.storage`), or `*`. */
  readonly providers: ReadonlySet<string> | '*';
}

const list = (v: JsonValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : [];

/** Actions that hand out credentials to the data: as good as data write access. */
const KEY_ACTIONS = /\/(listkeys|regeneratekey|listaccountsas|listservicesas|listconnectionstrings|readonlykeys|listkeys)\/action$/;

function controlLevel(action: string): AccessLevel {
  if (action === '*' || action === 'microsoft.authorization/*' || action === 'microsoft.authorization/roleassignments/write') return 'admin';
  if (action.endsWith('/*') || action.endsWith('/write') || action.endsWith('/delete') || KEY_ACTIONS.test(action)) return 'write';
  return 'read';
}

function dataLevel(action: string): AccessLevel {
  // Data actions that change data: write, delete, add, move, purge, set, …; getSecret/action, decrypt/action and
  // generateUserDelegationKey/action only read.
  if (action === '*' || action.endsWith('/*') || /\/(write|delete|(add|move|purge|set|import|restore|update|create|sign|wrapkey|encrypt)\/action)$/.test(action)) return 'write';
  return 'read';
}

/**
 * The grant of a role definition's permissions (`[{actions, notActions, dataActions, notDataActions}]`): admin
 * when it can change authorization (`*`, `Microsoft.Authorization/*`, roleAssignments/write, unless notActions
 * take it away), write when it changes resources or data or lists keys, read otherwise.
 */
export function grantFromPermissions(permissions: JsonValue | undefined): RoleGrant | null {
  const blocks = Array.isArray(permissions) ? permissions : permissions && typeof permissions === 'object' ? [permissions] : [];
  let control: AccessLevel | null = null;
  let data: AccessLevel | null = null;
  const providers = new Set<string>();
  let any = false;
  for (const block of blocks) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) continue;
    const actions = list(block['actions']);
    const dataActions = list(block['dataActions']);
    const denied = list(block['notActions']);
    const authorizationDenied = denied.some((d) => d === 'microsoft.authorization/*' || d.startsWith('microsoft.authorization/*/'));
    for (const action of actions) {
      let level = controlLevel(action);
      if (level === 'admin' && authorizationDenied) level = 'write';
      control = control ? maxAccess(control, level) : level;
    }
    for (const action of dataActions) data = data ? maxAccess(data, dataLevel(action)) : dataLevel(action);
    for (const action of [...actions, ...dataActions]) {
      const provider = action.split('/')[0]!;
      if (provider === '*') any = true;
      else if (provider !== 'microsoft.authorization' && provider !== 'microsoft.resources' && provider !== 'microsoft.insights' && provider !== 'microsoft.support') providers.add(provider);
    }
  }
  if (!control && !data) return null;
  return { control, data, providers: any ? '*' : providers };
}

/** The highest level of a grant, across both planes. */
export function grantLevel(grant: RoleGrant, planes: { control: boolean; data: boolean } = { control: true, data: true }): AccessLevel | null {
  const levels = [planes.control ? grant.control : null, planes.data ? grant.data : null].filter((l): l is AccessLevel => l !== null);
  return levels.length ? levels.reduce(maxAccess) : null;
}

/** Single-level view kept for callers that do not care about planes. */
export function accessFromPermissions(permissions: JsonValue | undefined): AccessLevel | null {
  const grant = grantFromPermissions(permissions);
  return grant ? grantLevel(grant) : null;
}

/** Key Vault access policy permissions (`{keys, secrets, certificates, storage}`): any change is write, get/list read. */
export function accessFromVaultPolicy(permissions: JsonValue | undefined): AccessLevel | null {
  if (!permissions || typeof permissions !== 'object' || Array.isArray(permissions)) return null;
  const all = Object.values(permissions).flatMap((v) => list(v));
  if (all.length === 0) return null;
  if (all.some((p) => ['all', 'purge', 'set', 'delete', 'import', 'create', 'update', 'restore', 'recover'].includes(p))) return 'write';
  return 'read';
}
