import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../support/cli.js';

interface PathJson {
  id: string;
  rank: number;
  name: string;
  riskLevel: string;
  score: number;
  riskFactors: string[];
  steps: { id: string; kind: string; name: string }[];
}

const LEVELS = ['critical', 'high', 'medium', 'low'];

describe('result commands on the scanned example estate', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDir('results');
    const scan = await runInProcess(['scan', 'examples/contoso', '--data-dir', dataDir, '-q']);
    expect(scan.code, scan.stderr).toBe(0);
  });

  it('prints ranked attack paths in the documented JSON shape', async () => {
    const result = await runInProcess(['paths', '--format', 'json', '--data-dir', dataDir]);
    expect(result.code, result.stderr).toBe(0);
    const { paths } = JSON.parse(result.stdout) as { paths: PathJson[] };
    expect(paths.length).toBeGreaterThan(5);
    paths.forEach((path, i) => {
      expect(path.rank).toBe(i + 1);
      expect(path.id).toMatch(/^path:[0-9a-f]{16}$/);
      expect(LEVELS).toContain(path.riskLevel);
      expect(path.riskFactors.every((f) => typeof f === 'string')).toBe(true);
      expect(path.steps[0]).toMatchObject({ id: 'internet', kind: 'Internet' });
      expect(['StorageAccount', 'SqlServer', 'SqlDatabase', 'CosmosDbAccount', 'KeyVault', 'ApiEndpoint']).toContain(path.steps.at(-1)!.kind);
      if (i > 0) expect(path.score).toBeLessThanOrEqual(paths[i - 1]!.score);
    });
    expect(paths.some((p) => p.name === 'Internet exposed APIs that are unauthenticated carry sensitive data')).toBe(true);
  });

  it('filters by --min-risk and writes other formats to --out', async () => {
    const critical = JSON.parse((await runInProcess(['paths', '--format', 'json', '--min-risk', 'critical', '--data-dir', dataDir])).stdout) as { paths: PathJson[] };
    expect(critical.paths.length).toBeGreaterThan(0);
    expect(critical.paths.every((p) => p.riskLevel === 'critical')).toBe(true);
    const out = join(await tempDir('out'), 'paths.csv');
    expect((await runInProcess(['paths', '--format', 'csv', '--out', out, '--data-dir', dataDir])).code).toBe(0);
    expect((await readFile(out, 'utf8')).split('\n')[0]).toMatch(/rank/i);
    const bad = await runInProcess(['paths', '--min-risk', 'severe', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
  });

  it('lists findings with recommendation, severity, asset, insight and evidence', async () => {
    const result = await runInProcess(['findings', '--format', 'json', '--data-dir', dataDir]);
    const { findings } = JSON.parse(result.stdout) as { findings: Record<string, unknown>[] };
    expect(findings.length).toBeGreaterThan(5);
    for (const f of findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['recommendation', 'severity', 'assetId', 'insight', 'evidence']));
    expect(findings.map((f) => f['recommendation'])).toContain('API endpoints in Azure API Management should be authenticated');
  });

  it('puts traffic facts in the inventory: last call and sensitive info types', async () => {
    const { endpoints } = JSON.parse((await runInProcess(['inventory', '--format', 'json', '--data-dir', dataDir])).stdout) as {
      endpoints: { insights: string[]; sensitiveInfoTypes: string[]; lastCalled: string | null }[];
    };
    expect(endpoints.some((e) => e.lastCalled !== null)).toBe(true);
    expect(endpoints.some((e) => e.sensitiveInfoTypes.length > 0 && e.insights.includes('SensitiveData'))).toBe(true);
    expect(endpoints.some((e) => e.insights.includes('Inactive'))).toBe(true);
  });

  it('evaluates posture goals with a CI-friendly exit code', async () => {
    const failing = await runInProcess(['goals', '--data-dir', dataDir]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/FAIL +no-critical-paths/);
    const lenient = join(await tempDir('goals'), 'goals.yaml');
    await writeFile(lenient, 'version: 1\ngoals:\n  - id: fewer-than-1000\n    type: max-attack-paths\n    level: critical\n    max: 1000\n');
    const passing = await runInProcess(['goals', '--policy', lenient, '--data-dir', dataDir]);
    expect(passing.code, passing.stdout + passing.stderr).toBe(0);
    await writeFile(lenient, 'version: 1\ngoals:\n  - id: x\n    type: no-such-goal\n');
    const broken = await runInProcess(['goals', '--policy', lenient, '--data-dir', dataDir]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('goals.yaml');
  });

  it('diffs two scans by stable ids', async () => {
    const before = await tempDir('before');
    await cp(dataDir, before, { recursive: true });
    const estate = await tempDir('estate');
    await cp('examples/contoso', estate, { recursive: true });
    // Without its gateway logs, sensitive-data findings are gone on the next scan.
    await rm(join(estate, 'logs'), { recursive: true });
    const after = await tempDir('after');
    expect((await runInProcess(['scan', estate, '--data-dir', after, '-q'])).code).toBe(0);
    const diff = JSON.parse((await runInProcess(['diff', before, after, '--format', 'json'])).stdout) as {
      paths: { new: unknown[]; resolved: { id: string }[]; unchanged: number };
    };
    expect(diff.paths.resolved.length).toBeGreaterThan(0);
    expect(diff.paths.unchanged).toBeGreaterThan(0);
    const same = JSON.parse((await runInProcess(['diff', before, before, '--format', 'json'])).stdout) as { paths: { new: unknown[]; resolved: unknown[] } };
    expect([same.paths.new.length, same.paths.resolved.length]).toEqual([0, 0]);
  });

  it('writes the full posture report', async () => {
    const out = join(await tempDir('report'), 'report.md');
    const result = await runInProcess(['report', '--out', out, '--data-dir', dataDir]);
    expect(result.code, result.stderr).toBe(0);
    const text = await readFile(out, 'utf8');
    for (const heading of ['## Attack paths', '## Remediation plan', '## Choke points', '## Findings', '## Posture goals']) expect(text).toContain(heading);
  });
});
