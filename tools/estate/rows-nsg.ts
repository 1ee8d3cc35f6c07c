/** NSG rows: custom rules (web NSGs admit the internet on 443, app NSGs only the VNet) and the default rules. */
import type { EstateContext } from './context.js';
import { nsgId, nsgIsWeb, nsgName, rgName } from './naming.js';
import type { Rng } from './prng.js';
import { argResource, tagsOf, type AzureRow } from './rows.js';

const SUCCEEDED = 'Succeeded';
/** Documentation ranges (RFC 5737) stand in for the corporate egress ranges management rules admit. */
const CORPORATE_RANGES = ['203.0.113.0/24', '198.51.100.0/24'];

interface RuleSpec {
  readonly name: string;
  readonly priority: number;
  readonly access: 'Allow' | 'Deny';
  readonly direction: 'Inbound' | 'Outbound';
  readonly protocol: string;
  readonly source: string;
  readonly ports: readonly string[];
  readonly destination?: string;
}

/** An NSG rule as ARM returns it: singular fields, or plural arrays with the singular left empty. */
function rule(nsg: string, collection: string, spec: RuleSpec): AzureRow {
  const plural = spec.ports.length > 1;
  return {
    name: spec.name,
    id: `${nsg}/${collection}/${spec.name}`,
    type: `Microsoft.Network/networkSecurityGroups/${collection}`,
    properties: {
      provisioningState: SUCCEEDED,
      protocol: spec.protocol,
      sourcePortRange: '*',
      destinationPortRange: plural ? '' : (spec.ports[0] ?? '*'),
      sourceAddressPrefix: spec.source,
      destinationAddressPrefix: spec.destination ?? '*',
      access: spec.access,
      priority: spec.priority,
      direction: spec.direction,
      sourcePortRanges: [],
      destinationPortRanges: plural ? [...spec.ports] : [],
      sourceAddressPrefixes: [],
      destinationAddressPrefixes: [],
    },
  };
}

/** The six rules every NSG carries (AllowVnetInBound … DenyAllOutBound). */
function defaultRules(nsg: string): AzureRow[] {
  const specs: RuleSpec[] = [
    {
      name: 'AllowVnetInBound',
      priority: 65000,
      access: 'Allow',
      direction: 'Inbound',
      protocol: '*',
      source: 'VirtualNetwork',
      ports: ['*'],
      destination: 'VirtualNetwork',
    },
    {
      name: 'AllowAzureLoadBalancerInBound',
      priority: 65001,
      access: 'Allow',
      direction: 'Inbound',
      protocol: '*',
      source: 'AzureLoadBalancer',
      ports: ['*'],
    },
    {
      name: 'DenyAllInBound',
      priority: 65500,
      access: 'Deny',
      direction: 'Inbound',
      protocol: '*',
      source: '*',
      ports: ['*'],
    },
    {
      name: 'AllowVnetOutBound',
      priority: 65000,
      access: 'Allow',
      direction: 'Outbound',
      protocol: '*',
      source: 'VirtualNetwork',
      ports: ['*'],
      destination: 'VirtualNetwork',
    },
    {
      name: 'AllowInternetOutBound',
      priority: 65001,
      access: 'Allow',
      direction: 'Outbound',
      protocol: '*',
      source: '*',
      ports: ['*'],
      destination: 'Internet',
    },
    {
      name: 'DenyAllOutBound',
      priority: 65500,
      access: 'Deny',
      direction: 'Outbound',
      protocol: '*',
      source: '*',
      ports: ['*'],
    },
  ];
  return specs.map((spec) => rule(nsg, 'defaultSecurityRules', spec));
}

/** Web NSGs let the internet in on 443 (sometimes 80 too); app NSGs only the VNet and a corporate range. */
function customRules(ctx: EstateContext, nsg: string, n: number, rng: Rng): AzureRow[] {
  const inbound = { access: 'Allow', direction: 'Inbound', protocol: 'Tcp' } as const;
  if (nsgIsWeb(ctx, n)) {
    const rules = [
      rule(nsg, 'securityRules', {
        ...inbound,
        name: 'allow-https-internet',
        priority: 100,
        source: 'Internet',
        ports: ['443'],
      }),
    ];
    if (rng.chance(0.3))
      rules.push(
        rule(nsg, 'securityRules', {
          ...inbound,
          name: 'allow-http-internet',
          priority: 110,
          source: 'Internet',
          ports: ['80'],
        }),
      );
    rules.push(
      rule(nsg, 'securityRules', {
        ...inbound,
        name: 'allow-ssh-corp',
        priority: 200,
        source: rng.pick(CORPORATE_RANGES),
        ports: ['22'],
      }),
    );
    return rules;
  }
  const rules = [
    rule(nsg, 'securityRules', {
      ...inbound,
      name: 'allow-vnet-https',
      priority: 100,
      source: 'VirtualNetwork',
      ports: ['443', '8443'],
    }),
    rule(nsg, 'securityRules', {
      ...inbound,
      name: 'allow-mgmt-corp',
      priority: 200,
      source: rng.pick(CORPORATE_RANGES),
      ports: rng.chance(0.5) ? ['3389', '5985-5986'] : ['22'],
    }),
  ];
  if (rng.chance(0.2)) {
    rules.push(
      rule(nsg, 'securityRules', {
        name: 'deny-internet',
        priority: 4000,
        access: 'Deny',
        direction: 'Inbound',
        protocol: '*',
        source: 'Internet',
        ports: ['*'],
      }),
    );
  }
  return rules;
}

export function nsgRow(ctx: EstateContext, s: number, n: number): AzureRow {
  const id = nsgId(ctx, s, n);
  const rng = ctx.rng('nsg', s, n);
  return argResource(ctx, {
    id,
    name: nsgName(ctx, s, n),
    type: 'microsoft.network/networksecuritygroups',
    s,
    resourceGroup: rgName(ctx, 'net', n),
    tags: tagsOf(rng),
    properties: {
      provisioningState: SUCCEEDED,
      resourceGuid: rng.guid(),
      securityRules: customRules(ctx, id, n, rng),
      defaultSecurityRules: defaultRules(id),
    },
  });
}
