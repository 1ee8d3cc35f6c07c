import { setTimeout as sleep } from 'node:timers/promises';
import type { QueryRequest, QueryResponse, ResourceGraphClient } from '@azure/arm-resourcegraph';
import { failureOf } from '../../../util/azure-failures.js';
import type { LiveRows } from './live-rows.js';
import type { LiveSettings } from './settings.js';
import { isObject } from '../../../util/json.js';

export const ARG_TABLES = ['resources', 'resourcecontainers', 'authorizationresources', 'appserviceresources'] as const;
export type ArgTable = (typeof ARG_TABLES)[number];

/** Resource Graph returns at most 1,000 rows a page. */
export const ARG_PAGE_SIZE = 1_000;
/** Microsoft's throttling guidance: keep each query under about 300 subscriptions. */
export const ARG_SUBSCRIPTIONS_PER_QUERY = 300;

/**
 * The standard columns of each table. `resources` and `resourcecontainers` share the full resource schema; the
 * other two are projected to the columns every table has. `id` is a plain string column and the sort key, which
 * is what keeps `$skipToken` paging stable (without one, Resource Graph truncates instead of paging).
 */
const FULL =
  'id, name, type, tenantId, kind, location, resourceGroup, subscriptionId, managedBy, sku, plan, properties, tags, identity, zones, extendedLocation';
const BASIC = 'id, name, type, tenantId, location, resourceGroup, subscriptionId, properties';
const COLUMNS: Readonly<Record<ArgTable, string>> = {
  resources: FULL,
  resourcecontainers: 'id, name, type, tenantId, kind, location, resourceGroup, subscriptionId, properties, tags',
  authorizationresources: BASIC,
  appserviceresources: BASIC,
};

export function argQuery(table: ArgTable): string {
  return `${table} | project ${COLUMNS[table]} | order by id asc`;
}

/** One query scope: a group of subscriptions, a management group, or (neither) the credential's tenant. */
export interface ArgScope {
  readonly subscriptions?: string[];
  readonly managementGroups?: string[];
}

export function argScopes(settings: Pick<LiveSettings, 'subscriptions' | 'managementGroup'>): ArgScope[] {
  if (settings.managementGroup) return [{ managementGroups: [settings.managementGroup] }];
  const subscriptions = settings.subscriptions ?? [];
  if (subscriptions.length === 0) return [{}];
  const scopes: ArgScope[] = [];
  for (let i = 0; i < subscriptions.length; i += ARG_SUBSCRIPTIONS_PER_QUERY) {
    scopes.push({ subscriptions: subscriptions.slice(i, i + ARG_SUBSCRIPTIONS_PER_QUERY) });
  }
  return scopes;
}

function describeScope(scope: ArgScope): string {
  if (scope.managementGroups) return `management group ${scope.managementGroups.join(', ')}`;
  if (scope.subscriptions) return `${scope.subscriptions.length} subscription(s)`;
  return 'the tenant';
}

/** `hh:mm:ss`, optionally with days (`d.hh:mm:ss`) and fractions of a second, as .NET writes a TimeSpan. */
export function parseTimeSpan(text: string | undefined): number | null {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text?.trim() ?? '');
  if (!match) return null;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Math.round(Number(seconds) * 1000);
}

interface Headers {
  get(name: string): string | undefined;
}

/**
 * Resource Graph's per-user quota (e.g. 15 queries per 5-second window): each response says how many queries
 * are left (`x-ms-user-quota-remaining`) and when the window resets (`x-ms-user-quota-resets-after`). At zero,
 * the next query waits for the reset instead of earning a 429.
 */
export class QuotaGate {
  private resumeAt = 0;

  observe(headers: Headers): void {
    const remaining = headers.get('x-ms-user-quota-remaining');
    const resetsAfter = parseTimeSpan(headers.get('x-ms-user-quota-resets-after'));
    if (remaining !== undefined && Number(remaining) <= 0 && resetsAfter !== null) {
      this.resumeAt = Math.max(this.resumeAt, Date.now() + resetsAfter);
    }
  }

