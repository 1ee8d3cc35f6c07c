/**
 * What one API request of the load mix (bench/suites/load.ts) costs on Neo4j, in load-independent measures: the
 * statements it runs, the Bolt writes the driver flushes (each a round trip the request waits on), the server's
 * own time for its statements (`resultAvailableAfter` + `resultConsumedAfter` from the driver's summaries), the
 * Neo4j server process' CPU time and this process' CPU time (API and HTTP client together). Requests are sent one
 * at a time, so every figure belongs to the request alone, however loaded the machine is.
 *
 * `NEO4J_URI=bolt://… node --import tsx bench/tasks/neo4j-read-costs.ts [--size S] [--repeat 20] [--no-load]
 * [--server-pid PID]`: without `--no-load` the database is emptied and the estate ingested and analysed first, so
 * two revisions of `src/` can be measured in turn against the one stored estate. `--server-pid` names the Neo4j
 * JVM whose CPU time is read from /proc.
 */
import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { Result } from 'neo4j-driver';
import { analyze } from '../../src/analysis/analyze.js';
import { createServer } from '../../src/api/index.js';
import { DEFAULT_LIMITS } from '../../src/config/server.js';
import { ingestRows } from '../../src/ingest/pipeline.js';
import { Neo4jStore } from '../../src/store/index.js';
import { estateRows, generateEstate, type EstateSize } from '../../tools/estate/index.js';
import { benchServerConfig } from '../lib/server-config.js';
import { LOAD_OPERATIONS } from '../suites/load.js';
import { clearDatabase, openDriver } from './neo4j-common.js';

interface Tally {
  statements: number;
  writes: number;
  serverMs: number;
}

const tally: Tally = { statements: 0, writes: 0, serverMs: 0 };

/** Every statement's result, when the store awaits it: counted, with the server's own times from its summary. */
function countStatements(): void {
  const then = Result.prototype.then;
  Result.prototype.then = function (this: Result, onFulfilled, onRejected) {
    return then.call(
      this,
      (value) => {
        tally.statements += 1;
        tally.serverMs += Number(value.summary.resultAvailableAfter) + Number(value.summary.resultConsumedAfter);
        return onFulfilled ? onFulfilled(value) : (value as never);
      },
      onRejected,
    ) as never;
  } as typeof then;
}

/** Writes to the Bolt port: the driver writes once per flush, and each flush is answered before the work goes on. */
function countBoltWrites(port: number): void {
  const write = Socket.prototype.write;
  Socket.prototype.write = function (this: Socket, ...args: Parameters<typeof write>) {
    if (this.remotePort === port) tally.writes += 1;
    return write.apply(this, args);
  } as typeof write;
}

/** User + system CPU time of a process, in ms, from /proc (clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(store: Neo4jStore, size: EstateSize): Promise<void> {
  const rows = [...estateRows(generateEstate({ size, seed: 1 }))].map(({ section, row }, index) => ({ file: `${section}.json`, index, value: row }));
  const run = { runId: `read-costs-${Date.now()}`, startedAt: new Date().toISOString() };
  await ingestRows(store, rows, { source: 'azure-export', run });
  await analyze(store, { ...run, runId: `${run.runId}-analysis` });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'S' },
      repeat: { type: 'string', default: '20' },
      'no-load': { type: 'boolean', default: false },
      'server-pid': { type: 'string' },
    },
  });
  const uri = process.env['NEO4J_URI'];
  if (!uri) throw new Error('NEO4J_URI is required');
  const repeat = Number(values.repeat);
  const serverPid = values['server-pid'] ? Number(values['server-pid']) : null;
  if (!values['no-load']) {
    const driver = openDriver({ uri, user: 'neo4j', password: '' });
    await clearDatabase(driver).finally(() => driver.close());
  }
  const store = await Neo4jStore.open({ uri, user: 'neo4j', password: '' });
  if (!values['no-load']) await load(store, values.size as EstateSize);
  countStatements();
  countBoltWrites(Number(new URL(uri).port || 7687));
  const server = await createServer(benchServerConfig(DEFAULT_LIMITS), store);
  const { url } = await server.listen();
  const send = async (query: string) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = await response.text();
    if (response.status !== 200 || body.includes('"errors"')) throw new Error(`${response.status}: ${body.slice(0, 300)}`);
  };
  try {
    // Warm: plans cached on the server, the API's remembered answers computed, the JIT settled.
    for (let i = 0; i < 3; i++) for (const op of LOAD_OPERATIONS) await send(op.query);
    const rows: string[] = ['| operation | statements | Bolt writes | server ms | Neo4j CPU ms | API CPU ms |', '|---|---:|---:|---:|---:|---:|'];
    const total = { statements: 0, writes: 0, serverMs: 0, neo4jCpu: 0, apiCpu: 0 };
    for (const op of LOAD_OPERATIONS) {
      Object.assign(tally, { statements: 0, writes: 0, serverMs: 0 });
      const cpu0 = process.cpuUsage();
      const server0 = serverPid === null ? 0 : processCpuMs(serverPid);
      for (let i = 0; i < repeat; i++) await send(op.query);
      const cpu = process.cpuUsage(cpu0);
      const per = {
        statements: tally.statements / repeat,
        writes: tally.writes / repeat,
        serverMs: tally.serverMs / repeat,
        neo4jCpu: serverPid === null ? NaN : (processCpuMs(serverPid) - server0) / repeat,
        apiCpu: (cpu.user + cpu.system) / 1000 / repeat,
      };
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += per[key];
      rows.push(`| ${op.name} | ${per.statements.toFixed(1)} | ${per.writes.toFixed(1)} | ${per.serverMs.toFixed(1)} | ${per.neo4jCpu.toFixed(1)} | ${per.apiCpu.toFixed(1)} |`);
    }
    rows.push(`| **one of each** | ${total.statements.toFixed(1)} | ${total.writes.toFixed(1)} | ${total.serverMs.toFixed(1)} | ${total.neo4jCpu.toFixed(1)} | ${total.apiCpu.toFixed(1)} |`);
    console.log(rows.join('\n'));
  } finally {
    await server.close();
    await store.close();
  }
}

await main();
