// Child process for the crash test: loads the store in the given data dir, grows the graph, and writes
// snapshots in a loop until it is killed.
import { MemoryStore } from '../../src/store/index.js';
import { validateNode } from '../../src/model/index.js';

const dataDir = process.argv[2]!;
const store = await MemoryStore.open({ dataDir });
const run = { runId: 'crash-run', startedAt: '2026-05-01T00:00:00.000Z' };
const nodes = Array.from({ length: 200_000 }, (_, i) =>
  validateNode({
    id: `/subscriptions/crash/providers/microsoft.web/sites/app-${i}`,
    kind: 'WebApp',
    properties: { name: `app-${i}`, subscriptionId: 'crash', hostNames: [`app-${i}.azurewebsites.net`], tags: { i: String(i) } },
  }),
);
await store.upsertNodes(nodes, run);
process.stdout.write('writing\n');
for (;;) await store.persist();
