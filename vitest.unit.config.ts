import { defineConfig } from 'vitest/config';

/** Unit tests only: no Neo4j server is booted, Neo4j-backed tests skip. `npm test` uses vitest.config.ts. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    provide: { neo4jUri: '', neo4jUser: '', neo4jPassword: '' },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
