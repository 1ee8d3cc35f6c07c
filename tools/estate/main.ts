/**
 * Writes a synthetic Azure estate to a directory:
 *
 *   npm run generate:estate -- --size M --seed 1 --out DIR [--subscriptions N] [--format json|ndjson] [--rows-per-file N]
 *
 * The output is Azure's own JSON, ready for `apiposture ingest export DIR`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EstateSize } from './plan.js';
import { MAX_ROWS_PER_FILE, writeEstate, type EstateFormat } from './write.js';

const USAGE =
  'usage: generate-estate --size S|M|L|<rows> --out DIR [--seed N] [--subscriptions N] [--format json|ndjson] [--rows-per-file N]';

function integer(name: string, text: string | undefined, fallback?: number): number | undefined {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`--${name} must be an integer, not "${text}"`);
  return value;
}

function size(text: string | undefined): EstateSize {
  if (text === 'S' || text === 'M' || text === 'L') return text;
  const rows = integer('size', text);
  if (rows === undefined) throw new Error('--size is required');
  return rows;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      size: { type: 'string' },
      seed: { type: 'string' },
      subscriptions: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      'rows-per-file': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.out) throw new Error('--out is required');
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'ndjson') throw new Error(`--format must be json or ndjson, not "${format}"`);
  const subscriptions = integer('subscriptions', values.subscriptions);
  const started = process.hrtime.bigint();
  const written = await writeEstate(resolve(values.out), {
    size: size(values.size),
    seed: integer('seed', values.seed, 1) ?? 1,
    ...(subscriptions !== undefined ? { subscriptions } : {}),
    format: format satisfies EstateFormat,
    rowsPerFile: integer('rows-per-file', values['rows-per-file'], MAX_ROWS_PER_FILE) ?? MAX_ROWS_PER_FILE,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mb = (written.bytes / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `${written.rows} rows in ${written.files.length} files (${mb} MB) written to ${written.dir} in ${seconds.toFixed(1)} s\n`,
  );
  for (const section of written.sections)
    process.stdout.write(
      `  ${section.name.padEnd(24)} ${String(section.rows).padStart(9)} rows  ${section.files.length} file(s)\n`,
    );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exitCode = 1;
});
