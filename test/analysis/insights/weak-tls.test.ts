import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze.js';
import { loadFindings } from '../../../src/cli/commands/results.js';
import { ingestRows } from '../../../src/ingest/pipeline.js';
import type { InputRow } from '../../../src/util/input/rows.js';
import { renderFindingsSarif } from '../../../src/report/sarif/index.js';
import { MemoryStore, type GraphStore } from '../../../src/store/index.js';
import { newRun } from '../../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../../support/neo4j.js';

const GATEWAY_KEY = 'Microsoft.WindowsAzure.ApiManagement.Gateway.Security';

/** One estate: a gateway with TLS 1.0 and 3DES on (HTTPS-only API), one with an HTTP API, sites and stores with old TLS floors. */
function estate(sub: string): InputRow[] {
  const rg = `/subscriptions/${sub}/resourceGroups/rg-tls/providers`;
  const rows: Record<string, unknown>[] = [
    {
      id: `${rg}/Microsoft.ApiManagement/service/apim-old-tls`,
      type: 'Microsoft.ApiManagement/service',
      location: 'westeurope',
      sku: { name: 'Developer', capacity: 1 },
      properties: {
        gatewayUrl: 'https://apim-old-tls.azure-api.net',
        customProperties: {
          [`${GATEWAY_KEY}.Protocols.Tls10`]: 'True',
          [`${GATEWAY_KEY}.Protocols.Tls11`]: 'False',
          [`${GATEWAY_KEY}.Protocols.Ssl30`]: 'False',
          // The gateway's own calls to backends: not what callers may use.
          [`${GATEWAY_KEY}.Backend.Protocols.Tls11`]: 'True',
          [`${GATEWAY_KEY}.Ciphers.TripleDes168`]: 'True',
        },
      },
    },
    { id: `${rg}/Microsoft.ApiManagement/service/apim-old-tls/apis/orders`, type: 'Microsoft.ApiManagement/service/apis', properties: { path: 'orders', protocols: ['https'], subscriptionRequired: true } },
    { id: `${rg}/Microsoft.ApiManagement/service/apim-http`, type: 'Microsoft.ApiManagement/service', location: 'westeurope', properties: { gatewayUrl: 'https://apim-http.azure-api.net', customProperties: {} } },
    { id: `${rg}/Microsoft.ApiManagement/service/apim-http/apis/legacy`, type: 'Microsoft.ApiManagement/service/apis', properties: { path: 'legacy', protocols: ['http', 'https'], subscriptionRequired: true } },
    { id: `${rg}/Microsoft.Web/sites/app-old-tls`, type: 'Microsoft.Web/sites', kind: 'app', location: 'westeurope', properties: { httpsOnly: true, siteConfig: { minTlsVersion: '1.0' } } },
    { id: `${rg}/Microsoft.Web/sites/app-old-tls/config/web`, type: 'Microsoft.Web/sites/config', properties: { minTlsVersion: '1.0' } },
    { id: `${rg}/Microsoft.Storage/storageAccounts/stoldtls`, type: 'Microsoft.Storage/storageAccounts', location: 'westeurope', properties: { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_0', publicNetworkAccess: 'Disabled' } },
    { id: `${rg}/Microsoft.Sql/servers/sql-old-tls`, type: 'Microsoft.Sql/servers', location: 'westeurope', properties: { minimalTlsVersion: '1.1', publicNetworkAccess: 'Disabled' } },
  ];
  return rows.map((value, index) => ({ file: 'tls.json', index, value }));
}

async function findingsOf(store: GraphStore, sub: string) {
  await ingestRows(store, estate(sub), { source: 'azure-export', run: newRun() });
  await analyze(store, newRun());
  return (await loadFindings(store)).filter((f) => f.assetId.includes(sub));
}

function describeStore(name: string, open: () => Promise<GraphStore>) {
  describe(`WeakTlsAllowed on the ${name} store`, () => {
    it('is its own insight, with the versions as evidence, and UnencryptedAccess stays HTTP/WS only', async () => {
      const sub = randomUUID();
      const store = await open();
      try {
        const findings = await findingsOf(store, sub);
        const brief = findings.map((f) => [f.recommendationId, f.insight, f.assetId.split('/').pop()]).sort();
        expect(brief).toEqual(
          [
            ['apim-api-encrypted-protocols', 'UnencryptedAccess', 'legacy'],
            ['apim-gateway-latest-tls', 'WeakTlsAllowed', 'apim-old-tls'],
            ['sql-minimum-tls', 'WeakTlsAllowed', 'sql-old-tls'],
            ['storage-minimum-tls', 'WeakTlsAllowed', 'stoldtls'],
            ['web-app-latest-tls', 'WeakTlsAllowed', 'app-old-tls'],
          ].sort(),
        );
        const gateway = findings.find((f) => f.recommendationId === 'apim-gateway-latest-tls')!;
        expect(gateway.evidence).toMatchObject({ versions: ['TLS 1.0', 'cipher TripleDes168'] });
        expect(gateway.recommendation).toBe('API Management gateways should accept only TLS 1.2 or later');
        expect(findings.find((f) => f.recommendationId === 'web-app-latest-tls')!.evidence).toMatchObject({ versions: ['1.0'] });
        expect(findings.find((f) => f.recommendationId === 'storage-minimum-tls')!.evidence).toMatchObject({ versions: ['TLS1_0'] });
        // No asset with only an old TLS floor is reported as accepting unencrypted traffic.
        expect(findings.filter((f) => f.insight === 'UnencryptedAccess').map((f) => f.assetId.split('/').pop())).toEqual(['legacy']);
        const sarif = JSON.parse(renderFindingsSarif(findings, { toolVersion: '0.0.0' })) as { runs: { tool: { driver: { rules: { id: string; name: string }[] } } }[] };
        const rules = sarif.runs[0]!.tool.driver.rules;
        expect(rules.map((r) => r.name)).toEqual(expect.arrayContaining(['ApimGatewayLatestTls', 'WebAppLatestTls', 'StorageMinimumTls', 'SqlMinimumTls']));
      } finally {
        await store.completeRun(newRun(), [sub]);
        await store.close();
      }
    });
  });
}

describeStore('memory', () => MemoryStore.open());
describe.skipIf(!neo4jSettings())('neo4j', () => describeStore('neo4j', () => openNeo4jStore()));
