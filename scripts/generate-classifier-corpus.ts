/**
 * Writes the classifier's evaluation corpus, test/fixtures/classifier/corpus.json: sampled API calls from a synthetic
 * estate (orders, payments, identity, HR, platform and Azure management APIs) with every field labelled with the info
 * types it holds, hard negatives named. Deterministic: the same seed gives the same bytes.
 *
 *   node --import tsx scripts/generate-classifier-corpus.ts [--check]
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { generateCorpus, serializeCorpus } from './classifier-corpus/corpus.js';

const OUT = resolve(import.meta.dirname, '../test/fixtures/classifier/corpus.json');

async function main(): Promise<void> {
  const corpus = generateCorpus();
  const json = serializeCorpus(corpus);
  if (process.argv.includes('--check')) {
    const current = await readFile(OUT, 'utf8').catch(() => '');
    if (current !== json) {
      console.error(`${OUT} is out of date: run node --import tsx scripts/generate-classifier-corpus.ts`);
      process.exit(1);
    }
    console.log('corpus is up to date');
    return;
  }
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, json);
  const fields = corpus.messages.reduce((n, m) => n + m.labels.length, 0);
  const positives = corpus.messages.reduce((n, m) => n + m.labels.filter((l) => l.infoTypes.length > 0).length, 0);
  const hard = corpus.messages.reduce((n, m) => n + m.labels.filter((l) => l.hardNegative !== undefined).length, 0);
  console.log(
    `${corpus.messages.length} messages, ${fields} labelled fields (${positives} positive, ${hard} hard negatives) → ${OUT}`,
  );
}

await main();
