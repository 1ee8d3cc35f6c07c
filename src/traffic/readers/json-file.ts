import { createReadStream } from 'node:fs';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { InputError } from '../../util/errors.js';
import { JsonRowExtractor, type RowFault } from './json-rows.js';
import { MAX_ROW_CHARS, type RawLogRow } from './raw-row.js';

const FAULTS: Readonly<Record<RowFault, string>> = {
  'not-an-object': 'row is not a JSON object',
  'table-not-an-object': 'table is not a JSON object',
  'table-row-not-an-array': 'table row is not an array',
  'rows-before-columns': 'table rows come before its columns',
  'not-a-document': 'expected a JSON object or array',
};

/** The tokenizer's reasons are fixed phrases ("expected ','"); none quotes the input, so none can leak a secret. */
function parserReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Parser (cannot parse input: |has )/, '');
}

class Position {
  line = 1;
  column = 1;
  rowLine = 1;
}

/**
 * Streams the rows of a JSON document (or of concatenated JSON documents) with a streaming tokenizer
 * (`stream-json`), never `JSON.parse` of the whole file: memory stays at one row plus one read chunk. The input
 * is fed line by line, so a syntax error is reported at its line (and, on a minified single line, near a column).
 */
export async function* readJsonRows(path: string, file: string): AsyncGenerator<RawLogRow[]> {
  const where = new Position();
  let index = 0;
  /** Characters fed so far, and where the row being assembled started (to the segment). */
  let fed = 0;
  let rowStart = 0;
  let ready: RawLogRow[] = [];
  const extractor = new JsonRowExtractor({
    row: (value) => {
      ready.push({ value, position: { file, index: index++, line: where.rowLine } });
    },
    fault: (fault) => {
      throw new InputError({ file, line: where.line, index }, FAULTS[fault]);
    },
  });
  const parse = jsonParser({ packValues: true, streamValues: false, jsonStreaming: true });
  const feed = (segment: string) => {
    let out;
    try {
      out = parse(segment);
    } catch (error) {
      throw new InputError(
        { file, line: where.line, column: where.column },
        `malformed JSON at or after this column: ${parserReason(error)}`,
      );
    }
    const before = fed;
    fed += segment.length;
    if (typeof out === 'symbol') return;
    for (const token of out.values as Token[]) {
      if (!extractor.capturing) {
        // The next token may open a row: its size is counted from the segment it starts in.
        where.rowLine = where.line;
        rowStart = before;
      }
      extractor.push(token);
    }
    if (extractor.capturing && fed - rowStart > MAX_ROW_CHARS) {
      throw new InputError({ file, line: where.rowLine, index }, `row larger than ${MAX_ROW_CHARS / 1024 / 1024} MiB`);
    }
  };
  let first = true;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = chunk;
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      let start = 0;
      while (start < text.length) {
        const newline = text.indexOf('\n', start);
        const end = newline < 0 ? text.length : newline + 1;
        feed(text.slice(start, end));
        if (newline < 0) where.column += end - start;
        else {
          where.line += 1;
          where.column = 1;
        }
        start = end;
      }
      if (ready.length > 0) {
        const rows = ready;
        ready = [];
        yield rows;
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError({ file }, `cannot read: ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
  if (extractor.open)
    throw new InputError(
      { file, line: where.line },
      'malformed JSON: unexpected end of file (an array or object is not closed)',
    );
}
