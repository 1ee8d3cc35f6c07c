import type { JsonValue } from '../../../model/index.js';
import { InputError } from '../../../util/errors.js';
import type { ArmRow } from '../arm-row.js';
import { normalizeId, resourceGroupOf, subscriptionOf } from '../../../model/arm-ids.js';
import {
  azureProperties,
  resourceNode,
  subscriptionRef,
  type NodeRef,
  type TransformOutput,
  type TransformTable,
} from '../transform.js';
import { objects, str, strs } from '../../../util/json.js';

/**
 * Identity and tenancy: user-assigned managed identities, RBAC role assignments and definitions (Resource Graph
 * `authorizationresources`), subscriptions and resource groups (`resourcecontainers`).
 */

const AUTHORIZATION = 'microsoft.authorization';
const ASSIGNMENT_SEGMENT = `/providers/${AUTHORIZATION}/roleassignments/`;

function required(row: ArmRow, name: string): string {
  const value = str(row.properties[name]);
  if (!value) {
    throw new InputError({ file: row.file, index: row.index }, `${row.type} ${row.id} without "properties.${name}"`);
  }
  return value;
}

/** A lower-cased scope; the tenant root scope `/` stays `/` (normalizeId would strip it to nothing). */
function normalizeScope(scope: string): string {
  return normalizeId(scope) || '/';
}

/**
 * Tenancy rows take their subscription from their id, not from a column: an assignment or a role definition
 * at management-group or tenant scope belongs to no subscription, so no subscription's cleanup may remove it.
 */
function tenancyScope(row: ArmRow): { subscriptionId: string | undefined; resourceGroup: string | undefined } {
  return { subscriptionId: subscriptionOf(row.id), resourceGroup: resourceGroupOf(row.id) };
}

function containedBySubscription(out: TransformOutput, node: NodeRef, subscriptionId: string | undefined): void {
  if (subscriptionId) out.edge('CONTAINS', subscriptionRef(subscriptionId), node, { subscriptionId });
}

function transformUserAssignedIdentity(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  resourceNode(row, out, 'ManagedIdentity', {
    identityType: 'UserAssigned',
    // Lower case, as the `identities` helper writes it, so role assignments join on it.
    principalId: str(p['principalId'])?.toLowerCase(),
    clientId: str(p['clientId']),
  });
}

/** Role assignment ids hang under their scope: `<scope>/providers/microsoft.authorization/roleassignments/<guid>`. */
function scopeOfAssignment(id: string): string | undefined {
  const at = id.lastIndexOf(ASSIGNMENT_SEGMENT);
  return at < 0 ? undefined : id.slice(0, at) || '/';
}

function transformRoleAssignment(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const principalId = required(row, 'principalId');
  const roleDefinitionId = required(row, 'roleDefinitionId');
  const scope = str(p['scope']) ?? scopeOfAssignment(row.id);
  if (!scope) throw new InputError({ file: row.file, index: row.index }, `role assignment ${row.id} without a scope`);
  const tenancy = tenancyScope(row);
  const assignment = out.node('RoleAssignment', row.id, {
    ...azureProperties(row),
    ...tenancy,
    principalId: principalId.toLowerCase(),
    principalType: str(p['principalType']),
    roleDefinitionId: normalizeId(roleDefinitionId),
    scope: normalizeScope(scope),
  });
  containedBySubscription(out, assignment, tenancy.subscriptionId);
}

function transformRoleDefinition(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const roleName = str(p['roleName']);
  const tenancy = tenancyScope(row);
  const definition = out.node('RoleDefinition', row.id, {
    ...azureProperties(row),
    ...tenancy,
    name: roleName ?? row.name,
    roleName,
    roleType: str(p['type']),
    // As ARM returns them: [{actions, notActions, dataActions, notDataActions}].
    permissions: Array.isArray(p['permissions']) ? (objects(p['permissions']) as JsonValue[]) : undefined,
    assignableScopes: strs(p['assignableScopes'])?.map(normalizeScope),
  });
  containedBySubscription(out, definition, tenancy.subscriptionId);
}

function transformSubscription(row: ArmRow, out: TransformOutput): void {
  const guid = subscriptionOf(row.id);
  if (!guid || row.id !== `/subscriptions/${guid}`) {
    throw new InputError(
      { file: row.file, index: row.index },
      `subscription row with id ${row.id}: expected /subscriptions/<guid>`,
    );
  }
  const p = row.properties;
  out.node('Subscription', row.id, {
    ...azureProperties(row),
    // Resource Graph puts the display name in `name`; ARM-shaped rows carry `displayName`.
    name: str(p['displayName']) ?? row.name,
    subscriptionId: guid,
    state: str(p['state']),
    // Resource Graph's `resourcecontainers` row lists every management group above the subscription, nearest first
    // (the tenant root group last): role assignments at any of them reach into it.
    managementGroups: managementGroupsOf(p['managementGroupAncestorsChain']),
  });
}

function managementGroupsOf(chain: unknown): string[] | undefined {
  if (!Array.isArray(chain)) return undefined;
  return objects(chain)
    .map((group) => str(group['name'])?.toLowerCase())
    .filter((name): name is string => name !== undefined);
}

function transformResourceGroup(row: ArmRow, out: TransformOutput): void {
  resourceNode(row, out, 'ResourceGroup', {});
}

export const IDENTITY_TRANSFORMS: TransformTable = {
  'microsoft.managedidentity/userassignedidentities': transformUserAssignedIdentity,
  [`${AUTHORIZATION}/roleassignments`]: transformRoleAssignment,
  [`${AUTHORIZATION}/roledefinitions`]: transformRoleDefinition,
  'microsoft.resources/subscriptions': transformSubscription,
  'microsoft.resources/subscriptions/resourcegroups': transformResourceGroup,
};
