/**
 * A synthetic Azure estate in Azure's own JSON: the Resource Graph tables (`resourcecontainers`, `resources`,
 * `authorizationresources`) and the ARM lists Resource Graph does not hold (APIM APIs, operations, backends and
 * policies; functions). Rows are produced lazily, section by section, so even the L size never sits in memory.
 */
import { EstateContext } from './context.js';
import { apiPolicyCount, planEstate, resourceGroupCount, type EstatePlan, type EstateSize } from './plan.js';
import { APIM_LISTS, apimServiceRows } from './rows-apim.js';
import { computeRowCount, computeRows } from './rows-compute.js';
import { dataRowCount, dataRows } from './rows-data.js';
import { identityRows } from './rows-identity.js';
import { authorizationRows, roleDefinitionCount } from './rows-roles.js';
import { containerRows } from './rows-tenancy.js';
import { networkRowCount, networkRows } from './rows-network.js';
import { privateEndpointRowCount, privateEndpointRows } from './rows-private-endpoints.js';
import { functionRows, webRowCount, webRows } from './rows-web.js';
import type { AzureRow } from './rows.js';

export interface EstateOptions {
  readonly size: EstateSize;
  /** Any integer; the same seed gives byte-identical output. */
  readonly seed: number;
  /** Subscriptions to spread the estate over (default: grows with the size). */
  readonly subscriptions?: number;
}

export const SECTION_NAMES = [
  'resourcecontainers',
  'resources',
  'authorizationresources',
  'apim-apis',
  'apim-operations',
  'apim-backends',
  'apim-policies',
  'web-functions',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/**
 * One output table. `arg` sections are Resource Graph results (`{ totalRecords, count, data }`), `arm-list`
 * sections ARM list responses (`{ value }`), matching what `az graph query` and `az rest` print.
 */
export interface EstateSection {
  readonly name: SectionName;
  readonly shape: 'arg' | 'arm-list';
  /** Exact number of rows `rows()` yields. */
  readonly count: number;
  rows(): Iterable<AzureRow>;
}

export interface Estate {
  readonly options: EstateOptions;
  readonly plan: EstatePlan;
  readonly tenantId: string;
  readonly subscriptionIds: readonly string[];
  readonly sections: readonly EstateSection[];
  readonly totalRows: number;
}

function perSubscription(
  ctx: EstateContext,
  make: (ctx: EstateContext, s: number) => Iterable<AzureRow>,
): () => Generator<AzureRow> {
  return function* rows() {
    for (let s = 0; s < ctx.plan.subscriptions; s++) yield* make(ctx, s);
  };
}

function* resourceRows(ctx: EstateContext, s: number): Generator<AzureRow> {
  yield* networkRows(ctx, s);
  yield* computeRows(ctx, s);
  yield* webRows(ctx, s);
  yield* apimServiceRows(ctx, s);
  yield* dataRows(ctx, s);
  yield* privateEndpointRows(ctx, s);
  yield* identityRows(ctx, s);
}

export function generateEstate(options: EstateOptions): Estate {
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  const plan = planEstate(options.size, options.subscriptions);
  const ctx = new EstateContext(options.seed, plan);
  const p = plan.perSubscription;
  const subs = plan.subscriptions;
  const resources =
    networkRowCount(ctx) +
    computeRowCount(ctx) +
    webRowCount(ctx) +
    p.apimServices +
    dataRowCount(ctx) +
    privateEndpointRowCount(ctx) +
    p.uamis;
  const sections: EstateSection[] = [
    {
      name: 'resourcecontainers',
      shape: 'arg',
      count: subs * (1 + resourceGroupCount(p)),
      rows: () => containerRows(ctx),
    },
    { name: 'resources', shape: 'arg', count: subs * resources, rows: perSubscription(ctx, resourceRows) },
    {
      name: 'authorizationresources',
      shape: 'arg',
      count: roleDefinitionCount() + subs * p.roleAssignments,
      rows: () => authorizationRows(ctx),
    },
    { name: 'apim-apis', shape: 'arm-list', count: subs * p.apis, rows: perSubscription(ctx, APIM_LISTS.apis) },
    {
      name: 'apim-operations',
      shape: 'arm-list',
      count: subs * p.operations,
      rows: perSubscription(ctx, APIM_LISTS.operations),
    },
    {
      name: 'apim-backends',
      shape: 'arm-list',
      count: subs * p.backends,
      rows: perSubscription(ctx, APIM_LISTS.backends),
    },
    {
      name: 'apim-policies',
      shape: 'arm-list',
      count: subs * (p.apimServices + apiPolicyCount(p.apis)),
      rows: perSubscription(ctx, APIM_LISTS.policies),
    },
    { name: 'web-functions', shape: 'arm-list', count: subs * p.functions, rows: perSubscription(ctx, functionRows) },
  ];
  return {
    options,
    plan,
    tenantId: ctx.tenantId,
    subscriptionIds: ctx.subscriptions.map((s) => s.guid),
    sections,
    totalRows: sections.reduce((sum, section) => sum + section.count, 0),
  };
}

/** Every row of the estate with its section, in output order. */
export function* estateRows(estate: Estate): Generator<{ readonly section: SectionName; readonly row: AzureRow }> {
  for (const section of estate.sections) {
    for (const row of section.rows()) yield { section: section.name, row };
  }
}
