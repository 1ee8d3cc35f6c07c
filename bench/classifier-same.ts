/**
 * Do two classifier trees report the same findings? A speed change to the scanner must not move a single finding, so
 * this classifies the same messages with both (masked samples kept, so spans count too) and lists the differences:
 *  - the evaluation corpus as given (URLs, headers, parsed and text bodies);
 *  - the benchmark mix of JSON bodies;
 *  - prose bodies: the corpus's string values joined by varied separators into plain-text bodies, so every detector
 *    also reads its values at arbitrary offsets inside long text, next to other types' values.
 * The baseline is an exported copy of an older `src/` beside a package.json (see bench/classifier-compare.ts):
 *
 *   node --import tsx bench/classifier-same.ts --baseline /tmp/base [--mb 4]
 *
 * Exits 1 when any message differs.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ApiMessage, Classifier } from '../src/classify/index.js';
import { createClassifier } from '../src/classify/index.js';
import type { Corpus } from '../tools/classifier/evaluate.js';
import { SeededRandom } from '../src/util/random.js';
import { generateMix } from './classifier.js';
import { ROOT } from './lib/child.js';

type Classify = Pick<Classifier, 'classifyMessage'>;

function stringsOf(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringsOf(item, out);
}

const SEPARATORS = [' ', ', ', '\n', ' and ', '; ', '=', ': ', '/', '"', '(', ') ', ' phone ', ' card ', ' ssn: '];

/** Plain-text bodies of about 2 KB, each a shuffle of the corpus's values with separators between them. */
function proseBodies(corpus: Corpus, seed: number): string[] {
  const values: string[] = [];
  for (const m of corpus.messages) {
    stringsOf(m.requestBody, values);
    stringsOf(m.responseBody, values);
    stringsOf(m.requestHeaders, values);
    values.push(m.url);
  }
  const random = new SeededRandom(seed);
  const bodies: string[] = [];
  for (let start = 0; start < values.length;) {
    let body = 'text ';
    while (body.length < 2000 && start < values.length) {
      const value = values[random.int(values.length)] ?? '';
      body += value + (SEPARATORS[random.int(SEPARATORS.length)] ?? ' ');
      start++;
    }
    bodies.push(body);
  }
  return bodies;
}

function messagesOf(corpus: Corpus, megabytes: number): [string, ApiMessage][] {
  const out: [string, ApiMessage][] = [];
  for (const m of corpus.messages) out.push([`corpus ${m.id}`, m]);
  generateMix(megabytes).bodies.forEach((body, i) => out.push([`mix ${i}`, { responseBody: body }]));
  proseBodies(corpus, 7).forEach((body, i) =>
    out.push([`prose ${i}`, { responseBody: body, responseHeaders: { 'content-type': 'text/plain' } }]),
  );
  return out;
}

function render(classifier: Classify, message: ApiMessage): string {
  const findings = classifier.classifyMessage(message, { keepMaskedSample: true });
  return findings
    .map((f) => JSON.stringify(f))
    .sort()
    .join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { baseline: { type: 'string' }, mb: { type: 'string' } } });
  if (values.baseline === undefined) throw new Error('--baseline <directory holding src/classify> is required');
  const module = (await import(pathToFileURL(join(values.baseline, 'src/classify/index.ts')).href)) as {
    createClassifier: () => Classify;
  };
  const corpus = JSON.parse(await readFile(resolve(ROOT, 'test/fixtures/classifier/corpus.json'), 'utf8')) as Corpus;
  const baseline = module.createClassifier();
  const current = createClassifier();
  const messages = messagesOf(corpus, Number(values.mb ?? '4'));
  let differing = 0;
  let findings = 0;
  for (const [name, message] of messages) {
    const before = render(baseline, message);
    const after = render(current, message);
    findings += after.length === 0 ? 0 : after.split('\n').length;
    if (before === after) continue;
    if (++differing <= 10) process.stdout.write(`${name}\n  baseline: ${before}\n  current:  ${after}\n`);
  }
  process.stdout.write(`${messages.length} messages, ${findings} findings, ${differing} differ\n`);
  if (differing > 0) process.exitCode = 1;
}

await main();
