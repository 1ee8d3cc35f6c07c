/**
 * Live enrichment through `@azure/arm-network` that Resource Graph lacks: Azure's effective security rules of the
 * NICs that can start an attack path (a public IP on an IP configuration, or a place in a load balancer's backend
 * pool). The list is a long-running POST (202, then polled as the SDK polls it); the answer's entries have the shape
 * `list-effective-nsg` files have, so they go through the same transform and decide the NIC's verdict. Bounded:
 * at most `maxEffectiveNics` NICs (the rest are named in a warning), each call through the run's shared pool.
 * A failed call is reported with its NIC; the computed verdict stays.
 *
 * A flexible-orchestration scale set's instances have standalone NICs (`…/networkInterfaces/…`), candidates like a
 * VM's. A uniform scale set's instance NICs live under the scale set (`…/virtualMachines/<n>/networkInterfaces/…`),
 * and ARM offers only reads for them (`listVirtualMachineScaleSetNetworkInterfaces`, `getVirtualMachineScaleSet…`),
 * no effective rules or routes: such scale sets are named once each in a warning, and keep the exported NSG rules.
 */
import type { InputRow } from '../../../util/input/rows.js';
import { objects, obj, str } from '../../../util/json.js';
import type { AzureClients } from './clients.js';
import { failureOf } from '../../../util/azure-failures.js';
import type { Limiter } from './limiter.js';
import type { LiveRows } from './live-rows.js';

export const DEFAULT_MAX_EFFECTIVE_NICS = 200;

export interface NetworkEnrichmentSettings {
  readonly enabled: boolean;
  /** At most this many NICs get their effective rules read (default 200). */
  readonly maxEffectiveNics: number;
  /** Interval between polls of a long-running operation when Azure gives no Retry-After (the SDK's default otherwise). */
  readonly pollIntervalInMs?: number;
}

/** What every enrichment step reads: the inventory rows, the run's clients and pool, where results go, the bounds. */
export interface EnrichmentRun {
  readonly rows: readonly InputRow[];
  readonly clients: AzureClients;
  readonly limit: Limiter;
  readonly out: LiveRows;
  readonly settings: NetworkEnrichmentSettings;
}

interface CandidateNic {
  readonly id: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
}

const NIC_ID =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.network\/networkinterfaces\/([^/]+)$/i;

/** NICs with a public IP or a load-balancer backend pool, from the Resource Graph rows, in id order. */
export function candidateNics(rows: readonly InputRow[]): CandidateNic[] {
  const found = new Map<string, CandidateNic>();
  for (const { value } of rows) {
    if (str(value['type'])?.toLowerCase() !== 'microsoft.network/networkinterfaces') continue;
    const id = str(value['id']) ?? '';
    const match = NIC_ID.exec(id);
    if (!match) continue;
    const configs = objects(obj(value['properties'])?.['ipConfigurations']).map((c) => obj(c['properties']) ?? {});
    const entry = configs.some((c) => obj(c['publicIPAddress']) !== undefined || objects(c['loadBalancerBackendAddressPools']).length > 0);
    if (!entry) continue;
    found.set(id.toLowerCase(), {
      id,
      subscriptionId: match[1]!.toLowerCase(),
      resourceGroup: match[2]!,
      name: match[3]!,
    });
  }
  return [...found.values()].sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1));
}

const inPool = (config: Record<string, unknown>, name: string) => objects(config[name]).length > 0;

/**
 * Internet-facing uniform scale sets (a public IP per instance, or a load balancer's backend or NAT pool), in id
 * order. A scale set without `orchestrationMode` is uniform: the mode was added with flexible orchestration.
 */
export function uniformScaleSets(rows: readonly InputRow[]): string[] {
  const found = new Set<string>();
  for (const { value } of rows) {
    if (str(value['type'])?.toLowerCase() !== 'microsoft.compute/virtualmachinescalesets') continue;
    const p = obj(value['properties']) ?? {};
    if ((str(p['orchestrationMode']) ?? 'Uniform').toLowerCase() !== 'uniform') continue;
    const nics = objects(
      obj(obj(obj(p['virtualMachineProfile'])?.['networkProfile']) ?? {})?.['networkInterfaceConfigurations'],
    );
    const configs = nics
      .flatMap((n) => objects(obj(n['properties'])?.['ipConfigurations']))
      .map((c) => obj(c['properties']) ?? {});
    const entry = configs.some(
      (c) =>
        obj(c['publicIPAddressConfiguration']) !== undefined ||
        inPool(c, 'loadBalancerBackendAddressPools') ||
        inPool(c, 'loadBalancerInboundNatPools'),
    );
    const id = str(value['id']);
    if (entry && id) found.add(id);
  }
  return [...found].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
}

/** Reads the effective security rules of the candidate NICs; rows and failures go to `out`. */
export async function fetchEffectiveSecurityRules({
  rows,
  clients,
  limit,
  out,
  settings,
}: EnrichmentRun): Promise<void> {
  const candidates = candidateNics(rows);
  const chosen = candidates.slice(0, settings.maxEffectiveNics);
  if (candidates.length > chosen.length) {
    out.warn(
      `effective security rules read for ${chosen.length} of ${candidates.length} internet-facing NICs (--max-effective-nics); the others keep the computed verdict`,
    );
  }
  for (const scaleSet of uniformScaleSets(rows)) {
    out.warn(
      `${scaleSet}: effective rules and routes are not offered for uniform scale-set instances; NSG rules evaluated from the export`,
    );
  }
  out.progress('network', { total: chosen.length });
  const poll = settings.pollIntervalInMs !== undefined ? { updateIntervalInMs: settings.pollIntervalInMs } : {};
  await Promise.all(
    chosen.map(async (nic) => {
      const operation = 'network.networkInterfaces.listEffectiveNetworkSecurityGroups';
      try {
        const client = clients.network(nic.subscriptionId);
        const result = await limit(() =>
          client.networkInterfaces.beginListEffectiveNetworkSecurityGroupsAndWait(nic.resourceGroup, nic.name, poll),
        );
        const values = (result.value ?? []).map((entry) => ({ ...entry }) as Record<string, unknown>);
        out.add(`azure:${nic.id}/effectiveNetworkSecurityGroups`, values);
        out.progress('network', { done: 1, rows: values.length });
      } catch (error) {
        out.fail(failureOf(error, { subscriptionId: nic.subscriptionId, operation, resourceId: nic.id }));
        out.progress('network', { done: 1 });
      }
    }),
  );
  out.progress('network', { finished: true });
}
