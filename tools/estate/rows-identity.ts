/** User-assigned managed identities (`microsoft.managedidentity/userassignedidentities`). */
import type { EstateContext } from './context.js';
import { uamiClient, uamiId, uamiName, uamiPrincipal } from './naming.js';
import { argResource, tagsOf, type AzureRow } from './rows.js';

function uamiRow(ctx: EstateContext, s: number, u: number): AzureRow {
  return argResource(ctx, {
    id: uamiId(ctx, s, u),
    name: uamiName(s, u),
    type: 'microsoft.managedidentity/userassignedidentities',
    s,
    resourceGroup: 'rg-identity',
    tags: tagsOf(ctx.rng('uami', s, u)),
    properties: {
      tenantId: ctx.tenantId,
      principalId: uamiPrincipal(ctx, s, u),
      clientId: uamiClient(ctx, s, u),
      isolationScope: 'None',
    },
  });
}

export function* identityRows(ctx: EstateContext, s: number): Generator<AzureRow> {
  for (let u = 0; u < ctx.sub.uamis; u++) yield uamiRow(ctx, s, u);
}
