import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/setup/slow-first-sequencer.js';

/** Every test file under `dir`, as a path relative to the repository. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'neo4j-server' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

// The files that reach the shared Neo4j server: they read its address with `inject` (directly or through
// test/support/neo4j.ts). Found by reading the files, so a new Neo4j test joins them without a list to keep.
const NEO4J_USE = /\binject\(|support\/neo4j\.js/;
const neo4jFiles = testFiles('test').filter((file) => NEO4J_USE.test(readFileSync(file, 'utf8')));

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Most tests wait on child processes, sockets, Chromium or Neo4j rather than compute, so three workers keep
    // two cores busy. The Neo4j files are held to one process below, whatever this says.
    maxWorkers: 3,
    minWorkers: 1,
    reporters: ['default'],
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: neo4jFiles,
        },
      },
      {
        extends: true,
        test: {
          name: 'neo4j',
          include: neo4jFiles,
          // The Neo4j server is booted only when a file of this project runs.
          globalSetup: ['test/setup/neo4j-global-setup.ts'],
          // Each file starts on an empty database (the suite's own server only), whatever ran before it.
          setupFiles: ['test/setup/neo4j-empty-database.ts'],
          // These files share one database, and an analysis replaces the current one for every reader: one file
          // at a time, in one worker. A pool of their own (threads, where the unit files use forks) lets them run
          // beside the unit files: Vitest runs different pools at once, but a forks pool's single-fork files only
          // after its parallel ones, which left a core idle through the whole Neo4j half of the run.
          pool: 'threads',
          poolOptions: { threads: { singleThread: true } },
        },
      },
    ],
  },
});
