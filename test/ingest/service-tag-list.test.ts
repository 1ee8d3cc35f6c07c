import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { isServiceTagList, parseServiceTagList } from '../../src/ingest/azure/service-tag-list.js';
import { InputError } from '../../src/util/errors.js';

/** `az network list-service-tags --location westeurope` output, cut to two tags. */
const cliOutput = {
  changeNumber: '212',
  cloud: 'Public',
  id: '/subscriptions/5ce00024-0000-4000-8000-000000000024/providers/Microsoft.Network/serviceTags/Public',
  name: 'Public',
  type: 'Microsoft.Network/serviceTags',
  values: [
    {
      id: 'ApiManagement',
      name: 'ApiManagement',
      serviceTagChangeNumber: '40',
      properties: { addressPrefixes: ['13.69.64.76/31', '2603:1020:206:402::140/124'], changeNumber: 40, region: '', state: 'GA', systemService: 'AzureApiManagement' },
    },
    {
      id: 'ApiManagement.WestEurope',
      name: 'ApiManagement.WestEurope',
      properties: { addressPrefixes: ['13.69.64.76/31'], changeNumber: 3, region: 'westeurope', systemService: 'AzureApiManagement' },
    },
  ],
};

describe('service-tag lists', () => {
  it('recognises the CLI/API list and the downloadable file by shape, and nothing else', () => {
    expect(isServiceTagList(cliOutput)).toBe(true);
    const { type: _type, id: _id, name: _name, ...downloaded } = { ...cliOutput, changeNumber: 212 };
    expect(isServiceTagList(downloaded)).toBe(true);
    expect(isServiceTagList({ value: [] })).toBe(false);
    expect(isServiceTagList({ type: 'Microsoft.Network/networkSecurityGroups', values: cliOutput.values })).toBe(false);
    expect(isServiceTagList({ values: [{ name: 'x', properties: {} }] })).toBe(false);
    expect(isServiceTagList([cliOutput])).toBe(false);
  });

  it('reads every tag with its region, service and prefixes; a base tag has no region', () => {
    const list = parseServiceTagList(cliOutput, 'tags.json');
    expect(list).toEqual({
      cloud: 'Public',
      changeNumber: '212',
      tags: [
        { name: 'ApiManagement', region: null, systemService: 'AzureApiManagement', addressPrefixes: ['13.69.64.76/31', '2603:1020:206:402::140/124'] },
        { name: 'ApiManagement.WestEurope', region: 'westeurope', systemService: 'AzureApiManagement', addressPrefixes: ['13.69.64.76/31'] },
      ],
    });
    expect(parseServiceTagList({ ...cliOutput, changeNumber: 212 }, 'f').changeNumber).toBe('212');
  });

  it('fails a malformed entry with the file, its position and the reason', () => {
    const broken = (entry: unknown) => ({ ...cliOutput, values: [cliOutput.values[0], entry] });
    const failure = (entry: unknown) => {
      try {
        parseServiceTagList(broken(entry), 'tags.json');
      } catch (error) {
        return error;
      }
      return null;
    };
    for (const [entry, reason] of [
      ['AzureCloud', 'values[1] is not an object'],
      [{ properties: { addressPrefixes: [] } }, 'values[1] without "name"'],
      [{ name: 'Storage', properties: {} }, 'service tag Storage without "properties.addressPrefixes"'],
      [{ name: 'Storage', properties: { addressPrefixes: ['20.60.0.0/16', 7] } }, 'service tag Storage: addressPrefixes[1] is not an address prefix'],
    ] as const) {
      const error = failure(entry);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ position: { file: 'tags.json', index: 1 }, reason });
    }
  });
});

describe('service-tag lists in an offline ingest', () => {
  const write = async (dir: string, name: string, value: unknown) => {
    await writeFile(join(dir, name), JSON.stringify(value));
    return join(dir, name);
  };

  it('stores one ServiceTag node per tag with its prefixes, and a list read again replaces them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tags-'));
    const store = await MemoryStore.open();
    await ingestFiles(store, [await write(dir, 'tags.json', cliOutput)], { source: 'azure-export', run: newRun() });
    const regional = await store.getNode('servicetag:apimanagement.westeurope');
    expect(regional).toMatchObject({
      kind: 'ServiceTag',
      properties: expect.objectContaining({ name: 'ApiManagement.WestEurope', region: 'westeurope', systemService: 'AzureApiManagement', addressPrefixes: ['13.69.64.76/31'], cloud: 'Public', changeNumber: '212' }),
    });
    expect((await store.getNode('servicetag:apimanagement'))?.properties['region']).toBeUndefined();
    const newer = { ...cliOutput, changeNumber: '213', values: [{ ...cliOutput.values[1], properties: { ...cliOutput.values[1]!.properties, addressPrefixes: ['13.69.64.80/31'] } }] };
    await ingestFiles(store, [await write(dir, 'tags.json', newer)], { source: 'azure-export', run: newRun() });
    expect((await store.getNode('servicetag:apimanagement.westeurope'))?.properties).toMatchObject({ addressPrefixes: ['13.69.64.80/31'], changeNumber: '213' });
  });

  it('refuses a malformed list naming the file and the entry, and keeps what was stored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tags-'));
    const store = await MemoryStore.open();
    await ingestFiles(store, [await write(dir, 'tags.json', cliOutput)], { source: 'azure-export', run: newRun() });
    const before = await store.getNode('servicetag:apimanagement');
    const bad = await write(dir, 'bad-tags.json', { ...cliOutput, values: [cliOutput.values[0], { name: 'Storage', properties: { addressPrefixes: [7] } }] });
    const error = await ingestFiles(store, [bad], { source: 'azure-export', run: newRun() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(/bad-tags\.json.*service tag Storage: addressPrefixes\[0\] is not an address prefix/);
    expect(await store.getNode('servicetag:apimanagement')).toEqual(before);
    expect(await store.getNode('servicetag:storage')).toBeNull();
  });
});
