/**
 * Scores the built-in classifier on test/fixtures/classifier/corpus.json and fails (exit 1) when a target is missed:
 * checksum types (card, IBAN) precision ≥ 0.98 and recall ≥ 0.95; other structured types ≥ 0.90 / 0.90; generic
 * secrets ≥ 0.80 / 0.85; endpoint-level F2 ≥ 0.95.
 *
 *   npm run eval:classifier [-- --json]
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createClassifier } from '../src/classify/index.js';
import { evaluateCorpus, TARGETS, type Corpus, type EvaluationResult, type Scores } from '../tools/classifier/evaluate.js';

const CORPUS = resolve(import.meta.dirname, '../test/fixtures/classifier/corpus.json');

function pct(value: number): string {
  return value.toFixed(3);
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function scoreCells(s: Scores): string[] {
  return [String(s.tp), String(s.fp), String(s.fn), pct(s.precision), pct(s.recall), pct(s.f2)];
}

/** The evaluation as a Markdown table (also what BENCHMARKS.md records). */
export function formatEvaluation(result: EvaluationResult): string {
  const lines = [
    row(['Info type', 'Class (P/R target)', 'TP', 'FP', 'FN', 'Precision', 'Recall', 'F2', 'Endpoint F2']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const t of result.types) {
    const target = TARGETS[t.targetClass];
    lines.push(
      row([
        t.infoType,
        `${t.targetClass} (${target.precision}/${target.recall})`,
        ...scoreCells(t.field),
        pct(t.endpoint.f2),
      ]),
    );
  }
  lines.push('');
  lines.push(
    `Endpoint level (any sampled message of the endpoint carries the type): TP ${result.endpoint.tp}, FP ${result.endpoint.fp}, FN ${result.endpoint.fn}, precision ${pct(result.endpoint.precision)}, recall ${pct(result.endpoint.recall)}, **F2 ${pct(result.endpoint.f2)}** (target ≥ 0.95).`,
  );
  const reasons = Object.entries(result.hardNegativeHitsByReason)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  lines.push(
    `Hard negatives: ${result.hardNegatives} fields, ${result.hardNegativeHits} flagged (${pct(result.hardNegativeHits / Math.max(1, result.hardNegatives))})${reasons ? `: ${reasons}` : ''}.`,
  );
  lines.push(
    `Corpus: ${result.messages} messages, ${result.labelledFields} labelled fields, ${(result.bodyBytes / 1024).toFixed(0)} KiB of bodies classified in ${result.millis.toFixed(0)} ms.`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const corpus = JSON.parse(await readFile(CORPUS, 'utf8')) as Corpus;
  const result = evaluateCorpus(corpus, createClassifier());
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else console.log(formatEvaluation(result));
  if (result.failures.length > 0) {
    console.error(`\nTargets missed:\n${result.failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nAll classifier targets met.');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
