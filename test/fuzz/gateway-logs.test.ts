/**
 * Fuzzing of the gateway log readers: real log rows (ApiManagementGatewayLogs, AzureDiagnostics, diagnostic
 * archives) mutated, written as a JSON array, NDJSON or CSV, sometimes with the file text cut or spliced, then
 * streamed by `readGatewayLogs`. Every case ends in redacted records or an InputError naming the file; with
 * `onMalformed: 'skip'` only a structural error (the file cannot be read on) may still end the read. Credentials
 * seeded into URLs and headers never survive into a record.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayLogs, type GatewayLogRecord } from '../../src/traffic/index.js';
import { InputError } from '../../src/util/errors.js';
import { fuzzAsync, FUZZ_TIMEOUT_MS } from '../support/fuzz.js';
import { mutate, mutationArb, oddString, type Json, type Mutation } from '../support/json-mutation.js';

const LOGS = 'test/fixtures/traffic/logs';
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

/** Base rows of each log shape the readers know. */
const BASES: readonly Json[][] = [
  JSON.parse(readFileSync(join(LOGS, 'gateway-logs.json'), 'utf8')) as Json[],
  JSON.parse(readFileSync(join(LOGS, 'azure-diagnostics.json'), 'utf8')) as Json[],
  lines(readFileSync(join(LOGS, 'PT1H.json'), 'utf8')).map((l) => JSON.parse(l) as Json),
  lines(readFileSync('examples/contoso/logs/gateway-logs.ndjson', 'utf8'))
    .slice(0, 12)
    .map((l) => JSON.parse(l) as Json),
];

const CANARY = 'FUZZCANARY';

/** Puts a distinct credential into every URL (query) and request-header map of the rows. */
function seedCanaries(rows: Json[]): Json[] {
  let n = 0;
  const walk = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: { [key: string]: Json } = {};
    for (const [key, v] of Object.entries(value)) {
      if (/^(url|url_s|backendurl|backendurl_s)$/i.test(key) && typeof v === 'string') {
        n += 1;
        out[key] =
          `${v}${v.includes('?') ? '&' : '?'}code=${CANARY}C${n}&sig=${CANARY}S${n}&subscription-key=${CANARY}K${n}`;
      } else if (/requestheaders$/i.test(key) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        n += 1;
        out[key] = { ...v, Authorization: `Bearer ${CANARY}T${n}`, 'Ocp-Apim-Subscription-Key': `${CANARY}H${n}` };
      } else out[key] = walk(v);
    }
    return out;
  };
  return rows.map(walk);
}

type Format = 'json' | 'ndjson' | 'csv';

function csvField(value: Json | undefined): string {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return `"${text.replace(/"/g, '""')}"`;
}

function write(rows: Json[], format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 1);
    case 'ndjson':
      return rows.map((r) => JSON.stringify(r)).join('\n');
    case 'csv': {
      const objects = rows.filter(
        (r): r is { [key: string]: Json } => r !== null && typeof r === 'object' && !Array.isArray(r),
      );
      const columns = [...new Set(objects.flatMap((r) => Object.keys(r)))];
      return [
        columns.map((c) => csvField(c)).join(','),
        ...objects.map((r) => columns.map((c) => csvField(r[c])).join(',')),
      ].join('\r\n');
    }
  }
}

/** No mutation renames a key here: a renamed header is no longer a credential header by name, so it may rightly stay. */
const valueMutationArb: fc.Arbitrary<Mutation> = mutationArb.filter((m) => m.op !== 'rename');

const caseArb = fc.record({
  base: fc.nat({ max: BASES.length - 1 }),
  mutations: fc.array(valueMutationArb, { maxLength: 4 }),
  format: fc.constantFrom<Format>('json', 'ndjson', 'csv'),
  cut: fc.option(
    fc.record({ at: fc.nat(), insert: fc.oneof(oddString, fc.constantFrom('"', '\n', ',', '{', ']', '\r')) }),
    { freq: 3 },
  ),
  skip: fc.boolean(),
});

function withoutBodies(record: GatewayLogRecord): unknown {
  // Bodies go to the classifier and are never stored (test/security covers what reaches the store).
  const { requestBody: _a, responseBody: _b, backendRequestBody: _c, backendResponseBody: _d, ...rest } = record;
  return rest;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apiposture-fuzz-logs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fuzz: gateway log files', () => {
  it(
    'reads mutated log files into redacted records, or fails naming the file',
    async () => {
      let n = 0;
      const count = await fuzzAsync(
        'gateway logs: mutated rows in JSON, NDJSON and CSV files',
        caseArb,
        async (c) => {
          const rows = mutate(seedCanaries(BASES[c.base]!), c.mutations);
          let text = write(Array.isArray(rows) ? rows : [rows], c.format);
          if (c.cut) {
            const at = c.cut.at % (text.length + 1);
            text = text.slice(0, at) + c.cut.insert + text.slice(at);
          }
          const name = `case-${(n += 1)}.${c.format}`;
          const path = join(dir, name);
          await writeFile(path, text);
          const stream = readGatewayLogs([path], { onMalformed: c.skip ? 'skip' : 'fail' });
          const records: GatewayLogRecord[] = [];
          let failure: InputError | null = null;
          try {
            for await (const record of stream) records.push(record);
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            failure = error;
          }
          // A text edit may rename a parameter (`code=` → `$code=`), which rightly ends its redaction: the canary
          // check holds for files written whole. Case-insensitive: a mutation may have lower-cased a URL.
          const leaks = (text: string) => c.cut === null && text.toUpperCase().includes(CANARY);
          for (const record of records) {
            expect(leaks(JSON.stringify(withoutBodies(record))), JSON.stringify(record)).toBe(false);
            expect(Number.isFinite(record.timeMs)).toBe(true);
            expect(record.time).toBe(new Date(record.timeMs).toISOString());
            expect(record.position.file.endsWith(name)).toBe(true);
          }
          for (const message of stream.stats.errors) {
            expect(message).toContain(name);
            expect(leaks(message), message).toBe(false);
          }
          expect(stream.stats.logRows).toBe(records.length);
          if (failure) {
            expect(failure.position.file.endsWith(name)).toBe(true);
            expect(leaks(failure.message), failure.message).toBe(false);
            return 'error';
          }
          return stream.stats.malformedRows > 0 ? 'skipped rows' : 'ok';
        },
        250,
      );
      expect(count.outcomes['ok'] ?? 0).toBeGreaterThan(0);
      expect(count.outcomes['error'] ?? 0).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );
});
