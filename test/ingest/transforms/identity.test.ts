import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/util/errors.js';
import { SUB, SUB_ID, rg, transformFixtures, transformInline } from './fixture-graph.js';

const UAMI = `${rg('rg-app-prod')}/providers/microsoft.managedidentity/userassignedidentities/id-orders-writer`;
const RG_ASSIGNMENT = `${rg('rg-data-prod')}/providers/microsoft.authorization/roleassignments/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d`;
const RESOURCE_ASSIGNMENT = `${rg('rg-data-prod')}/providers/microsoft.storage/storageaccounts/stordersprodweu/providers/microsoft.authorization/roleassignments/5d3f1a2b-7c8d-4e9f-a0b1-c2d3e4f5a6b7`;
const MG = '/providers/microsoft.management/managementgroups/mg-contoso';
const MG_ASSIGNMENT = `${MG}/providers/microsoft.authorization/roleassignments/0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e`;
const BUILT_IN = '/providers/microsoft.authorization/roledefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe';
const CUSTOM = `${SUB_ID}/providers/microsoft.authorization/roledefinitions/c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f`;

describe('identity and tenancy transforms', () => {
  it('reads identities, role assignments and definitions, subscriptions and resource groups', async () => {
    const g = await transformFixtures('identity');
    expect([...g.nodeTuples].sort()).toEqual(
      [
        `ManagedIdentity ${UAMI}`,
        `RoleAssignment ${RG_ASSIGNMENT}`,
        `RoleAssignment ${RESOURCE_ASSIGNMENT}`,
        `RoleAssignment ${MG_ASSIGNMENT}`,
        `RoleDefinition ${BUILT_IN}`,
        `RoleDefinition ${CUSTOM}`,
        `Subscription ${SUB_ID}`,
        `ResourceGroup ${rg('rg-data-prod')}`,
        `ResourceGroup ${rg('rg-app-prod')}`,
      ].sort(),
    );
    expect([...g.edgeTuples].sort()).toEqual(
      [
        `${SUB_ID} -CONTAINS-> ${UAMI}`,
        `${SUB_ID} -CONTAINS-> ${RG_ASSIGNMENT}`,
        `${SUB_ID} -CONTAINS-> ${RESOURCE_ASSIGNMENT}`,
        `${SUB_ID} -CONTAINS-> ${CUSTOM}`,
        `${SUB_ID} -CONTAINS-> ${rg('rg-data-prod')}`,
        `${SUB_ID} -CONTAINS-> ${rg('rg-app-prod')}`,
      ].sort(),
    );
    expect(g.edges.every((e) => e.properties['subscriptionId'] === SUB)).toBe(true);
  });

  it('reads a user-assigned identity with its principal (lower case) and client ids', async () => {
    expect((await transformFixtures('identity')).node(UAMI).properties).toMatchObject({
      name: 'id-orders-writer',
      identityType: 'UserAssigned',
      principalId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
      clientId: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0',
      subscriptionId: SUB,
    });
  });

  it('reads a resource-group-scope role assignment with lower-cased ids and scope', async () => {
    expect((await transformFixtures('identity')).node(RG_ASSIGNMENT).properties).toMatchObject({
      principalId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
      principalType: 'ServicePrincipal',
      roleDefinitionId: `${SUB_ID}/providers/microsoft.authorization/roledefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`,
      scope: rg('rg-data-prod'),
      subscriptionId: SUB,
      resourceGroup: 'rg-data-prod',
    });
  });

  it('gives a management-group-scope assignment no subscription', async () => {
    const g = await transformFixtures('identity');
    const assignment = g.node(MG_ASSIGNMENT).properties;
    expect(assignment['subscriptionId']).toBeUndefined();
    expect(assignment).toMatchObject({ scope: MG, principalType: 'Group' });
    expect(g.edgeTuples.some((e) => e.endsWith(MG_ASSIGNMENT))).toBe(false);
  });

  it('takes the scope from the id when the row has none', async () => {
    const g = await transformInline({
      id: `${SUB_ID}/providers/Microsoft.Authorization/roleAssignments/11111111-2222-4333-8444-555555555555`,
      type: 'microsoft.authorization/roleassignments',
      properties: { principalId: 'AAAA', roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/x' },
    });
    expect(
      g.node(`${SUB_ID}/providers/microsoft.authorization/roleassignments/11111111-2222-4333-8444-555555555555`)
        .properties,
    ).toMatchObject({
      scope: SUB_ID,
      principalId: 'aaaa',
    });
  });

  it('reads role definitions: name, type, permissions, assignable scopes', async () => {
    const g = await transformFixtures('identity');
    expect(g.node(BUILT_IN).properties).toMatchObject({
      name: 'Storage Blob Data Contributor',
      roleName: 'Storage Blob Data Contributor',
      roleType: 'BuiltInRole',
      assignableScopes: ['/'],
      permissions: [
        expect.objectContaining({
          dataActions: expect.arrayContaining([
            'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
          ]),
        }),
      ],
    });
    expect(g.node(BUILT_IN).properties['subscriptionId']).toBeUndefined();
    expect(g.node(CUSTOM).properties).toMatchObject({
      roleType: 'CustomRole',
      assignableScopes: [rg('rg-data-prod')],
      subscriptionId: SUB,
    });
  });

  it('names a subscription by its display name and keeps its state', async () => {
    expect((await transformFixtures('identity')).node(SUB_ID).properties).toMatchObject({
      name: 'Contoso Production',
      state: 'Enabled',
      subscriptionId: SUB,
      tags: { costCenter: '4711' },
    });
  });

  it('rejects a role assignment without a principal, naming the row', async () => {
    const row = {
      id: RG_ASSIGNMENT,
      type: 'microsoft.authorization/roleassignments',
      properties: { roleDefinitionId: BUILT_IN },
    };
    await expect(transformInline(row)).rejects.toThrow(InputError);
    await expect(transformInline(row)).rejects.toThrow(/inline\.json \(row 0\).*principalId/);
  });
});
