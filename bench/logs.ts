/**
 * `--suite logs` (or standalone: `node --import tsx bench/logs.ts [--mb 1024] [--runs 3] [--out FILE]`): the
 * streaming gateway-log path on a generated NDJSON log of about 1 GB (written to a temp dir, deleted after).
 * Each run is a fresh child process timing reader + redaction + mapping + totals + sampling
 * (`analyzeGatewayLogFiles`), and reports rows/s and its own peak RSS (`process.resourceUsage().maxRSS`).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzeGatewayLogFiles, type EndpointCatalogEntry } from '../src/traffic/index.js';
import { SeededRandom } from '../src/util/random.js';
import { ROOT } from './lib/child.js';
import { recordStandalone, runIfEntryPoint } from './lib/standalone.js';
import { formatNumber, median } from './lib/stats.js';
import type { BenchSuite, Measurement, SuiteContext, SuiteReport } from './lib/types.js';

const SELF = fileURLToPath(import.meta.url);
const RESULT = 'BENCH_RESULT ';
const DEFAULT_MB = 1024;
const GATEWAYS = 4;
const APIS_PER_GATEWAY = 10;
const OPERATIONS_PER_API = 10;
const RSS_TARGET_MB = 512;

interface ChildResult {
  readonly rows: number;
  readonly matched: number;
  readonly unmatched: number;
  readonly endpoints: number;
  readonly samples: number;
  readonly seconds: number;
  readonly maxRssMb: number;
}

const gatewayId = (g: number) =>
  `/subscriptions/00000000-0000-4000-8000-00000000000${g}/resourcegroups/rg-apim/providers/microsoft.apimanagement/service/apim-bench-${g}`;

/** The synthetic estate the log calls: gateways × APIs × operations, some templates with parameters. */
export function benchCatalog(): EndpointCatalogEntry[] {
  const entries: EndpointCatalogEntry[] = [];
  for (let g = 0; g < GATEWAYS; g++) {
    for (let a = 0; a < APIS_PER_GATEWAY; a++) {
      for (let o = 0; o < OPERATIONS_PER_API; o++) {
        entries.push({
          endpointId: `${gatewayId(g)}/apis/api-${a}/operations/op-${o}`,
          gatewayId: gatewayId(g),
          apiName: `api-${a}`,
          apiPath: `svc${a}/v1`,
          operationName: `op-${o}`,
          method: o % 3 === 0 ? 'POST' : 'GET',
          urlTemplate: `/res${o}/{id}`,
          gatewayHosts: [`apim-bench-${g}.azure-api.net`],
        });
      }
    }
  }
  return entries;
}

/**
 * One ApiManagementGatewayLogs row (~1.2 KB, like real rows with a few logged headers). 10 % carry no ApiId
 * (mapped by URL template), 1 % call an unknown path, 5 % log bodies, some carry `code=` keys and tokens.
 */
function logRow(i: number, random: SeededRandom, start: number): string {
  const g = random.int(GATEWAYS);
  const a = random.int(APIS_PER_GATEWAY);
  const o = random.int(OPERATIONS_PER_API);
  const byUrl = random.next() < 0.1;
  const unknown = random.next() < 0.01;
  const code = [200, 200, 200, 201, 204, 401, 404, 500][random.int(8)]!;
  const host = `https://apim-bench-${g}.azure-api.net`;
  const path = unknown ? `/svc${a}/v1/nowhere/${i}` : `/svc${a}/v1/res${o}/${i % 100_000}`;
  const withBody = random.next() < 0.05;
  return JSON.stringify({
    TenantId: '5c4b3a29-1807-4f6e-9d5c-4b3a29180706',
    TimeGenerated: new Date(start + i * 250).toISOString(),
    OperationName: 'Microsoft.ApiManagement/GatewayLogs',
    Category: 'GatewayLogs',
    CorrelationId: `0a1b2c3d-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    Region: 'West Europe',
    IsRequestSuccess: code < 400,
    TotalTime: 20 + random.int(300),
    BackendTime: 10 + random.int(250),
    CallerIpAddress:
      random.next() < 0.7
        ? `203.0.${random.int(256)}.${random.int(256)}`
        : `10.0.${random.int(4)}.${random.int(256)}`,
    Method: o % 3 === 0 ? 'POST' : 'GET',
    Url: `${host}${path}${random.next() < 0.2 ? `?code=fn-key-${random.int(1e9)}` : '?expand=items'}`,
    ClientProtocol: 'HTTP/1.1',
    ClientTlsVersion: '1.2',
    ResponseCode: code,
    ResponseSize: 200 + random.int(4000),
    RequestSize: 300 + random.int(1000),
    Cache: 'none',
    ApiId: byUrl || unknown ? '' : `api-${a}`,
    ApiRevision: '1',
    OperationId: byUrl || unknown ? '' : `op-${o}`,
    ProductId: 'partners',
    ApimSubscriptionId: random.next() < 0.8 ? `sub-${random.int(500)}` : '',
    BackendId: `backend-${a}`,
    BackendUrl: `https://fn-bench-${a}.azurewebsites.net/api/res${o}/${i % 100_000}?code=backend-key-${a}`,
    BackendResponseCode: code,
    RequestHeaders: {
      'User-Agent': 'bench-client/1.0 (+https://example.test)',
      'X-Forwarded-For': `198.51.100.${random.int(256)}`,
      ...(random.next() < 0.5 ? { Authorization: `Bearer eyJhbGciOiJSUzI1NiJ9.${random.int(1e9)}` } : {}),
    },
    ResponseHeaders: { 'Content-Type': 'application/json; charset=utf-8' },
    RequestBody: withBody ? `{"name":"Jane Doe","email":"jane${i}@contoso.example","note":"${'x'.repeat(200)}"}` : null,
    ResponseBody: withBody ? `{"id":"${i}","status":"shipped","card":"4111 1111 1111 1111"}` : null,
    LastErrorReason: '',
    LastErrorMessage: '',
    _ResourceId: gatewayId(g),
    SourceSystem: 'Azure',
    Type: 'ApiManagementGatewayLogs',
  });
}

