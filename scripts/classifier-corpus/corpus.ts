import type { Corpus, CorpusMessage } from '../../tools/classifier/evaluate.js';
import { build } from './build.js';
import { ORDERS, SHOP } from './endpoints-commerce.js';
import { IDENTITY } from './endpoints-identity.js';
import { PEOPLE } from './endpoints-people.js';
import { OPS } from './endpoints-ops.js';
import { GATEWAY, PLATFORM } from './endpoints-platform.js';
import { PAYMENTS } from './endpoints-payments.js';
import { SERVICE } from './endpoints-service.js';
import { VARIANTS } from './endpoints-variants.js';
import { FORMATS } from './endpoints-formats.js';
import { NATIONAL } from './endpoints-national.js';
import { TEXT_FORMS } from './endpoints-text-forms.js';
import type { EndpointSpec } from './endpoint.js';
import { Rng } from './rng.js';

export const CORPUS_SEED = 20240514;
export const ENDPOINTS: readonly EndpointSpec[] = [
  ...ORDERS,
  ...PAYMENTS,
  ...SHOP,
  ...IDENTITY,
  ...PLATFORM,
  ...SERVICE,
  ...GATEWAY,
  ...PEOPLE,
  ...OPS,
  ...VARIANTS,
  ...NATIONAL,
  ...FORMATS,
  ...TEXT_FORMS,
];

/** Every endpoint sampled its number of times, in a fixed order, from one seeded generator. */
export function generateCorpus(seed: number = CORPUS_SEED, rounds = 1): Corpus {
  const r = new Rng(seed);
  const messages: CorpusMessage[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const endpoint of ENDPOINTS) {
      for (let i = 0; i < endpoint.samples; i++) {
        messages.push(build(`m${String(messages.length + 1).padStart(5, '0')}`, endpoint.id, endpoint.make(r)));
      }
    }
  }
  return { generator: 'scripts/generate-classifier-corpus.ts', seed, messages };
}

/** One message per line: small enough to commit, and a regenerated corpus diffs message by message. */
export function serializeCorpus(corpus: Corpus): string {
  const messages = corpus.messages.map((m) => JSON.stringify(m)).join(',\n');
  return `{"generator":${JSON.stringify(corpus.generator)},"seed":${corpus.seed},"messages":[\n${messages}\n]}\n`;
}
