/**
 * Azure's own answer for the routes in force on a network interface: `networkInterfaces.beginGetEffectiveRouteTable`
 * (`az network nic show-effective-route-table`). Azure's answer (`{ value: [ { addressPrefix: [], nextHopType,
 * nextHopIpAddress: [], source, state } ] }`) does not name the NIC, so a route table travels as one row that does:
 * `{ "networkInterface": { "id": "<NIC id>" }, "effectiveRoutes": [ …Azure's value… ] }` — what live ingest writes,
 * and what `az network nic show-effective-route-table -g <rg> -n <nic> --query "{networkInterface:{id:'<NIC id>'},
 * effectiveRoutes:value}"` prints. Recognised by that shape; the routes are kept on the NIC.
 */
import type { JsonValue } from '../../model/index.js';
import { InputError, type InputPosition } from '../../util/errors.js';
import { positionOf, type InputRow } from '../../util/input/rows.js';
import { normalizeId } from '../../model/arm-ids.js';
import type { TransformOutput } from './transform.js';
import { isObject, obj, str, strs } from '../../util/json.js';

/** Whether a row has the shape of a NIC's effective route table (no ARM `type`: recognised by its fields). */
export function isEffectiveRoutesRow(value: Record<string, unknown>): boolean {
  return !('type' in value) && Array.isArray(value['effectiveRoutes']) && isObject(value['networkInterface']);
}

/** One route as stored: prefixes and next hop as Azure wrote them, with who made it (Default, User, …). */
function toRoute(raw: unknown, at: InputPosition, i: number): Record<string, JsonValue> {
  if (!isObject(raw)) throw new InputError(at, `effectiveRoutes[${i}] is not an object`);
  const prefixes = strs(raw['addressPrefix']);
  const nextHopType = str(raw['nextHopType']);
  if (!prefixes || prefixes.length === 0 || !nextHopType) {
    throw new InputError(at, `effectiveRoutes[${i}] without "addressPrefix" or "nextHopType"`);
  }
  return {
    addressPrefix: prefixes,
    nextHopType,
    nextHopIpAddress: strs(raw['nextHopIpAddress']) ?? [],
    source: str(raw['source']) ?? 'Unknown',
    state: str(raw['state']) ?? 'Active',
    ...(str(raw['name']) ? { name: str(raw['name'])! } : {}),
  };
}

/** Stores a route table on its NIC; a malformed route fails with its file, position and reason. */
export function transformEffectiveRoutesRow(input: InputRow, out: TransformOutput): void {
  const at = positionOf(input);
  const nicId = str(obj(input.value['networkInterface'])?.['id']);
  if (!nicId) throw new InputError(at, 'effective routes without networkInterface.id');
  const routes = (input.value['effectiveRoutes'] as unknown[]).map((route, i) => toRoute(route, at, i));
  out.update(normalizeId(nicId), { effectiveRoutes: routes });
}
