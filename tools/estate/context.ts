import type { EstatePlan, SubscriptionPlan } from './plan.js';
import { rngFor, type Rng } from './prng.js';

export interface SubscriptionInfo {
  readonly index: number;
  readonly guid: string;
  readonly displayName: string;
  readonly region: string;
}

/** A subnet by its virtual network and its position in that network. */
export interface SubnetRef {
  readonly vnet: number;
  readonly slot: number;
}

const REGIONS = [
  'westeurope',
  'northeurope',
  'eastus2',
  'westus3',
  'uksouth',
  'swedencentral',
  'australiaeast',
  'centralindia',
];
const ENVIRONMENTS = ['prod', 'prod', 'prod', 'staging', 'dev'];

/** Subnets per virtual network: 3 to 6. Slot 0 is the DMZ (`snet-web`), slot 1 holds private endpoints. */
export function subnetSlots(vnet: number): number {
  return 3 + (vnet % 4);
}

/** What every row builder needs: the seed, the plan, the tenant, the subscriptions and the subnet layout. */
export class EstateContext {
  readonly seed: number;
  readonly tenantId: string;
  readonly subscriptions: readonly SubscriptionInfo[];
  /** Application subnets (slot ≥ 2) of one subscription; every subscription has the same layout. */
  readonly appSubnets: readonly SubnetRef[];

  constructor(
    seed: number,
    readonly plan: EstatePlan,
  ) {
    this.seed = seed >>> 0;
    this.tenantId = this.rng('tenant').guid();
    this.subscriptions = Array.from({ length: plan.subscriptions }, (_, index) => {
      const rng = this.rng('subscription', index);
      const environment = ENVIRONMENTS[index % ENVIRONMENTS.length]!;
      return {
        index,
        guid: rng.guid(),
        displayName: `contoso-${environment}-${String(index + 1).padStart(3, '0')}`,
        region: REGIONS[index % REGIONS.length]!,
      };
    });
    const appSubnets: SubnetRef[] = [];
    for (let vnet = 0; vnet < plan.perSubscription.vnets; vnet++) {
      for (let slot = 2; slot < subnetSlots(vnet); slot++) appSubnets.push({ vnet, slot });
    }
    this.appSubnets = appSubnets;
  }

  get sub(): SubscriptionPlan {
    return this.plan.perSubscription;
  }

  subscription(s: number): SubscriptionInfo {
    const info = this.subscriptions[s];
    if (!info) throw new RangeError(`no subscription ${s}`);
    return info;
  }

  /** The random stream of one entity (see prng.ts: values never depend on the order rows are written in). */
  rng(stream: string, ...indices: readonly number[]): Rng {
    return rngFor(this.seed, stream, ...indices);
  }
}
