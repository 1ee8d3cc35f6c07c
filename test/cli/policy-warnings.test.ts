import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES, semanticsRows } from '../analysis/policy/semantics-table.js';
import { runInProcess, tempDir } from '../support/cli.js';

describe('scan with policies that cannot be read or resolved', () => {
  it('counts each warning, names the resource, and goes on with the rest of the estate', async () => {
    const dir = await tempDir('policy-warnings');
    const rows = semanticsRows();
    // A policy whose XML does not parse, beside the table's broken fragment, cycle, missing fragment and named value.
    const broken = rows.find((r) => String(r['id']).endsWith('/operations/op-0/policies/policy'))!;
    broken['properties'] = { format: 'rawxml', value: '<policies><inbound><base /><validate-jwt></inbound></policies>' };
    await writeFile(join(dir, 'estate.json'), JSON.stringify({ value: rows }));
    const data = await tempDir('policy-warnings-data');
    const scan = await runInProcess(['scan', dir, '--data-dir', data]);
    expect(scan.code, scan.stderr).toBe(0);
    const count = /(\d+) warning\(s\): policies, fragments or named values/.exec(scan.stdout);
    expect(count, scan.stdout).not.toBeNull();
    expect(Number(count![1])).toBeGreaterThanOrEqual(5);
    expect(scan.stdout).toMatch(/warning: \/subscriptions\/.*\/operations\/op-0: operation policy could not be read at offset \d+/);
    expect(scan.stdout).toMatch(/policyfragments\/cycle-a: policy fragment cycle/);
    // Nothing else was lost: every operation is in the inventory.
    const inventory = await runInProcess(['inventory', '--format', 'json', '--data-dir', data]);
    expect((JSON.parse(inventory.stdout) as { endpoints: unknown[] }).endpoints).toHaveLength(CASES.length);
  });
});
