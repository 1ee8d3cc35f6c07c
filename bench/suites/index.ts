import type { BenchSuite } from '../lib/types.js';
import { classifierSuite } from '../classifier.js';
import { logsSuite } from '../logs.js';
import { pathsSuite } from '../paths.js';
import { explorerSuite } from './explorer.js';
import { graphqlSuite } from './graphql.js';
import { ingestSuite } from './ingest.js';
import { loadSuite } from './load.js';
import { memoryIndexesSuite } from './memory-indexes.js';
import { pathsVsCypherSuite } from './paths-vs-cypher.js';

/** Every suite `npm run bench -- --suite <name>` can run; later ones (analysis, classifier, GraphQL latency) register here. */
export const SUITES: Readonly<Record<string, BenchSuite>> = {
  [ingestSuite.name]: ingestSuite,
  [logsSuite.name]: logsSuite,
  [pathsSuite.name]: pathsSuite,
  [classifierSuite.name]: classifierSuite,
  [explorerSuite.name]: explorerSuite,
  [graphqlSuite.name]: graphqlSuite,
  [pathsVsCypherSuite.name]: pathsVsCypherSuite,
  [loadSuite.name]: loadSuite,
  [memoryIndexesSuite.name]: memoryIndexesSuite,
};
