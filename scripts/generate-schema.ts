// Writes the files generated from src/model: schema/neo4j/*.cypher and docs/graph-model.md.
// A test (test/model/generated-files.test.ts) fails when the checked-in copies are stale.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from '../src/store/neo4j/generated-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const file of generatedFiles()) {
  const target = join(root, file.path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, file.content);
  console.log(`wrote ${file.path}`);
}
