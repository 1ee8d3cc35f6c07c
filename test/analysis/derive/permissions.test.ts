import { describe, expect, it } from 'vitest';
import { GraphView } from '../../../src/analysis/graph-view.js';
import { accessFromPermissions } from '../../../src/analysis/derive/access-level.js';
import { containingScopes, derivePermissions } from '../../../src/analysis/derive/permissions.js';
import { node } from '../../support/graph-fixture.js';

const SUB = '/subscriptions/3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
const rg = (name: string) => `${SUB}/resourcegroups/${name}`;
const storage = (group: string, name: string) => node({ id: `${rg(group)}/providers/microsoft.storage/storageaccounts/${name}`, kind: 'StorageAccount', properties: { name } });
const identity = (id: string, principalId: string) => node({ id, kind: 'ManagedIdentity', properties: { name: id, principalId } });
const assignment = (n: number, principalId: string, scope: string, role: string) =>
  node({
    id: `${scope}/providers/microsoft.authorization/roleassignments/${n}`,
    kind: 'RoleAssignment',
    properties: { principalId, scope, roleDefinitionId: `${SUB}/providers/microsoft.authorization/roledefinitions/${role}` },
  });
const BLOB_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

describe('HAS_PERMISSION_TO from role assignments', () => {
  it('lists the scopes that contain a resource by whole segments', () => {
    expect(containingScopes(`${rg('rg-data')}/providers/microsoft.sql/servers/s1/databases/db1`)).toEqual([
      SUB,
      rg('rg-data'),
      `${rg('rg-data')}/providers/microsoft.sql/servers/s1`,
      `${rg('rg-data')}/providers/microsoft.sql/servers/s1/databases/db1`,
    ]);
  });

  it('inherits from resource group scope, never into a group whose name merely starts the same', () => {
    const inGroup = storage('rg-x', 'stinside');
    const lookalike = storage('rg-x-data', 'stlookalike');
    const app = identity(`${rg('rg-app')}/providers/microsoft.web/sites/fn/identities/system`, 'p-1');
    const view = GraphView.of([inGroup, lookalike, app, assignment(1, 'P-1', rg('rg-x'), BLOB_READER)], []);
    const edges = derivePermissions(view);
    expect(edges.map((e) => [e.from, e.to, e.properties['accessLevel'], e.properties['roles']])).toEqual([
      [app.id, inGroup.id, 'read', ['Storage Blob Data Reader']],
    ]);
  });

  it('takes the highest access over several assignments and records every scope', () => {
    const st = storage('rg-x', 'st1');
    const app = identity('/mi/app', 'p-2');
    const view = GraphView.of([st, app, assignment(1, 'p-2', st.id, BLOB_READER), assignment(2, 'p-2', SUB, OWNER)], []);
    const [edge] = derivePermissions(view);
    expect(edge?.properties).toMatchObject({ accessLevel: 'admin', roles: ['Owner', 'Storage Blob Data Reader'], scopes: [SUB, st.id].sort() });
  });

  it('reads custom role definitions when they are exported', () => {
    const st = storage('rg-x', 'st2');
    const app = identity('/mi/app2', 'p-3');
    const custom = node({
      id: `${SUB}/providers/microsoft.authorization/roledefinitions/11111111-0000-0000-0000-000000000001`,
      kind: 'RoleDefinition',
      properties: { roleName: 'Blob writer', permissions: [{ actions: [], dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'] }] },
    });
    const view = GraphView.of([st, app, custom, assignment(1, 'p-3', st.id, '11111111-0000-0000-0000-000000000001')], []);
    expect(derivePermissions(view)[0]?.properties).toMatchObject({ accessLevel: 'write', roles: ['Blob writer'] });
  });

  it('gives Key Vault access policies to identities unless the vault uses RBAC', () => {
    const vault = (name: string, rbac: boolean) =>
      node({
        id: `${rg('rg-kv')}/providers/microsoft.keyvault/vaults/${name}`,
        kind: 'KeyVault',
        properties: { name, enableRbacAuthorization: rbac, accessPolicies: [{ objectId: 'p-4', permissions: { secrets: ['get', 'list'] } }] },
      });
    const app = identity('/mi/app3', 'p-4');
    const edges = derivePermissions(GraphView.of([vault('kv-policies', false), vault('kv-rbac', true), app], []));
    expect(edges.map((e) => [e.to.split('/').pop(), e.properties['accessLevel']])).toEqual([['kv-policies', 'read']]);
  });

  it('applies a role only to stores of the providers it names', () => {
    const st = storage('rg-x', 'st3');
    const sql = node({ id: `${rg('rg-x')}/providers/microsoft.sql/servers/sql1`, kind: 'SqlServer', properties: { name: 'sql1' } });
    const app = identity('/mi/app4', 'p-5');
    const SQL_SERVER_CONTRIBUTOR = '6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437';
    const edges = derivePermissions(GraphView.of([st, sql, app, assignment(1, 'p-5', rg('rg-x'), SQL_SERVER_CONTRIBUTOR)], []));
    expect(edges.map((e) => e.to)).toEqual([sql.id]);
  });

  it('ignores RBAC data roles on a vault that uses access policies', () => {
    const vault = node({ id: `${rg('rg-kv')}/providers/microsoft.keyvault/vaults/kv1`, kind: 'KeyVault', properties: { name: 'kv1', enableRbacAuthorization: false } });
    const rbacVault = node({ id: `${rg('rg-kv')}/providers/microsoft.keyvault/vaults/kv2`, kind: 'KeyVault', properties: { name: 'kv2', enableRbacAuthorization: true } });
    const app = identity('/mi/app5', 'p-6');
    const SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
    const edges = derivePermissions(GraphView.of([vault, rbacVault, app, assignment(1, 'p-6', rg('rg-kv'), SECRETS_USER)], []));
    expect(edges.map((e) => [e.to, e.properties['accessLevel']])).toEqual([[rbacVault.id, 'read']]);
  });

  it('grades role permissions', () => {
    expect(accessFromPermissions([{ actions: ['*'], notActions: [] }])).toBe('admin');
    expect(accessFromPermissions([{ actions: ['*'], notActions: ['Microsoft.Authorization/*/Write'] }])).toBe('write');
    expect(accessFromPermissions([{ actions: ['*/read'] }])).toBe('read');
    expect(accessFromPermissions([{ actions: ['Microsoft.Storage/storageAccounts/listkeys/action'] }])).toBe('write');
    expect(accessFromPermissions([])).toBeNull();
    // Read-only data actions that happen to end in /action.
    expect(accessFromPermissions([{ dataActions: ['Microsoft.KeyVault/vaults/secrets/getSecret/action'] }])).toBe('read');
    expect(accessFromPermissions([{ actions: ['Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action'] }])).toBe('read');
  });
});
