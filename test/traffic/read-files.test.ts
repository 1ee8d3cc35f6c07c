import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputFiles } from '../../src/util/input/read-files.js';
import { analyzeGatewayLogFiles } from '../../src/traffic/index.js';
import { APIM_FIXTURES, estateCatalog, logFixture } from './estate.js';

/** The scanned-input path: `readInputFiles` leaves big log files and CSV to the streaming reader. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apiposture-scan-'));
  for (const name of ['gateway-logs.json', 'gateway-logs.ndjson', 'gateway-logs.csv', 'PT1H.json'])
    await copyFile(logFixture(name), join(dir, name));
  for (const name of ['services.resourcegraph.json', 'apis.arm-list.json', 'operations.arm-list.json'])
    await copyFile(join(APIM_FIXTURES, name), join(dir, name));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('log files among the scanned inputs', () => {
  it('reads small files whole as before, leaving CSV and line-per-record archives to the streaming reader', async () => {
    const input = await readInputFiles([dir]);
    expect(input.files.map((f) => basename(f))).toContain('gateway-logs.csv');
    expect(input.logFiles.map((f) => basename(f))).toEqual(['PT1H.json', 'gateway-logs.csv']);
    expect(input.logs).toHaveLength(9 + 9);
    expect(input.resources).toHaveLength(2 + 6 + 8);
  });

  it('streams log files over the size threshold, found by their first row; resource files stay as they are', async () => {
    const input = await readInputFiles([dir], undefined, { streamLogsOver: 1024 });
    expect(input.logFiles.map((f) => basename(f)).sort()).toEqual([
      'PT1H.json',
      'gateway-logs.csv',
      'gateway-logs.json',
      'gateway-logs.ndjson',
    ]);
    expect(input.logs).toHaveLength(0);
    expect(input.resources).toHaveLength(2 + 6 + 8);
  });

  it('gives the same traffic whether rows come from readInputFiles or the files are streamed', async () => {
    const catalog = await estateCatalog();
    const small = await readInputFiles([logFixture('gateway-logs.json')]);
    const fromRows = await analyzeGatewayLogFiles(small.logs, catalog);
    const streamed = await analyzeGatewayLogFiles([logFixture('gateway-logs.json')], catalog);
    expect(fromRows.summary).toEqual({
      ...streamed.summary,
      // Rows read whole carry no line; streamed ones do.
      endpoints: streamed.summary.endpoints.map((e) => ({
        ...e,
        samples: e.samples.map(({ position, ...rest }) => ({
          ...rest,
          position: { file: position.file, index: position.index },
        })),
      })),
    });
  });
});
