/** Row shapes shared by every builder: the Resource Graph column set, ARM list items, tags and identity blocks. */
import type { JsonValue } from '../../src/model/index.js';
import type { EstateContext } from './context.js';
import { identityOf, systemPrincipal, uamiClient, uamiId, uamiPrincipal } from './naming.js';
import type { Rng } from './prng.js';

export type AzureRow = { [key: string]: JsonValue };

export interface ResourceFields {
  readonly id: string;
  readonly name: string;
  /** Lower-case, as Resource Graph returns it. */
  readonly type: string;
  readonly s: number;
  readonly resourceGroup: string;
  readonly properties: AzureRow;
  readonly kind?: string;
  readonly sku?: AzureRow;
  readonly identity?: AzureRow | null;
  readonly tags?: AzureRow;
  readonly managedBy?: string;
  readonly zones?: string[];
  readonly location?: string;
}

/**
 * A Resource Graph `resources` row (objectArray format): every column present, unset ones as `null` or `""`
 * the way ARG returns them; `type` lower-case, `id` in the stored mixed case.
 */
export function argResource(ctx: EstateContext, f: ResourceFields): AzureRow {
  const sub = ctx.subscription(f.s);
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    tenantId: ctx.tenantId,
    kind: f.kind ?? '',
    location: f.location ?? sub.region,
    resourceGroup: f.resourceGroup,
    subscriptionId: sub.guid,
    managedBy: f.managedBy ?? '',
    sku: f.sku ?? null,
    plan: null,
    properties: f.properties,
    tags: f.tags ?? {},
    identity: f.identity ?? null,
    zones: f.zones ?? null,
    extendedLocation: null,
  };
}

/** An item of an ARM list response (`{ "value": [ … ] }`): mixed-case `type`, no ARG columns. */
export function armListItem(id: string, type: string, name: string, properties: AzureRow): AzureRow {
  return { id, type, name, properties };
}

const TEAMS = ['platform', 'commerce', 'finance', 'data', 'identity', 'integration'];

export function tagsOf(rng: Rng): AzureRow {
  return {
    env: rng.weighted([
      ['prod', 6],
      ['staging', 2],
      ['dev', 2],
    ] as const),
    owner: `team-${rng.pick(TEAMS)}`,
    costCenter: `cc-${1000 + rng.int(90)}`,
  };
}

/** The `identity` column of a workload, matching the user-assigned identity rows it names. */
export function identityBlock(ctx: EstateContext, owner: string, s: number, j: number): AzureRow | null {
  const choice = identityOf(ctx, owner, s, j);
  if (!choice.system && choice.user === null) return null;
  const block: AzureRow = {
    type:
      choice.system && choice.user !== null
        ? 'SystemAssigned, UserAssigned'
        : choice.system
          ? 'SystemAssigned'
          : 'UserAssigned',
  };
  if (choice.system) {
    block['principalId'] = systemPrincipal(ctx, owner, s, j);
    block['tenantId'] = ctx.tenantId;
  }
  if (choice.user !== null) {
    block['userAssignedIdentities'] = {
      [uamiId(ctx, s, choice.user)]: {
        principalId: uamiPrincipal(ctx, s, choice.user),
        clientId: uamiClient(ctx, s, choice.user),
      },
    };
  }
  return block;
}

/** A plausible Azure public IPv4 address, drawn from the entity's own stream. */
export function publicIp(rng: Rng): string {
  return `${rng.pick([20, 40, 51, 52, 4])}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
}

/** `{ "id": … }`, the ARM sub-resource reference. */
export const ref = (id: string): AzureRow => ({ id });
