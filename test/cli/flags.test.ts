import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../support/cli.js';

const run = (args: string[]) => runInProcess(args);

describe('one vocabulary of flags', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDir('flags');
    expect((await run(['scan', 'examples/contoso', '--data-dir', dataDir, '-q'])).code).toBe(0);
  });

  it('takes enum values in any case, and the older `text` for `table`', async () => {
    const upper = await run(['paths', '--min-risk', 'CRITICAL', '--format', 'JSON', '--data-dir', dataDir]);
    expect(upper.code).toBe(0);
    const { paths } = JSON.parse(upper.stdout) as { paths: { riskLevel: string }[] };
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.riskLevel === 'critical')).toBe(true);
    const goals = await run(['goals', '--format', 'text', '--data-dir', dataDir]);
    expect(goals.stdout).toMatch(/^Posture goals from /);
  });

  it('writes every result command to --out, and inventory as csv with full ids', async () => {
    const dir = await tempDir('flags-out');
    for (const [command, file] of [
      ['inventory', 'inventory.csv'],
      ['findings', 'findings.json'],
      ['goals', 'goals.json'],
      ['report', 'report.md'],
    ] as const) {
      const format = file.split('.').at(-1)!;
      const result = await run([command, '--format', format, '--out', join(dir, file), '--data-dir', dataDir]);
      expect(result.stdout, command).toBe('');
      expect(result.stderr, command).toContain(`wrote ${join(dir, file)}`);
    }
    const csv = (await readFile(join(dir, 'inventory.csv'), 'utf8')).split('\r\n');
    expect(csv[0]).toBe('id,name,method,url,source,subscriptionId,insights,sensitiveInfoTypes,lastCalled');
    expect(csv[1]).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourcegroups\//);
  });

  it('prints the Markdown report to stdout without --out, with nested headings and GFM tables, nothing fenced or cut', async () => {
    const { code, stdout } = await run(['report', '--data-dir', dataDir]);
    expect(code).toBe(0);
    const headings = stdout.split('\n').filter((l) => l.startsWith('#'));
    expect(headings[0]).toBe('# API security posture report');
    expect(headings.filter((h) => /^# /.test(h))).toHaveLength(1);
    expect(headings).toEqual(expect.arrayContaining(['## Attack paths', '### Paths', '## Remediation plan', '## Choke points', '## Findings', '## Posture goals']));
    expect(headings.some((h) => /^#### 1\. /.test(h))).toBe(true);
    expect(stdout).not.toContain('```');
    expect(stdout).not.toContain('…');
    expect(stdout).toMatch(/^\| severity \| recommendation \| asset \| insight \|$/m);
  });

  it('explore --list names every template with its title and description', async () => {
    const { code, stdout } = await run(['explore', '--list', '--format', 'json']);
    expect(code).toBe(0);
    const { templates } = JSON.parse(stdout) as { templates: { name: string; title: string; description: string }[] };
    expect(templates.map((t) => t.name)).toContain('anonymous-internet-exposed-endpoints');
    for (const t of templates) expect(t.title.length * t.description.length).toBeGreaterThan(0);
  });

  it('keys create, list (never a hash) and revoke', async () => {
    const file = join(await tempDir('flags-keys'), 'keys.json');
    const created = await run(['keys', 'create', '--role', 'READER', '--label', 'ci', '--keys-file', file]);
    expect(created.code).toBe(0);
    const id = /API key (\w+) \(reader\)/.exec(created.stderr)![1]!;
    const listed = await run(['keys', 'list', '--format', 'json', '--keys-file', file]);
    expect(JSON.parse(listed.stdout)).toEqual({ keys: [expect.objectContaining({ id, role: 'reader', label: 'ci' })] });
    expect(listed.stdout).not.toContain('sha256');
    expect((await run(['keys', 'revoke', id, '--keys-file', file])).code).toBe(0);
    expect(JSON.parse((await run(['keys', 'list', '--format', 'json', '--keys-file', file])).stdout)).toEqual({ keys: [] });
  });

  it('raises or lowers the path cap with --max-paths or the risk model file, and says so when it bites', async () => {
    const capped = await tempDir('flags-cap');
    const scan = await run(['scan', 'examples/contoso', '--data-dir', capped, '-q', '--max-paths', '3']);
    expect(scan.stdout).toMatch(/the overall path limit was reached: raise --max-paths/);
    const { paths } = JSON.parse((await run(['paths', '--format', 'json', '--data-dir', capped])).stdout) as { paths: unknown[] };
    expect(paths).toHaveLength(3);
    const model = join(capped, 'risk.yaml');
    await writeFile(model, 'maxPaths: 2\nlevels: { critical: 7 }\n');
    expect((await run(['analyze', '--data-dir', capped, '--risk-model', model])).code).toBe(0);
    expect((JSON.parse((await run(['paths', '--format', 'json', '--data-dir', capped])).stdout) as { paths: unknown[] }).paths).toHaveLength(2);
    await writeFile(model, 'maxPaths: 0\n');
    const bad = await run(['analyze', '--data-dir', capped, '--risk-model', model]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('risk.yaml:1:11: maxPaths: must be a whole number ≥ 1');
  });
});
