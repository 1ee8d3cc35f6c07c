/**
 * NSG security rules as ARM returns them (azure-data.md §5.3), read into one normalized shape. The JSON is read with
 * the narrowing readers, so a null or mistyped field is treated as absent rather than trusted.
 */
import { num, objects, str, strs } from '../../util/json.js';
import { sourceTerm, type SourceTerm } from './first-match.js';
import { parsePortRange, type PortRange } from './ports.js';

/** One entry of `properties.securityRules[]` / `defaultSecurityRules[]`. */
export interface ArmSecurityRule {
  readonly name?: string | null;
  readonly id?: string | null;
  readonly [other: string]: unknown;
  readonly properties?: ArmSecurityRuleProperties | null;
}

export interface ArmSecurityRuleProperties {
  readonly priority?: number | null;
  readonly direction?: string | null;
  readonly access?: string | null;
  readonly protocol?: string | null;
  readonly sourceAddressPrefix?: string | null;
  readonly sourceAddressPrefixes?: readonly string[] | null;
  readonly sourcePortRange?: string | null;
  readonly sourcePortRanges?: readonly string[] | null;
  readonly destinationAddressPrefix?: string | null;
  readonly destinationAddressPrefixes?: readonly string[] | null;
  readonly destinationPortRange?: string | null;
  readonly destinationPortRanges?: readonly string[] | null;
  readonly sourceApplicationSecurityGroups?: readonly { readonly id?: string | null }[] | null;
  readonly destinationApplicationSecurityGroups?: readonly { readonly id?: string | null }[] | null;
  readonly [other: string]: unknown;
}

/** A `microsoft.network/networksecuritygroups` resource (or just its `{ name, properties }`). */
export interface ArmNetworkSecurityGroup {
  readonly name?: string | null;
  readonly id?: string | null;
  readonly [other: string]: unknown;
  readonly properties?: {
    readonly securityRules?: readonly ArmSecurityRule[] | null;
    readonly defaultSecurityRules?: readonly ArmSecurityRule[] | null;
    readonly [other: string]: unknown;
  } | null;
}

export interface NsgRule {
  readonly name: string;
  readonly priority: number;
  readonly inbound: boolean;
  readonly allow: boolean;
  /** Lower-cased: `*`, `tcp`, `udp`, `icmp`, `esp`, `ah`. */
  readonly protocol: string;
  /** Source as seen from the internet; ASG sources are NICs inside the VNet and cover no internet address. */
  readonly sources: readonly SourceTerm[];
  readonly anySourcePort: boolean;
  readonly destinationPorts: readonly PortRange[];
  /** Destination prefixes as written; empty when the rule targets application security groups instead. */
  readonly destinationPrefixes: readonly string[];
  /** Lower-cased ASG ids of the destination. */
  readonly destinationAsgs: readonly string[];
}

/**
 * Azure's inbound default rules (§5.3), used when an NSG comes without `defaultSecurityRules` (a hand-written or
 * trimmed export): every NSG has them, and they cannot be removed.
 */
export const DEFAULT_INBOUND_RULES: readonly ArmSecurityRule[] = [
  defaultRule('AllowVnetInBound', 65000, 'VirtualNetwork', 'VirtualNetwork', 'Allow'),
  defaultRule('AllowAzureLoadBalancerInBound', 65001, 'AzureLoadBalancer', '*', 'Allow'),
  defaultRule('DenyAllInBound', 65500, '*', '*', 'Deny'),
];

function defaultRule(
  name: string,
  priority: number,
  source: string,
  destination: string,
  access: string,
): ArmSecurityRule {
  return {
    name,
    properties: {
      priority,
      direction: 'Inbound',
      access,
      protocol: '*',
      sourceAddressPrefix: source,
      sourcePortRange: '*',
      destinationAddressPrefix: destination,
      destinationPortRange: '*',
    },
  };
}

/** Tags that stand for addresses inside Azure's private fabric: never an internet client (§5.3, §5.9). */
export const NSG_NON_INTERNET_TAGS: ReadonlySet<string> = new Set(['virtualnetwork', 'azureloadbalancer']);

/** The singular field when it is set, else the plural array (§5.3: the plural replaces the singular, which is then ""). */
function singularOrPlural(singular: unknown, plural: unknown): string[] {
  const one = str(singular);
  if (one) return [one];
  return strs(plural) ?? [];
}

function asgIds(value: unknown): string[] {
  return objects(value)
    .map((g) => str(g['id'])?.toLowerCase())
    .filter((id): id is string => id !== undefined);
}

function readRule(raw: Record<string, unknown>): NsgRule | null {
  const p = raw['properties'];
  if (typeof p !== 'object' || p === null) return null;
  const props = p as Record<string, unknown>;
  const access = str(props['access'])?.toLowerCase();
  const direction = str(props['direction'])?.toLowerCase();
  if ((access !== 'allow' && access !== 'deny') || (direction !== 'inbound' && direction !== 'outbound')) return null;
  const sourcePorts = singularOrPlural(props['sourcePortRange'], props['sourcePortRanges']);
  const destinationPorts = singularOrPlural(props['destinationPortRange'], props['destinationPortRanges'])
    .map((text) => parsePortRange(text))
    .filter((range): range is PortRange => range !== null);
  const sourceAsgs = asgIds(props['sourceApplicationSecurityGroups']);
  const sourceTexts =
    sourceAsgs.length > 0 ? [] : singularOrPlural(props['sourceAddressPrefix'], props['sourceAddressPrefixes']);
  return {
    name: str(raw['name']) ?? '(unnamed rule)',
    // A rule without a priority is malformed; it is evaluated last rather than trusted.
    priority: num(props['priority']) ?? Number.MAX_SAFE_INTEGER,
    inbound: direction === 'inbound',
    allow: access === 'allow',
    protocol: (str(props['protocol']) ?? '*').toLowerCase(),
    sources: sourceTexts.map((text) => sourceTerm(text, NSG_NON_INTERNET_TAGS)),
    anySourcePort: sourcePorts.length === 0 || sourcePorts.some((range) => range.trim() === '*'),
    destinationPorts,
    destinationPrefixes: singularOrPlural(props['destinationAddressPrefix'], props['destinationAddressPrefixes']),
    destinationAsgs: asgIds(props['destinationApplicationSecurityGroups']),
  };
}

/**
 * All rules of an NSG (custom and default) in evaluation order: priority ascending (§5.9). Default rules come from
 * the input when present, else from `DEFAULT_INBOUND_RULES`.
 */
export function readNsgRules(nsg: ArmNetworkSecurityGroup): NsgRule[] {
  const props = nsg.properties ?? {};
  const custom = objects(props.securityRules);
  const defaults = objects(props.defaultSecurityRules);
  const raw = [...custom, ...(defaults.length > 0 ? defaults : objects(DEFAULT_INBOUND_RULES))];
  return raw
    .map(readRule)
    .filter((rule): rule is NsgRule => rule !== null)
    .sort((a, b) => a.priority - b.priority);
}

export function nsgName(nsg: ArmNetworkSecurityGroup): string {
  return str(nsg.name) ?? str(nsg.id)?.split('/').pop() ?? '(unnamed NSG)';
}
