import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeView } from '../../../src/analysis/analyze.js';
import { GraphView } from '../../../src/analysis/graph-view.js';
import { ingestFiles } from '../../../src/ingest/index.js';
import { MemoryStore } from '../../../src/store/index.js';
import { InputError } from '../../../src/util/errors.js';
import { newRun } from '../../support/graph-fixture.js';

// Scenario 24 (a function reached through the estate's own Front Door Standard, around its gateway) with the
// profile's security policy: which WAF policy covers which endpoint becomes the bypass's evidence.

const SCENARIO = new URL('../../fixtures/scenarios/24-front-door-standard-origin-bypass/azure', import.meta.url).pathname;
const PROFILE = '/subscriptions/5ce00024-0000-4000-8000-000000000024/resourceGroups/rg-edge/providers/Microsoft.Cdn/profiles/afd-s24';
const FUNCTION = '/subscriptions/5ce00024-0000-4000-8000-000000000024/resourcegroups/rg-app/providers/microsoft.web/sites/fn-orders-s24';

const securityPolicy = (parameters: Record<string, unknown>) => ({
  value: [{ id: `${PROFILE}/securityPolicies/sp-orders`, type: 'Microsoft.Cdn/profiles/securityPolicies', name: 'sp-orders', properties: { provisioningState: 'Succeeded', parameters } }],
});

async function estateWith(policies: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'afd-waf-'));
  await cp(SCENARIO, dir, { recursive: true });
  await writeFile(join(dir, 'arm', 'afd-s24', 'security-policies.json'), JSON.stringify(policies));
  return dir;
}

async function bypassReasons(dir: string): Promise<string> {
  const store = await MemoryStore.open();
  await ingestFiles(store, [dir], { source: 'azure-export', run: newRun() });
  const view = await GraphView.load(store);
  const finding = analyzeView(view).findings.find((f) => f.assetId === FUNCTION && f.insight === 'GatewayBypass');
  return JSON.stringify(finding?.evidence);
}

describe('Front Door Standard/Premium security policies (WAF)', () => {
  it('name the WAF policy and the endpoints it covers on the gateway bypass', async () => {
    const dir = await estateWith(
      securityPolicy({
        type: 'WebApplicationFirewall',
        wafPolicy: { id: '/subscriptions/5ce00024-0000-4000-8000-000000000024/resourceGroups/rg-edge/providers/Microsoft.Network/frontDoorWebApplicationFirewallPolicies/wafOrders' },
        associations: [{ domains: [{ id: `${PROFILE}/afdEndpoints/ep-orders` }], patternsToMatch: ['/*'] }],
      }),
    );
    expect(await bypassReasons(dir)).toMatch(/WAF policy waforders \(security policy sp-orders\) on ep-orders/);
  });

  it('without security policies the WAF is said to be unknown', async () => {
    expect(await bypassReasons(SCENARIO)).toMatch(/WAF policy not known/);
  });

  it('refuse a WAF security policy without its WAF policy, naming the file and the reason', async () => {
    const dir = await estateWith(securityPolicy({ type: 'WebApplicationFirewall', associations: [] }));
    const error = await ingestFiles(await MemoryStore.open(), [dir], { source: 'azure-export', run: newRun() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String(error)).toMatch(/security-policies\.json.*without "parameters\.wafPolicy\.id"/);
  });
});
