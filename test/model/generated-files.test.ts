import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../src/store/neo4j/generated-files.js';

describe('files generated from the model', () => {
  for (const file of generatedFiles()) {
    it(`${file.path} is up to date (run \`npm run generate\` after changing src/model)`, async () => {
      expect(await readFile(file.path, 'utf8')).toBe(file.content);
    });
  }
});
