import { describe, expect, it } from 'vitest';
import {
  APP_SERVICE_KINDS,
  COMPUTE_KINDS,
  DATA_STORE_KINDS,
  FIREWALLED_DATA_STORE_KINDS,
  NODE_DECLARATIONS,
  NODE_KINDS,
  isDataStoreKind,
  kindsOfFamily,
  nodeDeclaration,
} from '../../src/model/index.js';

describe('node declarations', () => {
  it('declare every node kind exactly once', () => {
    const declared = NODE_DECLARATIONS.map((d) => d.kind);
    expect(new Set(declared).size).toBe(declared.length);
    expect([...declared].sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) expect(nodeDeclaration(kind).kind).toBe(kind);
  });
});

describe('kind sets named by the model', () => {
  it('take the data stores and compute kinds from the families, in declaration order', () => {
    expect(DATA_STORE_KINDS).toEqual(['StorageAccount', 'SqlServer', 'SqlDatabase', 'CosmosDbAccount', 'KeyVault', 'PostgreSqlServer', 'MySqlServer']);
    expect(COMPUTE_KINDS).toEqual([
      'VirtualMachine',
      'VirtualMachineScaleSet',
      'WebApp',
      'FunctionApp',
      'LogicApp',
      'ContainerApp',
      'ContainerAppsEnvironment',
      'ContainerGroup',
      'KubernetesCluster',
    ]);
    expect(kindsOfFamily('Compute', 'DataStore')).toEqual([...COMPUTE_KINDS, ...DATA_STORE_KINDS]);
    expect(kindsOfFamily()).toEqual([]);
  });

  it('names the data stores behind their own firewall: not a SQL database, which answers through its server', () => {
    expect(FIREWALLED_DATA_STORE_KINDS).toEqual(['StorageAccount', 'SqlServer', 'CosmosDbAccount', 'KeyVault', 'PostgreSqlServer', 'MySqlServer']);
    for (const kind of FIREWALLED_DATA_STORE_KINDS) expect(nodeDeclaration(kind).properties).toHaveProperty('publicNetworkAccess');
  });

  it('keeps every App Service site a compute kind carrying the site configuration', () => {
    for (const kind of APP_SERVICE_KINDS) {
      expect(COMPUTE_KINDS).toContain(kind);
      expect(nodeDeclaration(kind).properties).toHaveProperty('httpsOnly');
      expect(nodeDeclaration(kind).properties).toHaveProperty('minTlsVersion');
    }
  });

  it('answers isDataStoreKind from the family', () => {
    for (const d of NODE_DECLARATIONS) expect(isDataStoreKind(d.kind)).toBe(d.family === 'DataStore');
  });
});
