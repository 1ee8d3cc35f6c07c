import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that boot a private Neo4j or kill processes they start at chosen moments: each runs for minutes of
 * real boots, scans and restarts, far longer than any other parallel file. Found by reading the files, as the
 * neo4j project's are.
 */
const SLOW = /support\/private-neo4j\.js|'SIG(?:INT|KILL)'/;

/**
 * Vitest's order (failed first, then longest by the last run's durations, or largest first when there are none, as
 * on a clean clone), with the slow files moved to the front: started last, one of them alone would outlast every
 * other worker.
 */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = sorted.filter((file) => SLOW.test(readFileSync(file.moduleId, 'utf8')));
    return [...slow, ...sorted.filter((file) => !slow.includes(file))];
  }
}
