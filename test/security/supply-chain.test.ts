/**
 * The supply-chain check (scripts/audit.mjs): the lockfile pins every package, and `npm audit --omit=dev` either
 * finds no high or critical advisory or says plainly that it could not run. This network's registry answers the
 * audit endpoint with 405, so here the audit itself is verified on a saved report in npm's format.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function audit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/audit.mjs', ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const HIGH = 'test/fixtures/audit/npm-audit-high.json';

describe('supply chain', () => {
  it('finds every installed package pinned by version and integrity hash, and every override held', async () => {
    const result = await audit(['--lockfile-only']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/lockfile pins \d{3,} packages with integrity hashes; \d+ overrides hold/);
  });

  it('passes only on a clean audit; an unreachable audit endpoint is reported as such, never as a pass', async () => {
    const result = await audit([]);
    if (result.code === 3) expect(result.stderr).toMatch(/^audit endpoint unavailable: /m);
    else expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  }, 120_000);

  it('fails on a high advisory, naming the package and the advisory', async () => {
    const result = await audit([], { APIPOSTURE_AUDIT_REPORT: HIGH });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'high example-parser <2.0.1: Prototype pollution in example-parser (https://github.com/advisories/GHSA-xxxx-yyyy-zzzz)',
    );
    expect(result.stderr).not.toContain('example-low');
  });

  it('accepts a high advisory documented as not reachable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apiposture-audit-'));
    const exceptions = join(dir, 'exceptions.json');
    const entry = {
      package: 'example-parser',
      advisory: 'https://github.com/advisories/GHSA-xxxx-yyyy-zzzz',
      reason: 'only parses our own files',
    };
    await writeFile(exceptions, JSON.stringify({ exceptions: [entry] }));
    const result = await audit(['--exceptions', exceptions], { APIPOSTURE_AUDIT_REPORT: HIGH });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('documented as not reachable: high example-parser');
  });
});
