import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../support/cli.js';

const run = (args: string[]) => runInProcess(args);

const SUB = '/subscriptions/5e7a1c3d-2b4f-4d6e-8a9c-0b1d2e3f4a5b/resourcegroups/rg-app-prod';
// A system-assigned identity (the node sits under its owner's id) and a renamed Logic App Request trigger.
const IDENTITY = `${SUB}/providers/microsoft.web/sites/fn-orders-prod/identities/system`;
const TRIGGER = `${SUB}/providers/microsoft.logic/workflows/la-refund-approvals/triggers/when_a_refund_is_requested`;
const IDENTITY_NAME = 'fn-orders-prod (system-assigned)';
const TRIGGER_NAME = 'la-refund-approvals/When_a_refund_is_requested';
/** The portal's casing of the identity's owner path: ARM ids are case-insensitive. */
const PORTAL_IDENTITY = IDENTITY.replace('/resourcegroups/', '/resourceGroups/').replace('/microsoft.web/', '/Microsoft.Web/');

interface Step {
  id: string;
  kind: string;
  name: string;
}
interface PathJson {
  id: string;
  steps: Step[];
  entry: Step;
  target: Step;
}

describe('one display name per asset, and asset ids in any casing', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDir('names');
    expect((await run(['scan', 'examples/contoso', '--data-dir', dataDir, '-q'])).code).toBe(0);
  });

  it('names a system-assigned identity after its owner in path steps (paths --format json)', async () => {
    const { paths } = JSON.parse((await run(['paths', '--format', 'json', '--data-dir', dataDir])).stdout) as { paths: PathJson[] };
    const steps = paths.flatMap((p) => p.steps).filter((s) => s.id === IDENTITY);
    expect(steps.length).toBeGreaterThan(0);
    expect(new Set(steps.map((s) => s.name))).toEqual(new Set([IDENTITY_NAME]));
  });

  it('names a Logic App trigger <workflow>/<trigger> in the inventory (json and csv) and explorer rows', async () => {
    const { endpoints } = JSON.parse((await run(['inventory', '--format', 'json', '--data-dir', dataDir])).stdout) as { endpoints: { id: string; name: string }[] };
    expect(endpoints.find((e) => e.id === TRIGGER)?.name).toBe(TRIGGER_NAME);
    const csv = (await run(['inventory', '--format', 'csv', '--data-dir', dataDir])).stdout.split('\r\n');
    expect(csv.find((line) => line.startsWith(`${TRIGGER},`))).toContain(`,${TRIGGER_NAME},`);
    const explored = JSON.parse(
      (await run(['explore', '--template', 'logic-app-triggers-open-to-any-caller', '--format', 'json', '--first', '100', '--data-dir', dataDir])).stdout,
    ) as { rows: { id: string; name: string }[] };
    expect(explored.rows.length).toBeGreaterThan(0);
    for (const row of explored.rows) expect(row.name).toMatch(/^[^/]+\/[^/]+$/);
  });

  it('carries the same names into the Markdown and HTML reports', async () => {
    const md = (await run(['paths', '--format', 'md', '--data-dir', dataDir])).stdout;
    expect(md).toContain(IDENTITY_NAME);
    const html = (await run(['paths', '--format', 'html', '--data-dir', dataDir])).stdout;
    expect(html).toContain(IDENTITY_NAME);
  });

  it('paths --asset keeps the paths through an asset, found by its id in any casing', async () => {
    const all = JSON.parse((await run(['paths', '--format', 'json', '--data-dir', dataDir])).stdout) as { paths: PathJson[] };
    const through = all.paths.filter((p) => p.steps.some((s) => s.id === IDENTITY)).map((p) => p.id);
    expect(through.length).toBeGreaterThan(0);
    expect(through.length).toBeLessThan(all.paths.length);
    for (const id of [IDENTITY, PORTAL_IDENTITY, `${PORTAL_IDENTITY}/`]) {
      const result = await run(['paths', '--asset', id, '--format', 'json', '--data-dir', dataDir]);
      expect(result.code, result.stderr).toBe(0);
      expect((JSON.parse(result.stdout) as { paths: PathJson[] }).paths.map((p) => p.id)).toEqual(through);
    }
    const grouped = await run(['paths', '--asset', PORTAL_IDENTITY, '--group-by', 'target', '--format', 'json', '--data-dir', dataDir]);
    expect(grouped.code, grouped.stderr).toBe(0);
    const table = await run(['paths', '--asset', PORTAL_IDENTITY, '--data-dir', dataDir]);
    expect(table.stdout).toContain(IDENTITY_NAME);
  });

  it('paths --asset with an id the store does not hold is not found (exit 5)', async () => {
    const missing = await run(['paths', '--asset', `${SUB}/providers/Microsoft.Web/sites/nowhere`, '--data-dir', dataDir]);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain('no asset with id');
  });
});
