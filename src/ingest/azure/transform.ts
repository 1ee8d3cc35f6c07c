import type { EdgeKind, JsonValue, NodeKind } from '../../model/index.js';
import type { ArmRow } from './arm-row.js';
import { normalizeId, systemIdentityId } from '../../model/arm-ids.js';
import { isObject, str } from '../../util/json.js';

export type PropertyInput = Record<string, JsonValue | undefined>;

export interface NodeRef {
  readonly id: string;
  readonly kind: NodeKind;
}

/** Where a transform writes what it read from one row. Pure: no I/O, no store. */
export interface TransformOutput {
  /** `properties` must be a fresh object: the output may keep it (and add to it) rather than copy it. */
  node(kind: NodeKind, id: string, properties: PropertyInput): NodeRef;
  edge(kind: EdgeKind, from: NodeRef, to: NodeRef, properties?: PropertyInput): void;
  /**
   * Appends an item to a list property of a node (creating the node if no row made it yet), for facts that
   * arrive as rows of their own: SQL firewall rules, Front Door origins, APIM product links, …
   * Duplicates are dropped.
   */
  append(node: NodeRef, property: string, item: JsonValue): void;
  /**
   * Merges properties into the node of this id, whatever its kind, once the run's rows are all read: the node
   * from this run or, failing that, the one stored before. For rows that describe a resource without saying its
   * kind (an App Service config row does not tell a web app from a function app). Values given here win over
   * the node's own row; with no such node anywhere, the update is dropped.
   */
  update(id: string, properties: PropertyInput): void;
}

/** Turns one Azure resource row into nodes and edges. A missing required field throws an InputError. */
export type Transform = (row: ArmRow, out: TransformOutput) => void;

/** Transforms by lower-cased ARM type. */
export type TransformTable = Readonly<Record<string, Transform>>;

/** The columns every Azure resource node carries. */
export function azureProperties(row: ArmRow): PropertyInput {
  return {
    name: row.name,
    subscriptionId: row.subscriptionId ?? undefined,
    resourceGroup: row.resourceGroup ?? undefined,
    location: row.location ?? undefined,
    tenantId: row.tenantId ?? undefined,
    azureType: row.type,
    tags: row.tags ?? undefined,
  };
}

export function subscriptionRef(subscriptionId: string): NodeRef {
  return { id: `/subscriptions/${subscriptionId}`, kind: 'Subscription' };
}

/** Adds a top-level resource node with its subscription's CONTAINS edge. */
export function resourceNode(row: ArmRow, out: TransformOutput, kind: NodeKind, properties: PropertyInput): NodeRef {
  const ref = out.node(kind, row.id, { ...azureProperties(row), ...properties });
  if (row.subscriptionId) out.edge('CONTAINS', subscriptionRef(row.subscriptionId), ref, { subscriptionId: row.subscriptionId });
  return ref;
}

/**
 * Managed identities of a resource: the system-assigned one (a node under the resource's id) and every
 * user-assigned one it lists; each gets a CAN_AUTHENTICATE_AS edge from the resource.
 */
export function identities(row: ArmRow, out: TransformOutput, owner: NodeRef): void {
  const identity = row.identity;
  if (!identity) return;
  const type = (str(identity['type']) ?? '').toLowerCase();
  const sub = { subscriptionId: row.subscriptionId ?? undefined, resourceGroup: row.resourceGroup ?? undefined };
  if (type.includes('systemassigned')) {
    const system = out.node('ManagedIdentity', systemIdentityId(row.id), {
      ...sub,
      name: `${row.name} (system-assigned)`,
      identityType: 'SystemAssigned',
      principalId: str(identity['principalId'])?.toLowerCase(),
      tenantId: str(identity['tenantId']),
      azureType: 'systemassigned',
    });
    out.edge('CAN_AUTHENTICATE_AS', owner, system, { subscriptionId: row.subscriptionId ?? undefined });
  }
  const assigned = identity['userAssignedIdentities'];
  if (isObject(assigned)) {
    for (const [rawId, details] of Object.entries(assigned)) {
      const id = normalizeId(rawId);
      const user = out.node('ManagedIdentity', id, {
        subscriptionId: id.split('/')[2],
        resourceGroup: id.split('/')[4],
        name: id.slice(id.lastIndexOf('/') + 1),
        identityType: 'UserAssigned',
        principalId: isObject(details) ? str(details['principalId'])?.toLowerCase() : undefined,
        clientId: isObject(details) ? str(details['clientId']) : undefined,
        azureType: 'microsoft.managedidentity/userassignedidentities',
      });
      out.edge('CAN_AUTHENTICATE_AS', owner, user, { subscriptionId: row.subscriptionId ?? undefined });
    }
  }
}
