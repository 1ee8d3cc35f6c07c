import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { JsonRowScanner, JsonScanError } from './json-row-scanner.js';
import { lineColumn, parseJson } from './parse-json.js';
import { rowsOfDocument, type InputRow } from './rows.js';
import { isObject } from '../../util/json.js';

/** Read size: large enough that per-chunk overhead vanishes, small enough to stay out of the old generation. */
const CHUNK_BYTES = 1 << 20;
/**
 * Longest file read into one string (V8's string limit is ~2^29 UTF-16 units; UTF-8 never has fewer bytes than
 * units). Beyond it a file can only be streamed, and a fault is located from the scanner's byte offset.
 */
const WHOLE_TEXT_BYTES = (1 << 29) - 64;

export type RowEmitter = (row: InputRow) => void;

/** A malformed file is returned, not thrown: the caller may know another reading of it (a log archive). */
export type StreamOutcome = { readonly ok: true } | { readonly ok: false; readonly error: InputError };

/**
 * The rows of a JSON file, handed over one at a time as they are read (see json-row-scanner.ts). Shapes that are
 * not a list of rows are parsed whole, as before. A malformed file fails with the same file, line, column and reason
 * as the whole-document parser gives; when rows were already handed over, the caller must not have stored them.
 */
export async function streamJsonFile(
  path: string,
  file: string,
  size: number,
  emit: RowEmitter,
): Promise<StreamOutcome> {
  let index = 0;
  const scanner = new JsonRowScanner({
    row(value) {
      if (!isObject(value)) throw new InputError({ file, index }, 'row is not a JSON object');
      emit({ file, index, value });
      index += 1;
    },
  });
  let outcome;
  try {
    outcome = await scanChunks(path, scanner);
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error;
    return { ok: false, error: await locateFault(path, file, size, error, index > 0) };
  }
  if (outcome === 'rows') return { ok: true };
  // One document of another shape (a single resource, a table result): small in practice, parsed whole.
  if (size > WHOLE_TEXT_BYTES) {
    return {
      ok: false,
      error: new InputError(
        { file },
        'too large to read whole: expected rows under "data" or "value", or a bare array',
      ),
    };
  }
  const text = await readFile(path, 'utf8');
  let document: unknown;
  try {
    document = parseJson(file, text);
  } catch (error) {
    if (error instanceof InputError) return { ok: false, error };
    throw error;
  }
  for (const row of rowsOfDocument(file, document)) emit(row);
  return { ok: true };
}

async function scanChunks(path: string, scanner: JsonRowScanner): Promise<'rows' | 'document'> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (scanner.push(chunk) === 'document') return 'document';
    }
  } finally {
    stream.destroy();
  }
  return scanner.end();
}

/**
 * The precise error for a fault the scanner found: the whole-document parser's own message where the file fits in a
 * string (so streaming changes no error text), else the line and column of the scanner's byte offset.
 */
async function locateFault(
  path: string,
  file: string,
  size: number,
  fault: JsonScanError,
  emitted: boolean,
): Promise<InputError> {
  if (size <= WHOLE_TEXT_BYTES) {
    const text = await readFile(path, 'utf8');
    try {
      parseJson(file, text);
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
    if (!emitted) {
      // Valid JSON the scanner does not stream (e.g. `data` and `value` both arrays, `value` first).
      return new InputError(
        { file, ...lineColumn(text, offsetToIndex(text, fault.offset)) },
        `unsupported layout: ${fault.reason}`,
      );
    }
  }
  return new InputError({ file, ...(await lineColumnAt(path, fault.offset)) }, `malformed JSON: ${fault.reason}`);
}

/** UTF-16 index of a UTF-8 byte offset in `text`. */
function offsetToIndex(text: string, offset: number): number {
  return Buffer.from(text, 'utf8').subarray(0, offset).toString('utf8').length;
}

/** 1-based line and column (in characters) of a byte offset, read from the file without holding it. */
async function lineColumnAt(path: string, offset: number): Promise<{ line: number; column: number }> {
  let line = 1;
  let lineStart: Buffer[] = [];
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES, end: Math.max(0, offset - 1) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, nl + 1)) {
      line += 1;
      from = nl + 1;
      lineStart = [];
    }
    lineStart.push(chunk.subarray(from));
  }
  return { line, column: Buffer.concat(lineStart).toString('utf8').length + 1 };
}

/**
 * NDJSON rows as the lines arrive. Same positions and messages as reading the whole text: 1-based line of each row,
 * `index` counting rows only (blank lines are skipped).
 */
export async function streamNdjsonFile(path: string, file: string, emit: RowEmitter): Promise<void> {
  let index = 0;
  let lineNumber = 0;
  let carry: Buffer | null = null;
  const handle = (bytes: Buffer) => {
    const line = bytes.toString('utf8');
    lineNumber += 1;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = parseJson(file, line, lineNumber - 1);
    }
    if (!isObject(value)) throw new InputError({ file, line: lineNumber }, 'NDJSON line is not a JSON object');
    emit({ file, index, line: lineNumber, value });
    index += 1;
  };
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      let from = 0;
      for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, from)) {
        handle(data.subarray(from, nl));
        from = nl + 1;
      }
      carry = from < data.length ? Buffer.from(data.subarray(from)) : null;
    }
  } finally {
    stream.destroy();
  }
  handle(carry ?? Buffer.alloc(0));
}
