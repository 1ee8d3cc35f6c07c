import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/neo4j-global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Neo4j-backed suites share one database and analysis replacement is global: one file at a time.
    fileParallelism: false,
    reporters: ['default'],
  },
});
