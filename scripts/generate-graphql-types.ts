// `npm run codegen`: writes the resolver types generated from the SDL (see graphql-types.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateResolverTypes, RESOLVER_TYPES_FILE, ROOT } from './graphql-types.js';

const target = join(ROOT, RESOLVER_TYPES_FILE);
await mkdir(dirname(target), { recursive: true });
await writeFile(target, await generateResolverTypes());
console.log(`wrote ${RESOLVER_TYPES_FILE}`);
