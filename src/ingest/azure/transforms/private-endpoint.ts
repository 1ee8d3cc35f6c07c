import type { ArmRow } from '../arm-row.js';
import { normalizeId } from '../../../model/arm-ids.js';
import { resourceNode, type TransformOutput, type TransformTable } from '../transform.js';
import { at, objects, str, strs } from '../../../util/json.js';
import { compact, privateLinkTargetKind, refId, scope, topLevelResource, unique } from './refs.js';

const PRIVATE_ENDPOINTS = 'microsoft.network/privateendpoints';

interface Connection {
  readonly targetResourceId: string;
  readonly groupIds: string[];
  readonly status: string | undefined;
  readonly manual: boolean;
}

function readConnections(v: unknown, manual: boolean): Connection[] {
  return objects(v).flatMap((c) => {
    const target = str(at(c, 'properties', 'privateLinkServiceId'));
    if (!target) return [];
    return [
      {
        targetResourceId: normalizeId(target),
        groupIds: strs(at(c, 'properties', 'groupIds')) ?? [],
        status: str(at(c, 'properties', 'privateLinkServiceConnectionState', 'status')),
        manual,
      },
    ];
  });
}

/**
 * Only an approved connection carries traffic: a Pending (manual approval), Rejected or Disconnected one gives no
 * private path to the target, so it is recorded but not linked. A missing status is read as approved.
 */
const carriesTraffic = (c: Connection): boolean => c.status === undefined || c.status.toLowerCase() === 'approved';

function transformPrivateEndpoint(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const connections = [
    ...readConnections(p['privateLinkServiceConnections'], false),
    ...readConnections(p['manualPrivateLinkServiceConnections'], true),
  ];
  const endpoint = resourceNode(row, out, 'PrivateEndpoint', {
    targetResourceIds: unique(connections.map((c) => c.targetResourceId)),
    groupIds: unique(connections.flatMap((c) => c.groupIds)),
    connections: connections.map((c) =>
      compact({ targetResourceId: c.targetResourceId, groupIds: c.groupIds, status: c.status, manual: c.manual }),
    ),
  });
  const subnetId = refId(p['subnet']);
  if (subnetId) out.edge('ATTACHED_TO', endpoint, { id: subnetId, kind: 'Subnet' }, scope(row));
  for (const connection of connections.filter(carriesTraffic)) {
    const target = topLevelResource(connection.targetResourceId);
    const kind = target ? privateLinkTargetKind(target.type) : undefined;
    // Private link services and other target types have no node kind: the id stays in targetResourceIds.
    if (target && kind) out.edge('ATTACHED_TO', endpoint, { id: target.id, kind }, scope(row));
  }
}

export const PRIVATE_ENDPOINT_TRANSFORMS: TransformTable = {
  [PRIVATE_ENDPOINTS]: transformPrivateEndpoint,
};
