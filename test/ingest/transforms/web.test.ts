import { describe, expect, it } from 'vitest';
import { ingestRows, transformResourceRows, type InputRow } from '../../../src/ingest/index.js';
import { GraphCollector } from '../../../src/ingest/collect.js';
import { MemoryStore } from '../../../src/store/index.js';
import { InputError } from '../../../src/util/errors.js';
import { newRun } from '../../support/graph-fixture.js';
import { rg, readFixtureRows, transformFixtures, transformInline, viewOf } from './fixture-graph.js';

const SITES = `${rg('rg-app-prod')}/providers/microsoft.web/sites`;
const FUNCTION_APP = `${SITES}/fn-orders-prod`;
const WEB_APP = `${SITES}/app-orders-portal`;

const isConfig = (row: InputRow) => String(row.value['type']).toLowerCase().startsWith('microsoft.web/sites/config');

describe('App Service transforms: site config and EasyAuth', () => {
  it('merges config/web into the site node, whatever its kind', async () => {
    const g = await transformFixtures('web');
    expect(g.nodeTuples).toEqual(expect.arrayContaining([`FunctionApp ${FUNCTION_APP}`, `WebApp ${WEB_APP}`]));
    expect(g.node(FUNCTION_APP).properties).toMatchObject({
      defaultHostName: 'fn-orders-prod.azurewebsites.net',
      minTlsVersion: '1.2',
      ftpsState: 'FtpsOnly',
      http20Enabled: true,
      ipSecurityRestrictionsDefaultAction: 'Deny',
      ipSecurityRestrictions: [
        { ipAddress: 'ApiManagement', tag: 'ServiceTag', action: 'Allow', priority: 100, name: 'allow-apim' },
        { ipAddress: 'Any', action: 'Deny', priority: 2147483647, name: 'Deny all', description: 'Deny all access' },
      ],
      scmIpSecurityRestrictions: [expect.objectContaining({ ipAddress: 'Any', action: 'Allow' })],
      scmIpSecurityRestrictionsUseMain: false,
      scmIpSecurityRestrictionsDefaultAction: 'Allow',
    });
    // The config row is the truth for siteConfig (mostly null, or stale, in the site row).
    expect(g.node(WEB_APP).properties).toMatchObject({
      minTlsVersion: '1.1',
      ftpsState: 'AllAllowed',
      ipSecurityRestrictionsDefaultAction: 'Allow',
    });
  });

  it("summarizes a function app's authsettingsV2 (ARM Microsoft.Web/sites/config) on the site", async () => {
    const g = await transformFixtures('web');
    expect(g.node(FUNCTION_APP).properties['authSettings']).toEqual({
      platformEnabled: true,
      requireAuthentication: true,
      unauthenticatedClientAction: 'Return401',
      excludedPaths: ['/api/health'],
      identityProviders: ['azureActiveDirectory', 'custom:partner-idp'],
      requireHttps: true,
    });
    expect(g.node(WEB_APP).properties['authSettings']).toBeUndefined();
  });

  it('never reads app settings or other secret-bearing config resources', async () => {
    const g = await transformFixtures('web');
    expect(g.text).not.toContain('SECRET-');
    expect(g.text).not.toContain('AccountKey');
    expect(g.unknownTypes).toEqual({});
  });

  it('gives the same graph whether config rows come before or after their site rows', async () => {
    const rows = await readFixtureRows('web');
    const configFirst = [...rows.filter(isConfig), ...rows.filter((r) => !isConfig(r))];
    const a = await transformResourceRows(rows, { source: 'azure-export' });
    const b = await transformResourceRows(configFirst, { source: 'azure-export' });
    const byId = (nodes: typeof a.nodes) => Object.fromEntries(nodes.map((n) => [n.id, n]));
    expect(byId(b.nodes)).toEqual(byId(a.nodes));
  });

  it('drops the config of a site found neither in the run nor in the store', async () => {
    const g = await transformInline({
      id: `${SITES}/gone/config/web`,
      type: 'microsoft.web/sites/config/web',
      properties: { minTlsVersion: '1.0' },
    });
    expect(g.has(`${SITES}/gone`)).toBe(false);
  });

  it('merges the config into the site stored by an earlier run, keeping its kind and properties', async () => {
    const store = await MemoryStore.open();
    const rows = await readFixtureRows('web');
    await ingestRows(
      store,
      rows.filter((r) => !isConfig(r)),
      { source: 'azure-export', run: newRun() },
    );
    await ingestRows(store, rows.filter(isConfig), { source: 'azure-export', run: newRun() });
    const site = await store.getNode(FUNCTION_APP);
    expect(site?.kind).toBe('FunctionApp');
    expect(site?.properties).toMatchObject({
      defaultHostName: 'fn-orders-prod.azurewebsites.net',
      minTlsVersion: '1.2',
      authSettings: expect.objectContaining({ requireAuthentication: true }),
    });
  });

  it('rejects a config row that is not under a site', async () => {
    const row = { id: `${rg('rg-app-prod')}/config/web`, type: 'microsoft.web/sites/config/web', properties: {} };
    await expect(transformInline(row)).rejects.toThrow(InputError);
  });
});

describe('GraphCollector.update', () => {
  it('merges into the node of the run whatever order it came in; later updates win', () => {
    const collector = new GraphCollector();
    collector.update('x', { minTlsVersion: '1.0', ftpsState: 'AllAllowed' });
    collector.update('x', { minTlsVersion: '1.2' });
    collector.node('FunctionApp', 'x', { name: 'x', minTlsVersion: '1.1', httpsOnly: true });
    const { nodes } = collector.build('azure-export');
    expect(nodes).toEqual([
      {
        id: 'x',
        kind: 'FunctionApp',
        properties: {
          name: 'x',
          minTlsVersion: '1.2',
          httpsOnly: true,
          ftpsState: 'AllAllowed',
          source: 'azure-export',
        },
      },
    ]);
  });

  it('names the ids it needs from the store and takes their stored kind', () => {
    const collector = new GraphCollector();
    collector.node('WebApp', 'seen', { name: 'seen' });
    collector.update('seen', { http20Enabled: true });
    collector.update('stored', { http20Enabled: false });
    collector.update('nowhere', { http20Enabled: false });
    expect(collector.updateDependencies().sort()).toEqual(['nowhere', 'stored']);
    const stored = { id: 'stored', kind: 'LogicApp' as const, properties: { name: 'stored', location: 'westeurope', insights: ['InternetExposed'], lastRunId: 'r1' } };
    collector.applyUpdates(new Map([['stored', stored]]));
    const built = collector.build('azure-export');
    expect(
      viewOf({ ...built, types: {}, unknownTypes: {}, subscriptions: [], skippedRows: [], keepStale: [], typedFromId: 0, incomplete: [] }).nodeTuples.sort(),
    ).toEqual(['LogicApp stored', 'WebApp seen']);
    // The store replaces properties exactly, so an update of a stored node is written as the whole node it
    // completes: what ingest stored stays, the analysis's insights and the run stamps are the store's own.
    expect(built.nodes.find((n) => n.id === 'stored')?.properties).toEqual({ name: 'stored', location: 'westeurope', http20Enabled: false, source: 'azure-export' });
  });
});
