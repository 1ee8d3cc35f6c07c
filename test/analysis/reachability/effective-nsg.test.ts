import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeView } from '../../../src/analysis/analyze.js';
import { GraphView } from '../../../src/analysis/graph-view.js';
import { ingestFiles } from '../../../src/ingest/index.js';
import { isEffectiveNsgRow } from '../../../src/ingest/azure/effective-nsg.js';
import { MemoryStore } from '../../../src/store/index.js';
import { InputError } from '../../../src/util/errors.js';
import { newRun } from '../../support/graph-fixture.js';

const SCENARIO_05 = new URL('../../fixtures/scenarios/05-gateway-bypass-vm-nsg-deny/azure', import.meta.url).pathname;
const SUB = '5ce00005-0000-4000-8000-000000000005';
const NIC = `/subscriptions/${SUB}/resourceGroups/rg-vm/providers/Microsoft.Network/networkInterfaces/nic-vm-inventory`;
const VM = `/subscriptions/${SUB}/resourcegroups/rg-vm/providers/microsoft.compute/virtualmachines/vm-inventory`;

const rule = (name: string, priority: number, access: string, port: string) => ({
  name,
  protocol: 'Tcp',
  sourcePortRange: '0-65535',
  destinationPortRange: port,
  sourceAddressPrefix: 'Internet',
  destinationAddressPrefix: '0.0.0.0/0',
  access,
  priority,
  direction: 'Inbound',
});

async function withEffective(document: unknown): Promise<{ file: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'effective-nsg-'));
  const file = join(dir, 'nic.json');
  await writeFile(file, JSON.stringify(document));
  return { file, dir };
}

describe("Azure's effective security rules (list-effective-nsg output)", () => {
  it('are recognised by their shape, not by an ARM type', () => {
    expect(isEffectiveNsgRow({ association: { networkInterface: { id: NIC } }, effectiveSecurityRules: [] })).toBe(true);
    expect(isEffectiveNsgRow({ id: NIC, type: 'Microsoft.Network/networkInterfaces', properties: {} })).toBe(false);
  });

  it('win over the exported NSG, and the evidence says which source decided', async () => {
    // The exported NSG denies 443 from the internet (scenario 05); Azure's effective rules allow it.
    const { file } = await withEffective({
      value: [
        {
          networkSecurityGroup: { id: `/subscriptions/${SUB}/resourceGroups/rg-vm/providers/Microsoft.Network/networkSecurityGroups/nsg-vm-inventory` },
          association: { networkInterface: { id: NIC } },
          effectiveSecurityRules: [rule('securityRules/allow-https-after-change', 90, 'Allow', '443-443'), rule('defaultSecurityRules/DenyAllInBound', 65500, 'Deny', '0-65535')],
        },
      ],
    });
    const store = await MemoryStore.open();
    await ingestFiles(store, [SCENARIO_05, file], { source: 'azure-export', run: newRun() });
    const output = analyzeView(await GraphView.load(store));
    const reach = output.edges.find((e) => e.kind === 'CAN_REACH' && e.to === VM);
    expect(reach?.properties['scope']).toBe('any');
    const steps = (reach?.properties['evidence'] as { steps: string[] }).steps;
    expect(steps[0]).toBe("decided by Azure's effective security rules (list-effective-nsg)");
    expect(steps.join('\n')).toMatch(/exported NSG rules alone gave a different verdict \(not reachable\): the effective rules win/);
  });

  it('a malformed file fails with its file, position and reason, and stores nothing', async () => {
    const { file } = await withEffective({
      value: [{ association: { networkInterface: { id: NIC } }, effectiveSecurityRules: [{ name: 'x', access: 'Allow' }] }],
    });
    const store = await MemoryStore.open();
    const failure = await ingestFiles(store, [SCENARIO_05, file], { source: 'azure-export', run: newRun() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InputError);
    expect(String((failure as InputError).message)).toContain(file);
    expect((failure as InputError).message).toMatch(/effectiveSecurityRules\[0\] without "access", "direction" or "priority"/);
    expect(await store.countNodesByKind()).toEqual({});
  });

  it('an entry with no NIC or subnet association is refused with its reason', async () => {
    const { file } = await withEffective({ value: [{ association: {}, effectiveSecurityRules: [] }] });
    const failure = await ingestFiles(await MemoryStore.open(), [file], { source: 'azure-export', run: newRun() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).message).toMatch(/without association\.networkInterface\.id or association\.subnet\.id/);
  });
});
