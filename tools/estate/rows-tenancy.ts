/** Subscriptions and resource groups, as Resource Graph's `resourcecontainers` table returns them. */
import type { EstateContext } from './context.js';
import { rgId, rgName, subscriptionId } from './naming.js';
import { tagsOf, type AzureRow } from './rows.js';

function containerBase(
  ctx: EstateContext,
  s: number,
): Pick<AzureRow, 'tenantId' | 'kind' | 'subscriptionId' | 'managedBy' | 'sku' | 'plan'> {
  return {
    tenantId: ctx.tenantId,
    kind: '',
    subscriptionId: ctx.subscription(s).guid,
    managedBy: '',
    sku: null,
    plan: null,
  };
}

/** Resource group names of one subscription, in a fixed order. */
export function resourceGroups(ctx: EstateContext): string[] {
  const p = ctx.sub;
  return [
    ...Array.from({ length: p.netRgs }, (_, k) => rgName(ctx, 'net', k)),
    ...Array.from({ length: p.appRgs }, (_, k) => rgName(ctx, 'app', k)),
    ...Array.from({ length: p.dataRgs }, (_, k) => rgName(ctx, 'data', k)),
    rgName(ctx, 'apim', 0),
    rgName(ctx, 'identity', 0),
  ];
}

export function* containerRows(ctx: EstateContext): Generator<AzureRow> {
  for (let s = 0; s < ctx.plan.subscriptions; s++) {
    const sub = ctx.subscription(s);
    yield {
      id: subscriptionId(ctx, s),
      name: sub.displayName,
      type: 'microsoft.resources/subscriptions',
      ...containerBase(ctx, s),
      location: '',
      resourceGroup: '',
      properties: {
        subscriptionPolicies: {
          locationPlacementId: 'Public_2014-09-01',
          quotaId: 'EnterpriseAgreement_2014-09-01',
          spendingLimit: 'Off',
        },
        managementGroupAncestorsChain: [
          { name: 'mg-landing-zones', displayName: 'Landing Zones' },
          { name: ctx.tenantId, displayName: 'Tenant Root Group' },
        ],
        state: 'Enabled',
      },
      tags: {},
      identity: null,
      zones: null,
      extendedLocation: null,
    };
    for (const [k, rg] of resourceGroups(ctx).entries()) {
      yield {
        id: rgId(ctx, s, rg),
        name: rg,
        type: 'microsoft.resources/subscriptions/resourcegroups',
        ...containerBase(ctx, s),
        location: sub.region,
        resourceGroup: rg,
        properties: { provisioningState: 'Succeeded' },
        tags: tagsOf(ctx.rng('rg', s, k)),
        identity: null,
        zones: null,
        extendedLocation: null,
      };
    }
  }
}