/** Writes rows until the file reaches `bytes`, honouring back-pressure so the generator stays small too. */
export async function writeLog(path: string, bytes: number): Promise<{ rows: number; bytes: number }> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const random = new SeededRandom(1);
  const start = Date.UTC(2025, 3, 1);
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    const line = `${logRow(rows, random, start)}\n`;
    rows += 1;
    written += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { rows, bytes: (await stat(path)).size };
}

/** Child side: one timed pass, then the figures and this process's peak RSS. */
async function measure(file: string): Promise<void> {
  let samples = 0;
  const started = process.hrtime.bigint();
  const { summary } = await analyzeGatewayLogFiles([file], benchCatalog(), { onSample: () => void (samples += 1) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result: ChildResult = {
    rows: summary.rows,
    matched: summary.matchedRows,
    unmatched: summary.unmatched.rows,
    endpoints: summary.endpoints.length,
    samples,
    seconds,
    // resourceUsage().maxRSS is in kilobytes.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${RESULT}${JSON.stringify(result)}\n`);
}

function runChild(file: string): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT));
      if (code !== 0 || !line) reject(new Error(`log bench child failed (exit ${code})`));
      else resolvePromise(JSON.parse(line.slice(RESULT.length)) as ChildResult);
    });
  });
}

async function runLogsBench(runs: number, megabytes: number, log: (m: string) => void): Promise<SuiteReport> {
  const dir = await mkdtemp(join(tmpdir(), 'apiposture-logs-bench-'));
  try {
    const file = join(dir, 'gateway-logs.ndjson');
    log(`  generating ~${megabytes} MB of NDJSON gateway logs`);
    const genStart = Date.now();
    const generated = await writeLog(file, megabytes * 1024 * 1024);
    const genSeconds = (Date.now() - genStart) / 1000;
    const results: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      log(`  read + map + sample: run ${i + 1}/${runs}`);
      results.push(await runChild(file));
    }
    const first = results[0]!;
    const mb = generated.bytes / 1024 / 1024;
    const measurements: Measurement[] = [
      {
        name: 'Streaming read + redact + map + totals + sampling',
        unit: 'rows/s',
        value: median(results.map((r) => r.rows / r.seconds)),
        runs: results.map((r) => r.rows / r.seconds),
      },
      {
        name: 'Same, in bytes',
        unit: 'MB/s',
        value: median(results.map((r) => mb / r.seconds)),
        runs: results.map((r) => mb / r.seconds),
      },
      {
        name: 'Wall time',
        unit: 's',
        value: median(results.map((r) => r.seconds)),
        runs: results.map((r) => r.seconds),
      },
      {
        name: 'Peak RSS of the reading process',
        unit: 'MB',
        value: median(results.map((r) => r.maxRssMb)),
        runs: results.map((r) => r.maxRssMb),
        note: `bounded: the file is ${formatNumber(mb)} MB; budget ${RSS_TARGET_MB} MB, ${results.every((r) => r.maxRssMb <= RSS_TARGET_MB) ? 'met' : 'exceeded'}`,
      },
    ];
    return {
      key: 'logs',
      title: 'Gateway log ingest',
      details: [
        `Log: ${formatNumber(generated.rows)} ApiManagementGatewayLogs rows, NDJSON, ${formatNumber(mb)} MB (~${formatNumber(generated.bytes / generated.rows)} bytes/row), generated in ${formatNumber(genSeconds, 1)} s into a temp dir and deleted after; seeded (\`bench/logs.ts\`)`,
        `Estate: ${GATEWAYS} gateways × ${APIS_PER_GATEWAY} APIs × ${OPERATIONS_PER_API} operations; 10 % of rows without ApiId (mapped by URL template), 1 % to unknown paths, 20 % with \`code=\` keys, 50 % with Authorization, 5 % with bodies`,
        `Per run: ${formatNumber(first.matched)} rows matched, ${formatNumber(first.unmatched)} unmatched, ${first.endpoints} endpoints, ${formatNumber(first.samples)} samples handed to the classifier callback (50 per endpoint, seed 1); \`readGatewayLogs\` (node:readline) → \`analyzeGatewayLogs\`, in a fresh \`node --import tsx bench/logs.ts --child <file>\``,
      ],
      measurements,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const logsSuite: BenchSuite = {
  name: 'logs',
  description: 'streaming gateway-log reader, mapping and sampling on a ~1 GB NDJSON log',
  run: (context: SuiteContext) => runLogsBench(context.options.runs, DEFAULT_MB, context.log),
};

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { child: { type: 'string' }, mb: { type: 'string' }, runs: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (values.child) return measure(values.child);
  const runs = Number(values.runs ?? '3');
  const megabytes = Number(values.mb ?? String(DEFAULT_MB));
  if (!Number.isInteger(runs) || runs < 1 || !(megabytes > 0))
    throw new Error('--runs takes a positive integer, --mb a positive number');
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const report = await runLogsBench(runs, megabytes, log);
  await recordStandalone(report, 'bench/logs.ts', argv, runs, values.out);
}

runIfEntryPoint(SELF, main);
