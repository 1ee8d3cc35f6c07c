import type { InputError } from '../../util/errors.js';
import type { LogPosition } from '../record.js';

/** One row as a reader found it, before classification and redaction. Never stored or logged. */
export interface RawLogRow {
  readonly value: Record<string, unknown>;
  readonly position: LogPosition;
}

/**
 * What a reader does with a malformed row it can step over (an NDJSON line, a CSV record): the caller throws it to
 * fail the run, or counts it and goes on. Malformed structure (an unclosed JSON array) always fails.
 */
export type MalformedRow = (error: InputError) => void;

/** Rows larger than this are malformed: APIM caps one log entry at 32 KB, so this only stops runaway input. */
export const MAX_ROW_CHARS = 32 * 1024 * 1024;

/** Rows per batch handed from a reader to the caller. */
export const ROW_BATCH = 256;

/**
 * Collects a reader's rows into batches of ROW_BATCH, so a reader's generator yields once per batch, not per row:
 * `add` returns a full batch to yield, `rest` the last, partial one.
 */
export class RowBatcher {
  private rows: RawLogRow[] = [];

  add(row: RawLogRow): RawLogRow[] | undefined {
    this.rows.push(row);
    return this.rows.length >= ROW_BATCH ? this.take() : undefined;
  }

  rest(): RawLogRow[] | undefined {
    return this.rows.length > 0 ? this.take() : undefined;
  }

  private take(): RawLogRow[] {
    const full = this.rows;
    this.rows = [];
    return full;
  }
}
