/**
 * Live service-tag prefixes through `@azure/arm-network` (`serviceTags.list`): the answer has the shape of an
 * `az network list-service-tags` file, so it goes through the same transform and is stored as ServiceTag nodes.
 * `location` is a version reference, not a filter (reference/service-tags.md §1.3): one call, in the estate's most
 * common region, lists every region of the subscription's cloud. Only base tags and the regional tags of the
 * estate's own regions are kept; a range in a rule is matched against those. A failed call is reported with its
 * source; reachability then reads raw ranges as before.
 */
import type { InputRow } from '../../../util/input/rows.js';
import { str } from '../../../util/json.js';
import { failureOf } from '../../../util/azure-failures.js';
import type { EnrichmentRun } from './network-enrichment.js';

interface EstateRegions {
  /** Subscription to ask (the first in id order): the API needs read access on one. */
  readonly subscriptionId: string;
  /** Regions of the estate's resources, most common first. */
  readonly regions: readonly string[];
}

/** The subscription to ask and the estate's regions, from the Resource Graph rows; null for an estate with none. */
export function estateRegions(rows: readonly InputRow[]): EstateRegions | null {
  const counts = new Map<string, number>();
  const subscriptions = new Set<string>();
  for (const { value } of rows) {
    const location = str(value['location'])?.toLowerCase().replace(/\s+/g, '');
    const subscription = str(value['subscriptionId'])?.toLowerCase();
    if (!location || !subscription || location === 'global') continue;
    counts.set(location, (counts.get(location) ?? 0) + 1);
    subscriptions.add(subscription);
  }
  const [subscriptionId] = [...subscriptions].sort();
  if (!subscriptionId) return null;
  const regions = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r]) => r);
  return { subscriptionId, regions };
}

/** Reads the cloud's service tags once and adds the list (base and estate-region tags) as one row. */
export async function fetchServiceTags({ rows, clients, limit, out }: EnrichmentRun): Promise<void> {
  const estate = estateRegions(rows);
  const location = estate?.regions[0];
  if (!estate || !location) return;
  const operation = 'network.serviceTags.list';
  try {
    const list = await limit(() => clients.network(estate.subscriptionId).serviceTags.list(location));
    const regions = new Set(estate.regions);
    const values = (list.values ?? []).filter((tag) => {
      const region = tag.properties?.region?.toLowerCase() ?? '';
      return region === '' || regions.has(region);
    });
    out.add(`azure:/subscriptions/${estate.subscriptionId}/providers/microsoft.network/locations/${location}/servicetags`, [
      { ...list, values },
    ]);
  } catch (error) {
    out.fail(failureOf(error, { subscriptionId: estate.subscriptionId, operation }));
  }
}
