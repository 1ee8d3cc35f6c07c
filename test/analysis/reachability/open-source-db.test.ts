import { describe, expect, it } from 'vitest';
import { openSourceDbExposure, type OpenSourceEngine } from '../../../src/analysis/reachability/index.js';

const rule = (name: string, startIpAddress: string, endIpAddress: string) => ({ name, startIpAddress, endIpAddress });
const AZURE = 'AllowAllAzureServicesAndResourcesWithinAzureIps_2025-1-10';

describe.each<OpenSourceEngine>(['PostgreSQL', 'MySQL'])('openSourceDbExposure (%s)', (engine) => {
  it('private access (a delegated subnet) has no public endpoint, whatever the rules say', () => {
    const result = openSourceDbExposure(engine, { delegatedSubnetId: '/subscriptions/s/resourcegroups/r/providers/microsoft.network/virtualnetworks/v/subnets/snet-db' }, [rule('AllowAll', '0.0.0.0', '255.255.255.255')]);
    expect(result.scope).toBe('none');
    expect(result.evidence.join(' ')).toMatch(/delegated subnet snet-db/);
  });

  it('publicNetworkAccess Disabled closes the server', () => {
    const result = openSourceDbExposure(engine, { publicNetworkAccess: 'Disabled' }, [rule('AllowAll', '0.0.0.0', '255.255.255.255')]);
    expect(result.scope).toBe('none');
    expect(result.evidence[0]).toMatch(new RegExp(`${engine} server has no public endpoint`));
  });

  it('0.0.0.0–0.0.0.0 is "any Azure service": every Azure customer, named as a shared switch', () => {
    const result = openSourceDbExposure(engine, { publicNetworkAccess: 'Enabled' }, [rule(AZURE, '0.0.0.0', '0.0.0.0')]);
    expect(result.scope).toBe('restricted');
    expect(result.sharedSwitches).toEqual([AZURE]);
    expect(result.evidence.join(' ')).toMatch(/any Azure service within Azure.*every Azure customer, including other tenants/);
  });

  it('a rule over the whole address space opens it to the internet at large', () => {
    const result = openSourceDbExposure(engine, { publicNetworkAccess: 'Enabled' }, [rule('AllowAll', '0.0.0.0', '255.255.255.255')]);
    expect(result.scope).toBe('any');
  });

  it('specific public ranges restrict it to them; no rules refuse every internet client', () => {
    const restricted = openSourceDbExposure(engine, {}, [rule('office', '203.0.113.10', '203.0.113.20')]);
    expect(restricted.scope).toBe('restricted');
    expect(restricted.sources).toEqual(['203.0.113.10-203.0.113.20']);
    const none = openSourceDbExposure(engine, { publicNetworkAccess: 'Enabled' }, []);
    expect(none.scope).toBe('none');
    const notRead = openSourceDbExposure(engine, { publicNetworkAccess: 'Enabled' });
    expect(notRead.evidence.join(' ')).toMatch(/firewall rules were not supplied/);
  });
});
