/** ARM-shaped NSG fixtures (azure-data.md §5.3): real property names, made-up names and addresses. */
import type {
  ArmNetworkSecurityGroup,
  ArmSecurityRule,
  ArmSecurityRuleProperties,
} from '../../../src/analysis/reachability/index.js';

const NSG_BASE =
  '/subscriptions/3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71/resourceGroups/rg-net-prod/providers/Microsoft.Network/networkSecurityGroups';

/** An inbound rule with ARM's full property set; `overrides` replace single fields (plural arrays default to []). */
export function inbound(
  name: string,
  priority: number,
  access: 'Allow' | 'Deny',
  overrides: Partial<ArmSecurityRuleProperties> = {},
): ArmSecurityRule {
  return {
    name,
    id: `${NSG_BASE}/nsg-web/securityRules/${name}`,
    properties: {
      provisioningState: 'Succeeded',
      protocol: 'Tcp',
      sourcePortRange: '*',
      destinationPortRange: '443',
      sourceAddressPrefix: 'Internet',
      destinationAddressPrefix: '*',
      access,
      priority,
      direction: 'Inbound',
      sourcePortRanges: [],
      destinationPortRanges: [],
      sourceAddressPrefixes: [],
      destinationAddressPrefixes: [],
      ...overrides,
    },
  };
}

export function outbound(
  name: string,
  priority: number,
  access: 'Allow' | 'Deny',
  overrides: Partial<ArmSecurityRuleProperties> = {},
): ArmSecurityRule {
  const rule = inbound(name, priority, access, overrides);
  return { ...rule, properties: { ...rule.properties, direction: 'Outbound' } };
}

/** An NSG without `defaultSecurityRules`, so the built-in defaults apply. */
export function nsg(name: string, ...securityRules: ArmSecurityRule[]): ArmNetworkSecurityGroup {
  return {
    name,
    id: `${NSG_BASE}/${name}`,
    type: 'Microsoft.Network/networkSecurityGroups',
    location: 'westeurope',
    properties: { provisioningState: 'Succeeded', securityRules },
  };
}

/** The same NSG with ARM's own `defaultSecurityRules` list. */
export function nsgWithDefaults(
  name: string,
  defaultSecurityRules: ArmSecurityRule[],
  ...securityRules: ArmSecurityRule[]
): ArmNetworkSecurityGroup {
  return { name, id: `${NSG_BASE}/${name}`, properties: { securityRules, defaultSecurityRules } };
}
