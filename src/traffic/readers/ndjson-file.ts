import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Transform, type TransformCallback } from 'node:stream';
import { parseJson } from '../../util/input/parse-json.js';
import { InputError } from '../../util/errors.js';
import { MAX_ROW_CHARS, RowBatcher, type MalformedRow, type RawLogRow } from './raw-row.js';

class LineTooLong extends Error {}

/**
 * readline holds a whole line in memory; this guard fails a line that grows past the row limit (a file with no
 * newlines, or binary data) before it can exhaust memory.
 */
function lineLengthGuard(limit: number): Transform {
  let run = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      const first = chunk.indexOf(10);
      if (first < 0) run += chunk.length;
      else {
        if (run + first > limit) return done(new LineTooLong());
        run = chunk.length - chunk.lastIndexOf(10) - 1;
      }
      if (run > limit) return done(new LineTooLong());
      done(null, chunk);
    },
  });
}

/**
 * Streams NDJSON rows with `node:readline`: one line (and one batch of parsed rows) in memory at a time. A malformed line names its file and
 * line; the reason comes from the tolerant parser and never quotes the line (it may hold a secret).
 */
export async function* readNdjsonRows(
  path: string,
  file: string,
  malformed: MalformedRow,
): AsyncGenerator<RawLogRow[]> {
  const input = createReadStream(path, { highWaterMark: 1 << 16 });
  const guard = lineLengthGuard(MAX_ROW_CHARS);
  input.on('error', (error) => guard.destroy(error));
  input.pipe(guard);
  const lines = createInterface({ input: guard, crlfDelay: Infinity });
  let line = 0;
  let index = 0;
  const batches = new RowBatcher();
  try {
    for await (const text of lines) {
      line += 1;
      if (text.length === 0 || text.trim() === '') continue;
      let value: unknown;
      try {
        value = parseJson(file, text, line - 1);
      } catch (error) {
        if (error instanceof InputError) {
          // Without a column, the reason is V8's own message, which quotes the input: say less.
          malformed(error.position.column === undefined ? new InputError({ file, line }, 'malformed JSON') : error);
          continue;
        }
        throw error;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        malformed(new InputError({ file, line }, 'NDJSON line is not a JSON object'));
        continue;
      }
      const full = batches.add({ value: value as Record<string, unknown>, position: { file, index: index++, line } });
      if (full) yield full;
    }
    const rest = batches.rest();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error instanceof LineTooLong)
      throw new InputError({ file, line: line + 1 }, `line longer than ${MAX_ROW_CHARS / 1024 / 1024} MiB`);
    throw new InputError({ file }, `cannot read: ${(error as Error).message}`);
  } finally {
    lines.close();
    input.destroy();
  }
}
