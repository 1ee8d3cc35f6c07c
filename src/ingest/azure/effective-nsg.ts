/**
 * Azure's own answer for the NSG rules in force on a network interface: `az network nic list-effective-nsg` output
 * (and `networkInterfaces.beginListEffectiveNetworkSecurityGroupsAndWait`), `{ value: [ { networkSecurityGroup,
 * association, effectiveSecurityRules } ] }`. The rows carry no ARM `type`, so they are recognised by that shape.
 * Each entry is one NSG applied to the NIC: `association.networkInterface` for the NIC's own NSG,
 * `association.subnet` for its subnet's. The rules (custom, default and network-manager admin rules alike, with
 * priorities) are kept on the NIC or the subnet, where reachability lets them decide over the exported NSGs.
 */
import { InputError, type InputPosition } from '../../util/errors.js';
import type { JsonValue } from '../../model/index.js';
import { positionOf, type InputRow } from '../../util/input/rows.js';
import type { TransformOutput } from './transform.js';
import { normalizeId } from '../../model/arm-ids.js';
import { isObject, num, obj, str, strs } from '../../util/json.js';

/** Whether a row has the shape of an effective-NSG entry (no ARM `type`: recognised by its fields). */
export function isEffectiveNsgRow(value: Record<string, unknown>): boolean {
  return !('type' in value) && Array.isArray(value['effectiveSecurityRules']) && isObject(value['association']);
}

/** One effective rule in the shape the NSG reader takes (`{ name, properties }`), prefixes as Azure wrote them. */
function toArmRule(raw: unknown, at: InputPosition, i: number): Record<string, JsonValue> {
  if (!isObject(raw)) throw new InputError(at, `effectiveSecurityRules[${i}] is not an object`);
  const access = str(raw['access']);
  const direction = str(raw['direction']);
  const priority = num(raw['priority']);
  if (!access || !direction || priority === undefined) {
    throw new InputError(at, `effectiveSecurityRules[${i}] without "access", "direction" or "priority"`);
  }
  // Effective rules spell "any protocol" as All; NSG rules as *.
  const protocol = (str(raw['protocol']) ?? '*').toLowerCase() === 'all' ? '*' : (str(raw['protocol']) ?? '*');
  const list = (v: unknown) => (strs(v) ?? []).filter((s) => s.length > 0);
  // Effective rules spell "any destination" as 0.0.0.0/0 and "any port" as 0-65535, which the NSG reader would
  // treat as a specific prefix and a specific range (a deny on them would then not be trusted to match).
  const destination = str(raw['destinationAddressPrefix']) ?? '';
  const port = (v: unknown) => {
    const text = str(v) ?? '';
    return text === '0-65535' ? '*' : text;
  };
  return {
    name: str(raw['name']) ?? `effective rule ${i}`,
    properties: {
      access,
      direction,
      priority,
      protocol,
      sourceAddressPrefix: str(raw['sourceAddressPrefix']) ?? '',
      sourceAddressPrefixes: list(raw['sourceAddressPrefixes']),
      sourcePortRange: port(raw['sourcePortRange']),
      sourcePortRanges: list(raw['sourcePortRanges']),
      destinationAddressPrefix: destination === '0.0.0.0/0' ? '*' : destination,
      destinationAddressPrefixes: list(raw['destinationAddressPrefixes']),
      destinationPortRange: port(raw['destinationPortRange']),
      destinationPortRanges: list(raw['destinationPortRanges']),
    },
  };
}

/**
 * Stores one entry's rules on the NIC or subnet it is associated with: `effectiveSecurityRules` is
 * `{ networkSecurityGroupId, rules }`. A malformed entry fails with its file, position and reason; an entry for a
 * NIC or subnet the estate does not hold changes nothing.
 */
export function transformEffectiveNsgRow(input: InputRow, out: TransformOutput): void {
  const at = positionOf(input);
  const association = obj(input.value['association']) ?? {};
  const nicId = str(obj(association['networkInterface'])?.['id']);
  const subnetId = str(obj(association['subnet'])?.['id']);
  const target = nicId ?? subnetId;
  if (!target) throw new InputError(at, 'effective security rules without association.networkInterface.id or association.subnet.id');
  const rules = (input.value['effectiveSecurityRules'] as unknown[]).map((rule, i) => toArmRule(rule, at, i));
  const nsgId = str(obj(input.value['networkSecurityGroup'])?.['id']);
  out.update(normalizeId(target), {
    effectiveSecurityRules: { networkSecurityGroupId: nsgId ? normalizeId(nsgId) : null, rules },
  });
}
