import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateResolverTypes, RESOLVER_TYPES_FILE, ROOT, SCHEMA_FILE } from '../../scripts/graphql-types.js';

describe('resolver types generated from the SDL', () => {
  it(`${RESOLVER_TYPES_FILE} is up to date with ${SCHEMA_FILE} (run \`npm run codegen\` after changing the SDL)`, async () => {
    const generated = await generateResolverTypes();
    expect(generated).toContain('export type Resolvers<ContextType = ApiContext>');
    expect(await readFile(join(ROOT, RESOLVER_TYPES_FILE), 'utf8')).toBe(generated);
  });
});
