import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that boot a private Neo4j or kill processes they start at chosen moments: each runs for minutes of
 * real boots, scans and restarts, far longer than any other parallel file. Found by reading the files, as the
 * neo4j project's are.
 */
const SLOW = /support\/private-neo4j\.js|'SIG(?:INT|KILL)'/;

/** A suite module beside the file that holds its tests (`./explorer-suite.js`). */
const SUITE_IMPORT = /from '\.\/([\w-]+-suite)\.js'/g;

/** The file's size in bytes with the suites it runs: a file of one line that runs a long suite is a long file. */
function sizeWithSuites(path: string): number {
  let size = statSync(path).size;
  for (const match of readFileSync(path, 'utf8').matchAll(SUITE_IMPORT)) size += statSync(join(dirname(path), `${match[1]}.ts`)).size;
  return size;
}

/** Files run one at a time in one worker: they share the Neo4j server's database. */
const oneAtATime = (file: TestSpecification) => file.project.config.poolOptions?.threads?.singleThread === true;

/**
 * The parallel files in Vitest's order (failed first, then longest by the last run's durations, or largest first
 * when there are none, as on a clean clone), with the slow files moved to the front: started last, one of them
 * alone would outlast every other worker.
 *
 * The files that share the Neo4j server run one after another, so their order does not change the time they take,
 * but it decides what earlier files left in the database. It is therefore fixed, largest first with their suites,
 * whatever a previous run recorded: every run, on a clean clone or not, sees the same leftovers.
 */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const serial = files.filter(oneAtATime);
    const parallel = await super.sort(files.filter((file) => !oneAtATime(file)));
    const slow = parallel.filter((file) => SLOW.test(readFileSync(file.moduleId, 'utf8')));
    const bySize = serial
      .map((file) => ({ file, size: sizeWithSuites(file.moduleId) }))
      .sort((a, b) => b.size - a.size || a.file.moduleId.localeCompare(b.file.moduleId))
      .map(({ file }) => file);
    return [...bySize, ...slow, ...parallel.filter((file) => !slow.includes(file))];
  }
}
