import { createReadStream } from 'node:fs';
import { parse, type CsvError, type Info } from 'csv-parse';
import { InputError } from '../../util/errors.js';
import { MAX_ROW_CHARS, RowBatcher, type MalformedRow, type RawLogRow } from './raw-row.js';

/** csv-parse's messages can quote the offending characters; these phrases never do. */
const REASONS: Readonly<Record<string, string>> = {
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field is followed by characters other than a delimiter',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted field is followed by characters other than a delimiter',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed before the end of the file',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the record does not have as many fields as the header',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'the record does not have as many fields as the header',
  CSV_MAX_RECORD_SIZE: `record larger than ${MAX_ROW_CHARS / 1024 / 1024} MiB`,
  CSV_OPTION_COLUMNS_MISSING_NAME: 'a header column has no name',
};

const isCsvError = (e: unknown): e is CsvError =>
  e instanceof Error && typeof (e as { code?: unknown }).code === 'string';

function lineOf(error: CsvError): number | undefined {
  const lines = error['lines'];
  return typeof lines === 'number' ? lines : undefined;
}

function inputErrorOf(file: string, error: CsvError): InputError {
  const line = lineOf(error);
  return new InputError(
    line === undefined ? { file } : { file, line },
    `malformed CSV: ${REASONS[error.code] ?? error.code}`,
  );
}

/** Portal exports name the time column `TimeGenerated [UTC]`. */
function headerNames(header: string[]): string[] {
  return header.map((name) => name.trim().replace(/ \[UTC\]$/, ''));
}

function newlines(record: Readonly<Record<string, unknown>>): number {
  let count = 0;
  for (const value of Object.values(record)) {
    if (typeof value !== 'string') continue;
    for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) count += 1;
  }
  return count;
}

/**
 * Streams CSV rows (RFC 4180: quoted fields may hold commas, quotes and newlines) under a header row, with
 * `csv-parse`. A record that cannot be read
 * names its file and line; structural errors (an unclosed quote) end the file.
 */
export async function* readCsvRows(path: string, file: string, malformed: MalformedRow): AsyncGenerator<RawLogRow[]> {
  const input = createReadStream(path, { highWaterMark: 1 << 16 });
  const parser = parse({
    bom: true,
    columns: headerNames,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_CHARS,
    info: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) malformed(inputErrorOf(file, error));
      return undefined;
    },
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let index = 0;
  const batches = new RowBatcher();
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
      // Empty cells stay as "" (read as absent later): classifyRow recognises log rows by their column names.
      const value: Record<string, unknown> = item.record;
      // `lines` is the record's last line; a quoted field with newlines started earlier.
      const line = item.info.lines - newlines(item.record);
      const full = batches.add({ value, position: { file, index: index++, line } });
      if (full) yield full;
    }
    const rest = batches.rest();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (isCsvError(error)) throw inputErrorOf(file, error);
    throw new InputError({ file }, `cannot read: ${(error as Error).message}`);
  } finally {
    input.destroy();
    parser.destroy();
  }
}