  async wait(): Promise<void> {
    const delay = this.resumeAt - Date.now();
    if (delay > 0) await sleep(delay);
  }
}

interface ScopeQuery {
  readonly client: ResourceGraphClient;
  readonly table: ArgTable;
  readonly scope: ArgScope;
  readonly gate: QuotaGate;
  readonly out: LiveRows;
  /** Rows of this table already read from earlier scopes, for the progress total. */
  readonly base: number;
}

function requestFor(table: ArgTable, scope: ArgScope, skipToken: string | undefined): QueryRequest {
  return {
    ...scope,
    query: argQuery(table),
    options: {
      top: ARG_PAGE_SIZE,
      resultFormat: 'objectArray',
      ...(skipToken ? { skipToken } : {}),
      // Role assignments made above the scope (management groups, root) grant access inside it too.
      ...(table === 'authorizationresources' ? { authorizationScopeFilter: 'AtScopeAboveAndBelow' } : {}),
    },
  };
}

/**
 * The rows of an `objectArray` page. The 5.0.0-beta SDK's mapper declares `data` a dictionary, so its
 * deserializer turns the wire array into `{ "0": row, "1": row, … }`; integer keys keep their order in JS.
 */
function rowsOf(page: QueryResponse): Record<string, unknown>[] {
  const data: unknown = page.data;
  const items = Array.isArray(data)
    ? data
    : isObject(data) && Object.keys(data).every((k, i) => k === String(i))
      ? Object.values(data)
      : null;
  if (!items) throw new Error('Resource Graph answered in table format; objectArray was asked for');
  return items.filter(isObject);
}

/** Pages through one table for one scope: the same query and scopes each time, with the previous `$skipToken`. */
async function queryScope({ client, table, scope, gate, out, base }: ScopeQuery): Promise<void> {
  const file = `azure:resourcegraph/${table}`;
  let skipToken: string | undefined;
  do {
    await gate.wait();
    const page = await client.resources(requestFor(table, scope, skipToken), {
      onResponse: (raw: { headers: Headers }) => {
        gate.observe(raw.headers);
        if (raw.headers.get('x-ms-tenant-subscription-limit-hit') === 'true') {
          out.warn(
            `Resource Graph queried only the first subscriptions of ${describeScope(scope)}: the principal sees more than its limit`,
          );
        }
      },
    });
    const rows = rowsOf(page);
    out.add(file, rows);
    out.progress(table, { rows: rows.length, done: rows.length, total: base + page.totalRecords });
    skipToken = page.skipToken;
    if (!skipToken && page.resultTruncated === 'true') {
      out.warn(
        `Resource Graph truncated ${table} for ${describeScope(scope)} without a $skipToken: some rows are missing`,
      );
    }
  } while (skipToken);
}

/**
 * Reads the four Resource Graph tables. Queries run one after another (the quota is per user, so parallel
 * queries only trade waiting for 429s); a scope whose query fails is reported for each of its subscriptions.
 */
export async function queryResourceGraph(
  client: ResourceGraphClient,
  settings: LiveSettings,
  out: LiveRows,
): Promise<void> {
  const gate = new QuotaGate();
  for (const table of ARG_TABLES) {
    let total = 0;
    for (const scope of argScopes(settings)) {
      const before = out.rows.length;
      try {
        await queryScope({ client, table, scope, gate, out, base: total });
      } catch (error) {
        const operation = `resourcegraph.${table}`;
        const subscriptions = scope.subscriptions?.map((s) => s.toLowerCase()) ?? [null];
        for (const subscriptionId of subscriptions) out.fail(failureOf(error, { subscriptionId, operation }));
      }
      total += out.rows.length - before;
    }
    out.progress(table, { total, finished: true });
  }
}
