import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../support/cli.js';

/**
 * What an analyst sees at a fixed terminal width, for demo, scan, paths and diff. The snapshots follow the
 * Contoso example estate: after a change to examples/contoso, review and regenerate them with `vitest -u`. The
 * structural checks below (widths, columns, the chain format) hold whatever the estate holds.
 */
const WIDTH = 100;
const CHAIN = /^ {4,}(internet( → [^→]+)+|→ [^→]+( → [^→]+)*)$/;

async function run(args: string[], dataDir: string): Promise<{ code: number; stdout: string }> {
  const { code, stdout } = await runInProcess(args, { COLUMNS: String(WIDTH) });
  return { code, stdout: stdout.replaceAll(dataDir, '<data-dir>') };
}

describe(`the CLI at ${WIDTH} columns on the Contoso example estate`, () => {
  let dataDir: string;
  let scan: string;
  beforeAll(async () => {
    dataDir = await tempDir('snap');
    const result = await run(['scan', 'examples/contoso', '--data-dir', dataDir, '-q'], dataDir);
    expect(result.code).toBe(0);
    scan = result.stdout;
  });

  it('scan ends with the top paths as whole chains, the first fixes with their share of the risk, and what to run next', () => {
    const answers = scan.slice(scan.indexOf('Top attack paths'));
    expect(answers).toMatch(/^Top attack paths \(of \d+\):\n/);
    const ranks = [...answers.matchAll(/^ {2}(\d+)\. (CRITICAL|HIGH|MEDIUM|LOW) \d+\.\d\d {2}path:[0-9a-f]{16}$/gm)];
    expect(ranks).toHaveLength(5);
    // Five distinct chains, each from the internet, with the endpoint spelled out gateway/api/operation.
    const blocks = answers.slice(0, answers.indexOf('\n\n', 1)).split(/\n {2}\d+\. /).slice(1);
    const chains = blocks.map((b) => b.split('\n').slice(2));
    for (const chain of chains) for (const line of chain) expect(line, line).toMatch(CHAIN);
    expect(new Set(chains.map((c) => c.join(' '))).size).toBe(5);
    expect(answers).toMatch(/internet → [^\n]*apim-contoso-prod\/partner-api\/[a-z-]+ \[anonymous, sensitive: [^\]]+\]/);
    expect([...answers.matchAll(/^ {5}on .+: removes \d+ % of the risk/gm)]).toHaveLength(3);
    expect(answers).toMatch(/Next:\n {2}apiposture paths --group-by fix --data-dir <data-dir>/);
    expect(scan).toMatchSnapshot();
  });

  it('demo shows the same answers on the shipped estate, with no inventory table wider than the terminal', async () => {
    const demo = await run(['demo', '--data-dir', dataDir, '-q'], dataDir);
    expect(demo.code).toBe(0);
    const answers = (text: string) => text.slice(text.indexOf('Top attack paths'));
    expect(answers(demo.stdout)).toBe(answers(scan));
  });

  it('paths: id, rank, risk and factors on one line, the whole chain beneath, nothing wider than the terminal', async () => {
    const { code, stdout } = await run(['paths', '--data-dir', dataDir], dataDir);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID {2,}RANK {2}RISK {2,}FACTORS$/);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(WIDTH);
    for (const line of lines.slice(2)) expect(line, line).toMatch(/^path:[0-9a-f]{16} {2}\d+ +(CRITICAL|HIGH|MEDIUM|LOW) \d+\.\d\d {2,}\S|^ {4}internet → |^ {6}→ /);
    // The paths that read alike as "gateway → store" differ in their endpoint.
    const chains = stdout.split(/\npath:/).slice(1).map((block) => block.split('\n').slice(1).join(' ').replace(/\s+→/g, ' →').trim());
    expect(new Set(chains).size).toBe(chains.length);
    expect(stdout).toMatchSnapshot();
  });

  it('paths --group-by: one row per endpoint, target or fix, with the count of paths', async () => {
    for (const by of ['endpoint', 'target', 'fix']) {
      const { code, stdout } = await run(['paths', '--group-by', by, '--data-dir', dataDir], dataDir);
      expect(code).toBe(0);
      const lines = stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^PATHS {2}TOP RISK {2,}RANKS {2,}${by.toUpperCase()}$`));
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(WIDTH);
      const counts = lines.slice(2, -2).map((l) => Number(l.split(/ +/)[0]));
      expect(lines.at(-1)).toBe(`${counts.reduce((a, b) => a + b, 0)} paths in ${counts.length} groups by ${by}.`);
      expect(stdout).toMatchSnapshot(by);
    }
  });

  it('diff names each new, resolved and changed path and finding in tables', async () => {
    const before = await tempDir('snap-before');
    await cp(dataDir, before, { recursive: true });
    const estate = await tempDir('snap-estate');
    await cp('examples/contoso', estate, { recursive: true });
    await rm(join(estate, 'logs'), { recursive: true });
    const after = await tempDir('snap-after');
    expect((await run(['scan', estate, '--data-dir', after, '-q'], after)).code).toBe(0);
    const diff = await runInProcess(['diff', before, after], { COLUMNS: String(WIDTH) });
    expect(diff.code).toBe(0);
    const text = diff.stdout;
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Attack paths: \d+ new, [1-9]\d* resolved, \d+ changed, \d+ unchanged$/);
    expect(text).toMatch(/^CHANGE {2,}RISK {2,}ID {2,}WHAT CHANGED$/m);
    expect(text).toMatch(/^resolved +(CRITICAL|HIGH|MEDIUM|LOW) [\d.]+ +path:[0-9a-f]{16}\n {4}Internet.*\n {4}internet → /m);
    expect(text).toMatch(/^CHANGE {2,}SEVERITY {2}ASSET {2,}WHAT CHANGED$/m);
    expect(text).toMatch(/^Findings: \d+ new, \d+ resolved, \d+ changed, \d+ unchanged$/m);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(WIDTH);
    expect(text).toMatchSnapshot();
  });
});
