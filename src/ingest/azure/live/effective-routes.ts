/**
 * Live effective routes through `@azure/arm-network`: for the same internet-facing NICs whose effective security
 * rules are read, the route table Azure applies (`networkInterfaces.beginGetEffectiveRouteTable`, a long-running POST
 * polled as the SDK polls it). Azure's answer does not name the NIC, so each table is added as one row that does
 * (`{ networkInterface: { id }, effectiveRoutes }`, the shape offline files use). Bounded by `maxEffectiveNics`
 * like the rules, through the run's shared pool; a failed NIC is reported with its id and keeps the computed verdict.
 */
import { failureOf } from '../../../util/azure-failures.js';
import { candidateNics, type EnrichmentRun } from './network-enrichment.js';

export async function fetchEffectiveRoutes({ rows, clients, limit, out, settings }: EnrichmentRun): Promise<void> {
  // The bound and its warning are the effective rules' (same NICs, same order): not repeated here.
  const chosen = candidateNics(rows).slice(0, settings.maxEffectiveNics);
  const poll = settings.pollIntervalInMs !== undefined ? { updateIntervalInMs: settings.pollIntervalInMs } : {};
  await Promise.all(
    chosen.map(async (nic) => {
      try {
        const client = clients.network(nic.subscriptionId);
        const result = await limit(() => client.networkInterfaces.beginGetEffectiveRouteTableAndWait(nic.resourceGroup, nic.name, poll));
        const effectiveRoutes = (result.value ?? []).map((route) => ({ ...route }));
        out.add(`azure:${nic.id}/effectiveRouteTable`, [{ networkInterface: { id: nic.id }, effectiveRoutes }]);
      } catch (error) {
        out.fail(failureOf(error, { subscriptionId: nic.subscriptionId, operation: 'network.networkInterfaces.getEffectiveRouteTable', resourceId: nic.id }));
      }
    }),
  );
}
