import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/index.js';
import { tempDir } from '../support/cli.js';
import { cliOutputs, expectNoLeaks, graphqlOutputs, useSeededEstate } from './secrets-suite.js';

// No secret reaches the memory store or anything read from it (secrets-suite.ts); secrets-neo4j.test.ts does Neo4j.
const estate = useSeededEstate();

describe('no seeded secret reaches the memory store, reports, logs or the API', () => {
  it('scans, reports and answers on the memory store without any canary', async () => {
    const dataDir = await tempDir('secrets-memory');
    const outputs = await cliOutputs(estate(), ['--data-dir', dataDir], {});
    for (const name of await readdir(dataDir, { recursive: true })) {
      const path = join(dataDir, name);
      const text = await readFile(path, 'utf8').catch(() => '');
      outputs.push({ label: `data dir ${name}`, text });
    }
    expect(outputs.some((o) => o.label.startsWith('data dir') && o.text.length > 10_000)).toBe(true);
    const store = await MemoryStore.open({ dataDir });
    outputs.push(...(await graphqlOutputs(store)));
    expectNoLeaks(estate(), outputs);
  }, 600_000);
});
