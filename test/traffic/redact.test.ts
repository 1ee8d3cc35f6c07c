import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyzeGatewayLogFiles,
  readGatewayLogs,
  redactHeaders,
  redactUrl,
  type GatewayLogRecord,
  type TrafficSample,
} from '../../src/traffic/index.js';
import { estateCatalog, LOG_FIXTURES, logFixture } from './estate.js';

/** Every fixture seeds its secrets as `SECRET-…`: none may appear in anything the reader hands on. */
const SECRET = /SECRET-/;

describe('URL redaction', () => {
  it('redacts credential query parameters and keeps everything else byte for byte', () => {
    expect(redactUrl('https://fn.azurewebsites.net/api/orders/1?code=abc%3D%3D&Expand=Items')).toEqual({
      url: 'https://fn.azurewebsites.net/api/orders/1?code=[REDACTED]&Expand=Items',
      credential: true,
    });
    expect(redactUrl('https://st.blob.core.windows.net/c/b?sv=2022-11-02&se=2025-06-01&sp=r&SIG=abc%2Bdef').url).toBe(
      'https://st.blob.core.windows.net/c/b?sv=2022-11-02&se=2025-06-01&sp=r&SIG=[REDACTED]',
    );
    for (const name of ['subscription-key', 'api-key', 'token', 'access_token', 'key', 'Subscription%2DKey']) {
      expect(redactUrl(`https://h/p?a=1&${name}=s3cr3t`).url).toBe(`https://h/p?a=1&${name}=[REDACTED]`);
    }
  });

  it('redacts tokens in the fragment and passwords in the user info', () => {
    expect(redactUrl('https://app/cb#access_token=eyJ.x.y&state=1').url).toBe(
      'https://app/cb#access_token=[REDACTED]&state=1',
    );
    expect(redactUrl('https://user:pa55@host/p').url).toBe('https://user:[REDACTED]@host/p');
  });

  it('leaves URLs without credentials alone', () => {
    expect(redactUrl('https://h/orders/1?status=open&keyword=x')).toEqual({
      url: 'https://h/orders/1?status=open&keyword=x',
      credential: false,
    });
    expect(redactUrl('https://h/orders/1?code=').credential).toBe(false);
  });
});

describe('header redaction', () => {
  it('keeps credential header names with [REDACTED], whatever their case', () => {
    expect(
      redactHeaders({
        authorization: 'Bearer eyJ',
        'Ocp-Apim-Subscription-Key': 'k1',
        'X-Functions-Key': 'k2',
        'x-api-key': 'k3',
        Cookie: 'a=b',
        'User-Agent': 'curl/8',
        Location: 'https://h/p?sig=abc',
        'X-Count': 3,
      }),
    ).toEqual({
      headers: {
        authorization: '[REDACTED]',
        'Ocp-Apim-Subscription-Key': '[REDACTED]',
        'X-Functions-Key': '[REDACTED]',
        'x-api-key': '[REDACTED]',
        Cookie: '[REDACTED]',
        'User-Agent': 'curl/8',
        Location: 'https://h/p?sig=[REDACTED]',
        'X-Count': '3',
      },
      credential: true,
      authorization: true,
    });
  });
});

describe('secrets never leave the reader', () => {
  it('leaves no seeded secret in records, samples, the summary or the read statistics of any fixture', async () => {
    const files = [
      'gateway-logs.json',
      'gateway-logs.ndjson',
      'gateway-logs.csv',
      'azure-diagnostics.json',
      'PT1H.json',
      'loganalytics-result.json',
    ];
    const records: GatewayLogRecord[] = [];
    for await (const record of readGatewayLogs(files.map(logFixture))) records.push(record);
    expect(records.length).toBeGreaterThan(20);
    expect(JSON.stringify(records)).not.toMatch(SECRET);
    expect(JSON.stringify(records)).toContain('[REDACTED]');

    const samples: TrafficSample[] = [];
    const result = await analyzeGatewayLogFiles([LOG_FIXTURES], await estateCatalog(), {
      onSample: (s) => void samples.push(s),
    });
    expect(samples.length).toBeGreaterThan(0);
    expect(JSON.stringify(samples)).not.toMatch(SECRET);
    expect(JSON.stringify(result)).not.toMatch(SECRET);
  });

  it('keeps bodies out of the summary: only the classifier callback sees them', async () => {
    const bodies: string[] = [];
    const { summary } = await analyzeGatewayLogFiles([logFixture('gateway-logs.json')], await estateCatalog(), {
      onSample: (s) => {
        if (s.responseBody) bodies.push(s.responseBody);
        if (s.requestBody) bodies.push(s.requestBody);
      },
    });
    expect(bodies).toContain('{"card":"4111 1111 1111 1111"}');
    expect(JSON.stringify(summary)).not.toContain('4111');
    expect(summary.endpoints.flatMap((e) => e.samples).some((s) => s.requestBodyChars === 30)).toBe(true);
  });

  it('names no secret in the errors of malformed rows that held one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apiposture-redact-'));
    try {
      const path = join(dir, 'bad.ndjson');
      await writeFile(
        path,
        '{"TimeGenerated":"soon","Category":"GatewayLogs","Url":"https://h/?code=SECRET-X"}\n{"Url":"https://h/?sig=SECRET-Y",\n',
      );
      const stream = readGatewayLogs([path], { onMalformed: 'skip' });
      for await (const _ of stream) void _;
      expect(stream.stats.malformedRows).toBe(2);
      expect(stream.stats.errors.join('\n')).not.toMatch(SECRET);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
