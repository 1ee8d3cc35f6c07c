import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  TEMPLATE_NAME,
  getTemplate,
  listTemplates,
  loadTemplates,
  parseQueryText,
  parseTemplate,
  templatesDir,
} from '../../src/explorer/index.js';
import { NotFoundError, ValidationError } from '../../src/util/errors.js';

const DEFENDER = 'Unauthenticated API endpoints containing sensitive data are outside the virtual network';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('explorer templates', () => {
  it('validates every template file in queries/templates', async () => {
    const files = (await readdir(templatesDir())).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const path = join(templatesDir(), file);
      const template = parseTemplate(parseQueryText(await readFile(path, 'utf8'), path), path, basename(file, '.yaml'));
      expect(template.name).toMatch(TEMPLATE_NAME);
      expect(template.title.length).toBeGreaterThan(10);
      expect(template.description.length).toBeGreaterThan(20);
    }
  });

  it("lists the templates by name, with Defender's and ours", () => {
    const names = listTemplates().map((t) => t.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(listTemplates().find((t) => t.title === DEFENDER)?.name).toBe(
      'unauthenticated-sensitive-endpoints-outside-vnet',
    );
    expect(getTemplate('api-endpoints-routing-to-vms').title).toBe('API endpoints routing traffic to VMs');
    for (const name of [
      'internet-exposed-apis-routing-to-vms',
      'dormant-apis-with-data-access',
      'gateway-bypass-backends',
      'unencrypted-apis-with-sensitive-data',
      'anonymous-functions',
      'logic-app-triggers-open-to-any-caller',
      'data-stores-with-public-data-access',
      'identities-with-write-access-to-api-data',
      'key-vaults-reachable-from-internet-exposed-endpoints',
      'backends-outside-the-estate',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('fails on an unknown name with NotFoundError listing the names', () => {
    expect(() => getTemplate('no-such-template')).toThrow(NotFoundError);
    expect(() => getTemplate('no-such-template')).toThrow(/templates: anonymous-functions, /);
  });

  it('rejects a template whose query does not fit the model, naming the file and the part', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apiposture-templates-'));
    dirs.push(dir);
    await writeFile(
      join(dir, 'broken.yaml'),
      'name: broken\ntitle: Broken template\ndescription: A template with a bad edge\nquery:\n  kind: ApiEndpoint\n  connections:\n    - edge: OWNS\n      direction: out\n      to: {}\n',
    );
    expect(() => loadTemplates(dir)).toThrow(
      `${join(dir, 'broken.yaml')}: /query/connections/0/edge: unknown edge kind "OWNS"`,
    );
  });

  it('requires kebab-case names that match the file name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apiposture-templates-'));
    dirs.push(dir);
    await writeFile(
      join(dir, 'mine.yaml'),
      'name: Mine_Template\ntitle: Mine\ndescription: Mine\nquery: { kind: Api }\n',
    );
    expect(() => loadTemplates(dir)).toThrow(ValidationError);
    expect(() => loadTemplates(dir)).toThrow(/not kebab-case/);
    await writeFile(join(dir, 'mine.yaml'), 'name: other\ntitle: Mine\ndescription: Mine\nquery: { kind: Api }\n');
    expect(() => loadTemplates(dir)).toThrow(/differs from its file name "mine"/);
  });
});
