/**
 * Finds the rows of a JSON document in byte chunks without parsing (or holding) the whole document: each row's
 * bytes are cut out by bracket matching and handed over alone, so a row is garbage as soon as it is transformed.
 * Whole-document `JSON.parse` of a Resource Graph export keeps every row alive until the last one is read, which
 * is what made a 1M-row estate run out of heap and put a quarter of the ingest time into garbage collection.
 *
 * Streams the two shapes that carry many rows: a bare array of rows, and an object whose `data` or `value` is an
 * array of rows (Resource Graph result, ARM list). Anything else (a single resource, a table-format result, Log
 * Analytics tables) is reported as `document` before any row was handed over, and the caller parses it whole.
 * The scanner only finds boundaries; each row is validated by `JSON.parse`, the skeleton around the rows by the
 * scanner's own small grammar, so malformed input is still refused (the caller locates the fault precisely).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The document is malformed at `offset` (bytes from the start of the file). */
export class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${reason} at byte ${offset}`);
    this.name = 'JsonScanError';
  }
}

/** Which array of the top-level object holds the rows; `rowsOfDocument` prefers `data` over `value`. */
type RowsKey = 'data' | 'value';

type State =
  | 'start'
  | 'array-value-or-end'
  | 'array-value'
  | 'array-comma-or-end'
  | 'object-key-or-end'
  | 'object-key'
  | 'object-colon'
  | 'object-value'
  | 'object-comma-or-end'
  | 'done';

/** What the value being cut out is: a row, a key of the top-level object, or a value only checked. */
type Capture = 'row' | 'key' | 'skip';

export type ScanOutcome = 'rows' | 'document';

export interface RowSink {
  /** A row's value (anything JSON: the caller checks it is an object) and the byte offset where it starts. */
  row(value: unknown, offset: number): void;
}

/**
 * Feed chunks with `push`, then call `end`. `push` returns `document` (stop feeding) as soon as the shape is known
 * not to be streamable; rows are only ever handed over for a streamable shape.
 */
export class JsonRowScanner {
  private buffer: Buffer = Buffer.alloc(0);
  /** File offset of `buffer[0]`. */
  private base = 0;
  private pos = 0;
  private state: State = 'start';
  /** 0: the top-level array; 1: an array under the top-level object. */
  private rowsDepth = 0;
  private inRows = false;
  private streamedKey: RowsKey | null = null;
  private key: string | null = null;
  /** The value being cut out: where it starts, and the scan state inside it. */
  private capture: Capture | null = null;
  private captureStart = 0;
  private depth = 0;
  private inString = false;
  private bom = true;

  constructor(private readonly sink: RowSink) {}

  push(chunk: Buffer): ScanOutcome | null {
    if (!this.capture && this.pos >= this.buffer.length) {
      this.base += this.buffer.length;
      this.buffer = chunk;
      this.pos = 0;
    } else {
      // Keep the unfinished value: its bytes are needed whole.
      const keepFrom = this.capture ? Math.min(this.captureStart, this.pos) : this.pos;
      const rest = this.buffer.subarray(keepFrom);
      this.base += keepFrom;
      this.pos -= keepFrom;
      if (this.capture) this.captureStart -= keepFrom;
      this.buffer = Buffer.concat([rest, chunk]);
    }
    if (this.bom) {
      if (this.buffer.length < 3) return null;
      this.skipBom();
    }
    return this.scan(false);
  }

  /** The input ended: checks nothing is left open. */
  end(): ScanOutcome {
    if (this.bom) this.skipBom();
    const outcome = this.scan(true);
    if (outcome) return outcome;
    if (this.state === 'start') return 'document';
    if (this.state !== 'done') throw new JsonScanError(this.base + this.buffer.length, 'unexpected end of file');
    return this.streamedKey !== null || this.rowsDepth === 0 ? 'rows' : 'document';
  }

  private skipBom(): void {
    this.bom = false;
    const b = this.buffer;
    if (this.base === 0 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.pos = 3;
  }

  private fail(reason: string): never {
    throw new JsonScanError(this.base + this.pos, reason);
  }

  /** Runs the state machine over the buffer; null while more input is needed. */
  private scan(final: boolean): ScanOutcome | null {
    const buf = this.buffer;
    const n = buf.length;
    while (this.pos < n) {
      if (this.capture) {
        if (!this.captureValue(final)) return null;
        continue;
      }
      const c = buf[this.pos]!;
      if (isSpace(c)) {
        this.pos += 1;
        continue;
      }
      const outcome = this.step(c);
      if (outcome) return outcome;
    }
    if (this.capture && final) this.captureValue(true);
    return null;
  }

  /** One structural byte outside any captured value. */
  private step(c: number): ScanOutcome | null {
    switch (this.state) {
      case 'start':
        if (c === OPEN_BRACKET) {
          this.rowsDepth = 0;
          this.inRows = true;
          this.state = 'array-value-or-end';
        } else if (c === OPEN_BRACE) {
          this.rowsDepth = 1;
          this.state = 'object-key-or-end';
        } else return 'document';
        this.pos += 1;
        return null;
      case 'array-value-or-end':
      case 'array-comma-or-end':
        if (c === CLOSE_BRACKET) {
          this.pos += 1;
          this.closeArray();
          return null;
        }
        if (this.state === 'array-comma-or-end') {
          if (c !== COMMA) this.fail('comma expected');
          this.pos += 1;
          this.state = 'array-value';
          return null;
        }
        this.beginValue(this.inRows ? 'row' : 'skip');
        return null;
      case 'array-value':
        this.beginValue(this.inRows ? 'row' : 'skip');
        return null;
      case 'object-key-or-end':
      case 'object-key':
        if (c === CLOSE_BRACE && this.state === 'object-key-or-end') {
          this.pos += 1;
          this.state = 'done';
          return null;
        }
        if (c !== QUOTE) this.fail('property name expected');
        this.beginValue('key');
        return null;
      case 'object-colon':
        if (c !== COLON) this.fail('colon expected');
        this.pos += 1;
        this.state = 'object-value';
        return null;
      case 'object-value':
        return this.objectValue(c);
      case 'object-comma-or-end':
        this.pos += 1;
        if (c === CLOSE_BRACE) this.state = 'done';
        else if (c === COMMA) this.state = 'object-key';
        else {
          this.pos -= 1;
          this.fail('comma expected');
        }
        return null;
      case 'done':
        this.fail('end of file expected');
    }
  }

  private closeArray(): void {
    this.inRows = false;
    this.state = this.rowsDepth === 0 ? 'done' : 'object-comma-or-end';
  }

  /** A value of the top-level object: rows to stream, a small value to check, or a sign of another shape. */
  private objectValue(c: number): ScanOutcome | null {
    const key = this.key;
    const rowsKey: RowsKey | null = key === 'data' || key === 'value' ? key : null;
    if (rowsKey && c === OPEN_BRACKET) {
      if (this.streamedKey === 'value' && rowsKey === 'data') {
        // The rows of `value` were already handed over, but `data` takes precedence: refuse rather than guess.
        this.fail('both "value" and "data" hold rows');
      }
      if (this.streamedKey === null) {
        this.streamedKey = rowsKey;
        this.inRows = true;
      }
      this.pos += 1;
      this.state = 'array-value-or-end';
      return null;
    }
    if ((c === OPEN_BRACE || c === OPEN_BRACKET) && this.streamedKey === null) return 'document';
    if (key === 'data' && c === OPEN_BRACE && this.streamedKey === 'value')
      this.fail('both "value" and "data" hold rows');
    this.beginValue('skip');
    return null;
  }

  private beginValue(capture: Capture): void {
    this.capture = capture;
    this.captureStart = this.pos;
    this.depth = 0;
    this.inString = false;
  }

  /** Index of the closing quote of a string whose body starts at `from`, or -1 if it is not in the buffer. */
  private stringEnd(from: number): number {
    const buf = this.buffer;
    let i = from;
    for (;;) {
      const q = buf.indexOf(QUOTE, i);
      if (q < 0) return -1;
      let backslashes = 0;
      for (let k = q - 1; buf[k] === BACKSLASH; k--) backslashes += 1;
      if (backslashes % 2 === 0) return q;
      i = q + 1;
    }
  }

  /** Advances through the captured value; true when it is complete (and handled). */
  private captureValue(final: boolean): boolean {
    const buf = this.buffer;
    const n = buf.length;
    let i = this.pos;
    let depth = this.depth;
    let done = false;
    const first = buf[this.captureStart]!;
    if (first === OPEN_BRACE || first === OPEN_BRACKET || first === QUOTE) {
      while (i < n) {
        if (this.inString) {
          const q = this.stringEnd(i);
          if (q < 0) {
            i = n;
            break;
          }
          this.inString = false;
          i = q + 1;
          if (depth === 0) {
            done = true;
            break;
          }
          continue;
        }
        const c = buf[i]!;
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth += 1;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          depth -= 1;
          if (depth === 0) {
            i += 1;
            done = true;
            break;
          }
        }
        i += 1;
      }
    } else {
      // A number, true, false or null: runs to the next delimiter.
      while (i < n) {
        const c = buf[i]!;
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c)) {
          done = true;
          break;
        }
        i += 1;
      }
      if (!done && final) done = true;
    }
    this.depth = depth;
    this.pos = i;
    if (!done) {
      if (final) this.fail('unexpected end of file');
      return false;
    }
    this.finishValue(i);
    return true;
  }

  private finishValue(end: number): void {
    const start = this.captureStart;
    const capture = this.capture;
    this.capture = null;
    let value: unknown;
    try {
      value = JSON.parse(this.buffer.toString('utf8', start, end));
    } catch {
      this.pos = start;
      this.fail('malformed value');
    }
    if (capture === 'key') {
      if (typeof value !== 'string') this.fail('property name expected');
      this.key = value;
      this.state = 'object-colon';
      return;
    }
    if (capture === 'row') this.sink.row(value, this.base + start);
    this.state = this.state === 'object-value' ? 'object-comma-or-end' : 'array-comma-or-end';
  }
}
