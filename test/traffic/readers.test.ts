import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayLogs, type GatewayLogRecord, type ReadLogOptions } from '../../src/traffic/index.js';
import { InputError } from '../../src/util/errors.js';
import { CONTOSO, FABRIKAM, logFixture } from './estate.js';

async function readAll(inputs: Parameters<typeof readGatewayLogs>[0], options?: ReadLogOptions) {
  const stream = readGatewayLogs(inputs, options);
  const records: GatewayLogRecord[] = [];
  for await (const record of stream) records.push(record);
  return { records, stats: stream.stats };
}

/** The record without where it came from: the same row read from two formats must give the same record. */
const content = ({ position: _position, ...rest }: GatewayLogRecord) => rest;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apiposture-logs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const file = async (name: string, text: string) => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

describe('JSON array of ApiManagementGatewayLogs rows', () => {
  it('normalises every row, with the service id lower-cased and names as logged', async () => {
    const { records, stats } = await readAll([logFixture('gateway-logs.json')]);
    expect(stats).toMatchObject({ rows: 9, logRows: 9, resourceRows: 0, otherCategoryRows: 0, malformedRows: 0 });
    const first = records[0]!;
    expect(first).toMatchObject({
      shape: 'gateway-logs',
      time: '2025-05-14T09:21:07.412Z',
      gatewayId: CONTOSO,
      apiId: 'orders-api',
      operationId: 'get-order',
      method: 'GET',
      responseCode: 200,
      callerIp: '203.0.113.45',
      apimSubscriptionId: 'partner-acme',
      backendId: 'fn-orders-prod',
      isRequestSuccess: true,
      totalTimeMs: 143,
      credentialInUrl: true,
      credentialInHeaders: true,
      authorizationHeader: true,
    });
    expect(first.position).toMatchObject({ index: 0, line: 2 });
    expect(first.position.file.endsWith('gateway-logs.json')).toBe(true);
    // Empty strings and nulls are absent, never "".
    expect(first).not.toHaveProperty('requestBody');
    expect(records[1]!).not.toHaveProperty('apimSubscriptionId');
    expect(records[1]!).not.toHaveProperty('requestHeaders');
    expect(records[4]!).not.toHaveProperty('gatewayId');
  });

  it('reads the same records from NDJSON, with the line of each row', async () => {
    const array = await readAll([logFixture('gateway-logs.json')]);
    const ndjson = await readAll([logFixture('gateway-logs.ndjson')]);
    expect(ndjson.records.map(content)).toEqual(array.records.map(content));
    expect(ndjson.records.map((r) => r.position.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('streams a saved Log Analytics answer ({tables: [{columns, rows}]})', async () => {
    const array = await readAll([logFixture('gateway-logs.json')]);
    const tables = await readAll([logFixture('loganalytics-result.json')]);
    expect(tables.records.map(content)).toEqual(array.records.slice(0, 3).map(content));
  });

  it('reads rows already parsed by readInputFiles', async () => {
    const value = {
      TimeGenerated: '2025-05-01T00:00:00Z',
      ApiId: 'a',
      OperationId: 'o',
      Url: 'https://h/p',
      Type: 'ApiManagementGatewayLogs',
    };
    const { records } = await readAll([{ file: 'small.json', index: 3, value }]);
    expect(records).toHaveLength(1);
    expect(records[0]!.position).toEqual({ file: 'small.json', index: 3 });
  });

  it('skips resource rows found among the inputs, counting them', async () => {
    const path = await file(
      'mixed.json',
      JSON.stringify([
        { id: `${CONTOSO}`, type: 'microsoft.apimanagement/service', name: 'apim-contoso-prod', properties: {} },
        { TimeGenerated: '2025-05-01T00:00:00Z', Category: 'GatewayLogs', Url: 'https://h/p', _ResourceId: FABRIKAM },
      ]),
    );
    const { records, stats } = await readAll([path]);
    expect(records.map((r) => r.gatewayId)).toEqual([FABRIKAM]);
    expect(stats).toMatchObject({ rows: 2, logRows: 1, resourceRows: 1 });
  });
});

describe('a minified JSON array on one line, larger than the row limit', () => {
  // Regression: the row-size guard once summed every segment of the line, so a 32 MiB+ one-line array failed.
  it('is streamed row by row', async () => {
    const row = JSON.stringify({
      TimeGenerated: '2025-05-01T00:00:00Z',
      Category: 'GatewayLogs',
      _ResourceId: CONTOSO,
      Url: 'https://apim-contoso-prod.azure-api.net/orders/v1/orders/1',
      ResponseBody: 'x'.repeat(1400),
    });
    const count = 25_000;
    const path = await file('minified.json', `[${Array.from({ length: count }, () => row).join(',')}]`);
    let rows = 0;
    for await (const record of readGatewayLogs([path])) rows += record.position.line === 1 ? 1 : 0;
    expect(rows).toBe(count);
  }, 60_000);
});

describe('CSV (RFC 4180) as the portal exports it', () => {
  it('keeps quoted commas, quotes and newlines, reads the portal time and JSON header cells', async () => {
    const { records } = await readAll([logFixture('gateway-logs.csv')]);
    expect(records).toHaveLength(2);
    const [first, second] = records as [GatewayLogRecord, GatewayLogRecord];
    expect(first.time).toBe('2025-05-14T09:21:07.412Z');
    expect(first.url).toBe('https://apim-contoso-prod.azure-api.net/orders/v1/orders/1234?code=[REDACTED]&x=a,b');
    expect(first.requestHeaders).toEqual({ Authorization: '[REDACTED]', 'User-Agent': 'acme, inc' });
    expect(first.responseBody).toContain('line one, with a comma",\n"quote":"she said "hi""');
    expect(first.responseCode).toBe(200);
    expect(first.position.line).toBe(2);
    // The first record spans lines 2–4, so the second starts on line 5.
    expect(second.position.line).toBe(5);
    expect(second.time).toBe('2025-05-01T13:05:00.000Z');
    expect(second).not.toHaveProperty('apiId');
  });

  it('recognises log rows by the ApiId, OperationId, Url columns even when those cells are empty', async () => {
    const path = await file(
      'az-export.csv',
      'TimeGenerated,ApiId,OperationId,Url,ResponseCode\n2025-05-01T10:00:00Z,,,https://apim-contoso-prod.azure-api.net/orders/v1/orders/latest,200\n',
    );
    const { records, stats } = await readAll([path]);
    expect(stats).toMatchObject({ rows: 1, logRows: 1, resourceRows: 0 });
    expect(records[0]).not.toHaveProperty('apiId');
    expect(records[0]!.url).toBe('https://apim-contoso-prod.azure-api.net/orders/v1/orders/latest');
  });
});

describe('legacy AzureDiagnostics rows', () => {
  it('maps the flattened columns, reads AdditionalFields overflow and skips other providers', async () => {
    const { records, stats } = await readAll([logFixture('azure-diagnostics.json')]);
    expect(stats).toMatchObject({ rows: 3, logRows: 2, otherCategoryRows: 1 });
    expect(records[0]).toMatchObject({
      shape: 'azure-diagnostics',
      gatewayId: CONTOSO,
      apiId: 'orders-api',
      operationId: 'get-order',
      method: 'GET',
      url: 'https://apim-contoso-prod.azure-api.net/orders/v1/orders/1234?code=[REDACTED]',
      backendUrl: 'https://fn-orders-prod.azurewebsites.net/api/orders/1234?code=[REDACTED]',
      responseCode: 200,
      callerIp: '203.0.113.45',
      apimSubscriptionId: 'partner-acme',
      totalTimeMs: 143,
      backendTimeMs: 118,
      isRequestSuccess: true,
    });
    expect(records[1]).toMatchObject({
      responseCode: 201,
      isRequestSuccess: true,
      apimSubscriptionId: 'overflow-sub',
      time: '2025-05-13T07:00:00.000Z',
    });
  });
});

describe('diagnostic-setting archives (PT1H.json: one record per line)', () => {
  it('reads the camelCase common schema with the gateway fields under properties', async () => {
    const { records } = await readAll([logFixture('PT1H.json')]);
    expect(
      records.map((r) => [r.shape, r.gatewayId, r.apiId, r.operationId, r.method, r.responseCode, r.position.line]),
    ).toEqual([
      ['diagnostic-archive', CONTOSO, 'orders-api', 'get-order', 'GET', 200, 1],
      ['diagnostic-archive', CONTOSO, 'orders-api', 'create-order', 'POST', 401, 2],
    ]);
    expect(records[0]!.url).toBe('https://apim-contoso-prod.azure-api.net/orders/v1/orders/5?access_token=[REDACTED]');
  });
});

describe('malformed input names file, line and reason', () => {
  const row = (time: string) =>
    JSON.stringify({ TimeGenerated: time, Category: 'GatewayLogs', Url: 'https://h/x?code=SECRET-IN-ERROR' });

  it('fails on a broken NDJSON line at its line, without quoting it', async () => {
    const path = await file(
      'broken.ndjson',
      `${row('2025-05-01T00:00:00Z')}\n\n{"TimeGenerated": "2025-05-01", "Url": "https://h/x?code=SECRET-IN-ERROR",}\n`,
    );
    const error = await readAll([path]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).position).toMatchObject({ line: 3 });
    expect((error as InputError).message).toMatch(/broken\.ndjson:3:\d+: malformed JSON/);
    expect((error as InputError).message).not.toContain('SECRET');
  });

  it('counts and skips malformed rows when asked, keeping their positions', async () => {
    const path = await file(
      'skip.ndjson',
      `${row('2025-05-01T00:00:00Z')}\nnot json\n[1,2]\n${row('yesterday')}\n${row('2025-05-02T00:00:00Z')}\n`,
    );
    const { records, stats } = await readAll([path], { onMalformed: 'skip' });
    expect(records.map((r) => r.position.line)).toEqual([1, 5]);
    expect(stats.malformedRows).toBe(3);
    expect(stats.errors).toEqual([
      expect.stringMatching(/skip\.ndjson:2:1: malformed JSON/),
      expect.stringMatching(/skip\.ndjson:3: NDJSON line is not a JSON object/),
      expect.stringMatching(/skip\.ndjson:4 \(row 1\): gateway log row with an invalid "TimeGenerated"/),
    ]);
    expect(stats.errors.join('\n')).not.toContain('SECRET');
  });

  it('fails on a JSON syntax error at its line', async () => {
    const path = await file(
      'broken.json',
      `[\n${row('2025-05-01T00:00:00Z')},\n{"TimeGenerated": "2025-05-01T00:00:00Z" "Url": "x"}\n]\n`,
    );
    await expect(readAll([path])).rejects.toThrow(
      /broken\.json:3:\d+: malformed JSON at or after this column: expected/,
    );
  });

  it('fails on a truncated JSON array', async () => {
    const path = await file(
      'truncated.json',
      `[\n${row('2025-05-01T00:00:00Z')},\n${row('2025-05-02T00:00:00Z').slice(0, 30)}`,
    );
    await expect(readAll([path])).rejects.toThrow(/truncated\.json:3: malformed JSON: unexpected end of file/);
  });

  it('fails on a row that is not an object', async () => {
    const path = await file('scalars.json', `[\n${row('2025-05-01T00:00:00Z')},\n42\n]`);
    await expect(readAll([path])).rejects.toThrow(/scalars\.json:3 \(row 1\): row is not a JSON object/);
  });

  it('fails on a CSV record with a missing field, at its line', async () => {
    const path = await file(
      'short.csv',
      'TimeGenerated,Category,Url\n2025-05-01T00:00:00Z,GatewayLogs,"https://h/a,b"\n2025-05-01T00:00:00Z,GatewayLogs\n',
    );
    await expect(readAll([path])).rejects.toThrow(
      /short\.csv:3: malformed CSV: the record does not have as many fields as the header/,
    );
  });

  it('fails on an unclosed CSV quote', async () => {
    const path = await file(
      'open.csv',
      'TimeGenerated,Category,Url\n2025-05-01T00:00:00Z,GatewayLogs,"https://h/a?code=SECRET-IN-ERROR\n',
    );
    const error = (await readAll([path]).catch((e: unknown) => e)) as InputError;
    expect(error.message).toMatch(/open\.csv:\d+: malformed CSV: a quoted field is not closed/);
    expect(error.message).not.toContain('SECRET');
  });

  it('fails on a log row without a time', async () => {
    const path = await file('no-time.json', JSON.stringify([{ Category: 'GatewayLogs', Url: 'https://h/x' }]));
    await expect(readAll([path])).rejects.toThrow(/no-time\.json:1 \(row 0\): gateway log row without "TimeGenerated"/);
  });
});
