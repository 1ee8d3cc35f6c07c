import { describe, expect, it } from 'vitest';
import { internetReturnRoute, withEffectiveRoutes } from '../../src/analysis/derive/effective-routes.js';
import type { NicExposure } from '../../src/analysis/reachability/index.js';
import { validateNode } from '../../src/model/index.js';
import { InputError } from '../../src/util/errors.js';
import { SUB, rg, transformInline } from './transforms/fixture-graph.js';

const NIC_ARM = `/subscriptions/${SUB}/resourceGroups/rg-vm/providers/Microsoft.Network/networkInterfaces/nic-a`;
const NIC = `${rg('rg-vm')}/providers/microsoft.network/networkinterfaces/nic-a`;
const nicRow = { id: NIC_ARM, name: 'nic-a', type: 'microsoft.network/networkinterfaces', subscriptionId: SUB, resourceGroup: 'rg-vm', location: 'westeurope', properties: { ipConfigurations: [] } };
const route = (addressPrefix: string[], nextHopType: string, source = 'User', state = 'Active', nextHopIpAddress: string[] = []) => ({ addressPrefix, nextHopType, source, state, nextHopIpAddress });

describe('effective routes (show-effective-route-table, in the row that names its NIC)', () => {
  it('are kept on the NIC the row names', async () => {
    const g = await transformInline(nicRow, { networkInterface: { id: NIC_ARM }, effectiveRoutes: [route(['0.0.0.0/0'], 'VirtualAppliance', 'User', 'Active', ['10.0.9.4'])] });
    expect(g.node(NIC).properties['effectiveRoutes']).toEqual([{ addressPrefix: ['0.0.0.0/0'], nextHopType: 'VirtualAppliance', nextHopIpAddress: ['10.0.9.4'], source: 'User', state: 'Active' }]);
  });

  it('refuse a malformed route or a row without its NIC, naming the file, row and reason', async () => {
    const bad = { networkInterface: { id: NIC_ARM }, effectiveRoutes: [route(['0.0.0.0/0'], 'Internet'), { addressPrefix: '0.0.0.0/0' }] };
    await expect(transformInline(nicRow, bad)).rejects.toThrow(InputError);
    await expect(transformInline(nicRow, bad)).rejects.toThrow(/inline\.json \(row 1\).*effectiveRoutes\[1\] without "addressPrefix" or "nextHopType"/);
    await expect(transformInline(nicRow, { networkInterface: {}, effectiveRoutes: [] })).rejects.toThrow(/without networkInterface\.id/);
  });
});

describe('what effective routes do to a NIC verdict', () => {
  const open: NicExposure = { exposed: true, scope: 'any', openPorts: [{ protocol: 'Tcp', ports: '443', scope: 'any' }], evidence: ['NSG allows 443'] } as NicExposure;
  const nicWith = (routes: unknown[]) => validateNode({ id: NIC, kind: 'NetworkInterface', properties: { name: 'nic-a', effectiveRoutes: routes as never } });

  it('a default route to None drops the replies: not reachable, and the evidence says the routes decided', () => {
    const result = withEffectiveRoutes(nicWith([route(['0.0.0.0/0'], 'Internet', 'Default', 'Invalid'), route(['0.0.0.0/0'], 'None')]), open);
    expect(result.scope).toBe('none');
    expect(result.exposed).toBe(false);
    expect(result.evidence.at(-1)).toMatch(/0\.0\.0\.0\/0 → None \(source User.*decided by Azure's effective routes/);
  });

  it('the two halves override the default route; an appliance keeps the verdict and is named', () => {
    const routes = [route(['0.0.0.0/0'], 'Internet', 'Default'), route(['0.0.0.0/1'], 'VirtualAppliance', 'User', 'Active', ['10.0.9.4']), route(['128.0.0.0/1'], 'VirtualAppliance', 'User', 'Active', ['10.0.9.4'])];
    expect(internetReturnRoute(routes as never)?.prefix).toBe('0.0.0.0/1 and 128.0.0.0/1');
    const result = withEffectiveRoutes(nicWith(routes), open);
    expect(result.scope).toBe('any');
    expect(result.evidence.at(-1)).toMatch(/VirtualAppliance 10\.0\.9\.4.*asymmetric routing.*computed verdict kept/);
  });

  it("Azure's system default route to the internet, or no routes stored, change nothing", () => {
    expect(withEffectiveRoutes(nicWith([route(['0.0.0.0/0'], 'Internet', 'Default')]), open)).toEqual(open);
    expect(withEffectiveRoutes(validateNode({ id: NIC, kind: 'NetworkInterface', properties: { name: 'nic-a' } }), open)).toEqual(open);
  });
});
