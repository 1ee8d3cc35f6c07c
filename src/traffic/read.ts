import { extname, relative } from 'node:path';
import { discoverInputFiles } from '../util/input/discover.js';
import { classifyRow } from '../util/input/read-files.js';
import type { InputRow } from '../util/input/rows.js';
import { ConfigError, InputError } from '../util/errors.js';
import { normalizeLogRow } from './normalize.js';
import type { GatewayLogRecord, LogPosition } from './record.js';
import { readCsvRows } from './readers/csv-file.js';
import { readJsonRows } from './readers/json-file.js';
import { readNdjsonRows } from './readers/ndjson-file.js';
import type { MalformedRow, RawLogRow } from './readers/raw-row.js';

/** A file or directory path, or a row another reader already parsed (small files read by `readInputFiles`). */
export type GatewayLogInput = string | InputRow;

export interface ReadLogOptions {
  /** `fail` (default): the first malformed row ends the read with an InputError. `skip`: count it and go on. */
  readonly onMalformed?: 'fail' | 'skip';
  /** Malformed rows whose messages are kept in the stats (default 20). */
  readonly maxReportedErrors?: number;
  readonly onFile?: (file: string) => void;
}

export interface ReadStats {
  readonly files: string[];
  /** Rows read, of any kind. */
  rows: number;
  /** Gateway log rows turned into records. */
  logRows: number;
  /** Resource rows (no log columns) among the inputs: not gateway logs, skipped. */
  resourceRows: number;
  /** Log rows of another category (WebSocket logs, other providers' AzureDiagnostics rows), skipped. */
  otherCategoryRows: number;
  /** Malformed rows skipped (only with `onMalformed: 'skip'`). */
  malformedRows: number;
  /** Messages of the first malformed rows: file, line and reason, never row content. */
  readonly errors: string[];
}

export interface GatewayLogStream extends AsyncIterable<GatewayLogRecord> {
  /** Filled in while the stream is read; complete once iteration ends. */
  readonly stats: ReadStats;
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function rowsOfFile(path: string, file: string, malformed: MalformedRow): AsyncGenerator<RawLogRow[]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return readCsvRows(path, file, malformed);
  if (ext === '.ndjson' || ext === '.jsonl') return readNdjsonRows(path, file, malformed);
  // `.json` may hold one document or, in diagnostic-setting archives (PT1H.json), one record per line.
  return readJsonRows(path, file);
}

async function* rowsOfInputs(
  inputs: Iterable<GatewayLogInput> | AsyncIterable<InputRow>,
  stats: ReadStats,
  malformed: MalformedRow,
  onFile?: (file: string) => void,
): AsyncGenerator<RawLogRow[]> {
  for await (const input of inputs) {
    if (typeof input !== 'string') {
      const position: LogPosition = {
        file: input.file,
        index: input.index,
        ...(input.line !== undefined ? { line: input.line } : {}),
      };
      yield [{ value: input.value, position }];
      continue;
    }
    for (const path of await discoverInputFiles([input])) {
      const file = displayName(path);
      stats.files.push(file);
      onFile?.(file);
      yield* rowsOfFile(path, file, malformed);
    }
  }
}

/**
 * Streams gateway log records out of files (JSON array or document, NDJSON, CSV; directories recursively) and
 * already-parsed rows. Rows are recognised by their columns (`classifyRow`): resource rows among the inputs are
 * counted and skipped. Every record is redacted before it is yielded; the raw row is dropped.
 */
export function readGatewayLogs(
  inputs: Iterable<GatewayLogInput> | AsyncIterable<InputRow>,
  options: ReadLogOptions = {},
): GatewayLogStream {
  const stats: ReadStats = {
    files: [],
    rows: 0,
    logRows: 0,
    resourceRows: 0,
    otherCategoryRows: 0,
    malformedRows: 0,
    errors: [],
  };
  const limit = options.maxReportedErrors ?? 20;
  if (options.onMalformed !== undefined && options.onMalformed !== 'fail' && options.onMalformed !== 'skip') {
    throw new ConfigError(`onMalformed must be "fail" or "skip", not "${String(options.onMalformed)}"`);
  }
  const malformed: MalformedRow = (error) => {
    if (options.onMalformed !== 'skip') throw error;
    stats.malformedRows += 1;
    if (stats.errors.length < limit) stats.errors.push(error.message);
  };
  const recordOf = (row: RawLogRow): GatewayLogRecord | null => {
    stats.rows += 1;
    if (classifyRow(row.value) !== 'log') {
      stats.resourceRows += 1;
      return null;
    }
    let record: GatewayLogRecord | null;
    try {
      record = normalizeLogRow(row.value, row.position);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      malformed(error);
      return null;
    }
    if (!record) stats.otherCategoryRows += 1;
    else stats.logRows += 1;
    return record;
  };
  async function* records(): AsyncGenerator<GatewayLogRecord> {
    // Readers hand over batches (one async hop per batch); records go out one by one.
    for await (const batch of rowsOfInputs(inputs, stats, malformed, options.onFile)) {
      for (const row of batch) {
        const record = recordOf(row);
        if (record) yield record;
      }
    }
  }
  return { stats, [Symbol.asyncIterator]: () => records() };
}
