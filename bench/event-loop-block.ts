/**
 * The longest event-loop block while explorer templates run on the memory store (`first: 50`, as the web page and
 * GraphQL ask), measured with perf_hooks.monitorEventLoopDelay. Usage:
 *   node --import tsx bench/event-loop-block.ts ESTATE_DIR [SOURCE_ROOT]
 * SOURCE_ROOT (default: this checkout) lets the same measurement run over another revision's src/.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { resolve } from 'node:path';

const [estate, root = resolve(import.meta.dirname, '..')] = process.argv.slice(2);
if (!estate) throw new Error('usage: event-loop-block.ts ESTATE_DIR [SOURCE_ROOT]');
const from = (path: string) => import(resolve(root, path));

const { MemoryStore } = await from('src/store/index.ts');
const { ingestFiles } = await from('src/ingest/index.ts');
const { analyze } = await from('src/analysis/analyze.ts');
const { listTemplates } = await from('src/explorer/index.ts');

const run = (n: number) => ({ runId: `bench-${n}`, startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString() });
const store = await MemoryStore.open();
await ingestFiles(store, [estate], { source: 'azure-export', run: run(1) });
await analyze(store, run(2));

const ROUNDS = 5;
let worst = { template: '', ms: 0 };
for (const { name, query } of listTemplates() as { name: string; query: unknown }[]) {
  await store.explore(query, { first: 50 }); // warm-up
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // The histogram's timer needs a turn of the loop to start sampling; a block before that would go unseen.
  await new Promise((r) => setTimeout(r, 5));
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) await store.explore(query, { first: 50 });
  const elapsed = (performance.now() - started) / ROUNDS;
  await new Promise((r) => setTimeout(r, 5));
  histogram.disable();
  const ms = histogram.max / 1e6;
  console.log(`${name}\t${elapsed.toFixed(1)} ms per query\tlongest block ${ms.toFixed(1)} ms`);
  if (ms > worst.ms) worst = { template: name, ms };
}
console.log(`worst\t${worst.template}\t${worst.ms.toFixed(1)} ms`);
await store.close();
