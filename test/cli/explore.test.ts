import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

const FIXTURE = 'test/fixtures/skeleton';
const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
const OPS = `/subscriptions/${SUB}/resourcegroups/rg-apim-prod/providers/microsoft.apimanagement/service/apim-contoso-prod/apis/orders-api/operations`;

function capture() {
  const text = { value: '' };
  const stream = { isTTY: false, write: (s: string) => ((text.value += s), true) } as unknown as NodeJS.WriteStream;
  return { stream, text };
}

/** Runs `apiposture …` in process against a memory store in `dir`. */
async function cli(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  let code = 0;
  const program = buildProgram({ stdout: stdout.stream, stderr: stderr.stream, env: {} }, (c) => (code = c));
  await program.parseAsync(['node', 'apiposture', ...args, '--data-dir', dir]);
  return { code, stdout: stdout.text.value, stderr: stderr.text.value };
}

interface ExploreJson {
  template?: string;
  rows: { id: string; kind: string; name: string; insights: string[] }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

describe('apiposture explore', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apiposture-explore-'));
    const scan = await cli(dir, 'scan', FIXTURE, '-q');
    expect(scan.code, scan.stderr).toBe(0);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a template and prints stable JSON with the template name, rows and page info', async () => {
    const result = await cli(dir, 'explore', '--template', 'anonymous-internet-exposed-endpoints', '--format', 'json');
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as ExploreJson;
    expect(output.template).toBe('anonymous-internet-exposed-endpoints');
    expect(output.rows.map((r) => [r.id, r.kind, r.name])).toEqual([
      [`${OPS}/create-order`, 'ApiEndpoint', 'create-order'],
      [`${OPS}/get-order`, 'ApiEndpoint', 'get-order'],
    ]);
    expect(output.rows[0]).toMatchObject({
      subscriptionId: SUB,
      resourceGroup: 'rg-apim-prod',
      insights: expect.arrayContaining(['AllowsAnonymousAccess', 'InternetExposed']) as unknown,
    });
    expect(output.pageInfo).toEqual({ endCursor: expect.any(String) as unknown, hasNextPage: false });
  });

  it('pages with --first and --after', async () => {
    const first = JSON.parse(
      (
        await cli(
          dir,
          'explore',
          '--template',
          'anonymous-internet-exposed-endpoints',
          '--format',
          'json',
          '--first',
          '1',
        )
      ).stdout,
    ) as ExploreJson;
    expect(first.rows.map((r) => r.id)).toEqual([`${OPS}/create-order`]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = JSON.parse(
      (
        await cli(
          dir,
          'explore',
          '--template',
          'anonymous-internet-exposed-endpoints',
          '--format',
          'json',
          '--first',
          '1',
          '--after',
          first.pageInfo.endCursor!,
        )
      ).stdout,
    ) as ExploreJson;
    expect(second.rows.map((r) => r.id)).toEqual([`${OPS}/get-order`]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('runs a query file (YAML) and prints a table', async () => {
    const file = join(dir, 'posts.yaml');
    await writeFile(file, 'kind: ApiEndpoint\nwhere:\n  property: method\n  op: eq\n  value: POST\n');
    const result = await cli(dir, 'explore', '--query', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^kind +name +insights +id/);
    expect(result.stdout).toContain(`${OPS}/create-order`);
    expect(result.stdout).not.toContain('get-order');
    expect(result.stdout).toContain('1 row(s)');
  });

  it('fails with exit code 5 and the list of names on an unknown template', async () => {
    const result = await cli(dir, 'explore', '--template', 'no-such-template');
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(
      /no explorer template named "no-such-template"; templates: .*api-endpoints-routing-to-vms/,
    );
  });

  it('fails with exit code 2 on an invalid query file, naming the file and the part', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        kind: 'ApiEndpoint',
        connections: [{ edge: 'ROUTES_TO', direction: 'out', maxHops: 12, to: {} }],
      }),
    );
    const result = await cli(dir, 'explore', '--query', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: /connections/0/maxHops: must be an integer from 1 to 8, not 12`);
  });

  it('needs exactly one of --template and --query', async () => {
    expect((await cli(dir, 'explore')).code).toBe(2);
    expect((await cli(dir, 'explore', '--template', 'anonymous-functions', '--query', 'x.yaml')).code).toBe(2);
  });
});
