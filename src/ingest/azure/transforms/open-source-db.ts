/**
 * Azure Database for PostgreSQL and for MySQL: flexible servers (`…/flexibleServers`) and the older single servers
 * (`…/servers`), with their firewall rules. Both engines share the network model SQL has: public access on or off,
 * firewall rules as start/end addresses, `0.0.0.0–0.0.0.0` for "allow public access from any Azure service"; a
 * flexible server deployed into a delegated subnet (private access) has no public endpoint at all
 * (reference/service-tags.md S22, S23). Only posture properties are read, never credentials.
 */
import type { NodeKind } from '../../../model/index.js';
import type { Transform, TransformTable } from '../transform.js';
import { obj, str } from '../../../util/json.js';
import { appendFirewallRule, dataStore, parentServerOf } from './data.js';

interface Engine {
  readonly kind: NodeKind;
  /** Lower-cased resource provider namespace. */
  readonly provider: string;
  readonly label: string;
}

const ENGINES: readonly Engine[] = [
  { kind: 'PostgreSqlServer', provider: 'microsoft.dbforpostgresql', label: 'a PostgreSQL server' },
  { kind: 'MySqlServer', provider: 'microsoft.dbformysql', label: 'a MySQL server' },
];

type ServerModel = 'flexible' | 'single';

const COLLECTION: Readonly<Record<ServerModel, string>> = { flexible: 'flexibleservers', single: 'servers' };

function serverTransform(engine: Engine, model: ServerModel): Transform {
  return (row, out) => {
    const p = row.properties;
    // Flexible servers keep their network settings under `network`; single servers at the top of `properties`.
    const network = model === 'flexible' ? (obj(p['network']) ?? {}) : p;
    dataStore(row, out, engine.kind, {
      serverModel: model,
      publicNetworkAccess: str(network['publicNetworkAccess']),
      delegatedSubnetId: str(network['delegatedSubnetResourceId'])?.toLowerCase(),
      fullyQualifiedDomainName: str(p['fullyQualifiedDomainName'])?.toLowerCase(),
      version: str(p['version']),
      minimalTlsVersion: str(p['minimalTlsVersion']),
    });
  };
}

function firewallRuleTransform(engine: Engine, model: ServerModel): Transform {
  const path = `/providers/${engine.provider}/${COLLECTION[model]}/`;
  return (row, out) => {
    appendFirewallRule(row, out, parentServerOf(row, engine.kind, path, engine.label));
  };
}

export const OPEN_SOURCE_DB_TRANSFORMS: TransformTable = Object.fromEntries(
  ENGINES.flatMap((engine) =>
    (['flexible', 'single'] as const).flatMap((model) => {
      const type = `${engine.provider}/${COLLECTION[model]}`;
      return [
        [type, serverTransform(engine, model)],
        [`${type}/firewallrules`, firewallRuleTransform(engine, model)],
      ];
    }),
  ),
);
