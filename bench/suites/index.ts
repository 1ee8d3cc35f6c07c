import type { BenchSuite } from '../lib/types.js';
import { logsSuite } from '../logs.js';
import { pathsSuite } from '../paths.js';
import { ingestSuite } from './ingest.js';

/** Every suite `npm run bench -- --suite <name>` can run; later ones (analysis, classifier, GraphQL latency) register here. */
export const SUITES: Readonly<Record<string, BenchSuite>> = {
  [ingestSuite.name]: ingestSuite,
  [logsSuite.name]: logsSuite,
  [pathsSuite.name]: pathsSuite,
};
