// Child process for the snapshot fault tests: loads the store in the given data dir, grows the graph, and writes
// snapshots — in a loop until it is killed, or (`once`) a single time, reporting the outcome on stdout as one
// JSON line (`{ "ok": true }` or `{ "ok": false, "code", "message" }`).
import { MemoryStore } from '../../src/store/index.js';
import { validateNode } from '../../src/model/index.js';
import { ApiPostureError } from '../../src/util/errors.js';

const dataDir = process.argv[2]!;
const once = process.argv[3] === 'once';
const store = await MemoryStore.open({ dataDir });
const run = { runId: 'crash-run', startedAt: '2026-05-01T00:00:00.000Z' };
const nodes = Array.from({ length: 200_000 }, (_, i) =>
  validateNode({
    id: `/subscriptions/crash/providers/microsoft.web/sites/app-${i}`,
    kind: 'WebApp',
    properties: {
      name: `app-${i}`,
      subscriptionId: 'crash',
      hostNames: [`app-${i}.azurewebsites.net`],
      tags: { i: String(i) },
    },
  }),
);
await store.upsertNodes(nodes, run);
process.stdout.write('writing\n');
if (once) {
  try {
    await store.persist();
    process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
  } catch (error) {
    const code = error instanceof ApiPostureError ? error.code : 'UNEXPECTED';
    process.stdout.write(`${JSON.stringify({ ok: false, code, message: (error as Error).message })}\n`);
  }
} else {
  for (;;) await store.persist();
}
