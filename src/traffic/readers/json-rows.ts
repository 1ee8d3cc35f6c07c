import { Assembler } from 'stream-json/core/assembler.js';
import type { Token } from 'stream-json/core/parser.js';
import { isObject } from '../../util/json.js';

/**
 * Turns a JSON token stream into rows without holding the document: only the row being assembled is in memory.
 * Understands the document shapes `rowsOfDocument` reads (src/util/input/rows.ts): a bare array of rows,
 * `{data: [...]}` / `{value: [...]}`, a table `{data: {columns, rows}}`, Log Analytics `{tables: [{columns, rows}]}`,
 * a single row object, and (with JSON streaming) a sequence of top-level row objects, as in diagnostic-setting
 * archives (`PT1H.json`, one record per line).
 */

export type RowFault =
  'not-an-object' | 'table-not-an-object' | 'table-row-not-an-array' | 'rows-before-columns' | 'not-a-document';

export interface RowSink {
  row(value: Record<string, unknown>): void;
  fault(fault: RowFault): never;
}

type Frame =
  | { readonly kind: 'rows' }
  | { readonly kind: 'tables' }
  | { readonly kind: 'table'; key: string | null; columns: string[] | null }
  | { readonly kind: 'table-rows'; readonly table: { columns: string[] | null } }
  | { readonly kind: 'root'; key: string | null; readonly value: Record<string, unknown>; streamed: boolean };

type Capture =
  | {
      readonly mode: 'row' | 'table-row' | 'columns';
      readonly asm: Assembler;
      readonly target?: { columns: string[] | null };
    }
  | {
      readonly mode: 'root-value';
      readonly asm: Assembler;
      readonly root: Record<string, unknown>;
      readonly key: string;
    }
  | { readonly mode: 'skip'; depth: number };

const opens = (t: Token) => t.name === 'startObject' || t.name === 'startArray';
const closes = (t: Token) => t.name === 'endObject' || t.name === 'endArray';

function columnNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((c, i) => (isObject(c) && typeof c['name'] === 'string' ? c['name'] : String(i)));
}

export class JsonRowExtractor {
  private readonly stack: Frame[] = [];
  private capture: Capture | null = null;

  constructor(private readonly sink: RowSink) {}

  /** True while a row or a container is open: the input must not end here. */
  get open(): boolean {
    return this.stack.length > 0 || this.capture !== null;
  }

  /** True while a row is being assembled (its size counts against the row limit). */
  get capturing(): boolean {
    return this.capture !== null && this.capture.mode !== 'skip';
  }

  push(token: Token): void {
    if (this.capture) this.feedCapture(this.capture, token);
    else this.navigate(token);
  }

  private feedCapture(capture: Capture, token: Token): void {
    if (capture.mode === 'skip') {
      if (opens(token)) capture.depth += 1;
      else if (closes(token)) capture.depth -= 1;
      if (capture.depth === 0) this.capture = null;
      return;
    }
    capture.asm.consume(token);
    if (!capture.asm.done) return;
    this.capture = null;
    const value: unknown = capture.asm.current;
    switch (capture.mode) {
      case 'row':
        this.sink.row(value as Record<string, unknown>);
        return;
      case 'columns':
        if (capture.target) capture.target.columns = columnNames(value);
        return;
      case 'table-row':
        this.tableRow(capture.target, value as unknown[]);
        return;
      case 'root-value':
        capture.root[capture.key] = value;
        return;
    }
  }

  private tableRow(table: { columns: string[] | null } | undefined, cells: unknown[]): void {
    const columns = table?.columns;
    if (!columns) this.sink.fault('rows-before-columns');
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = cells[i];
    this.sink.row(row);
  }

  private start(mode: 'row' | 'table-row' | 'columns', token: Token, target?: { columns: string[] | null }): void {
    this.capture = target ? { mode, asm: new Assembler(), target } : { mode, asm: new Assembler() };
    this.feedCapture(this.capture, token);
  }

  private skip(token: Token): void {
    this.capture = { mode: 'skip', depth: 0 };
    this.feedCapture(this.capture, token);
  }

  private navigate(token: Token): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) return this.topLevel(token);
    switch (frame.kind) {
      case 'rows':
        if (token.name === 'endArray') this.stack.pop();
        else if (token.name === 'startObject') this.start('row', token);
        else this.sink.fault('not-an-object');
        return;
      case 'tables':
        if (token.name === 'endArray') this.stack.pop();
        else if (token.name === 'startObject') this.stack.push({ kind: 'table', key: null, columns: null });
        else this.sink.fault('table-not-an-object');
        return;
      case 'table-rows':
        if (token.name === 'endArray') this.stack.pop();
        else if (token.name === 'startArray') this.start('table-row', token, frame.table);
        else this.sink.fault('table-row-not-an-array');
        return;
      case 'table':
        return this.inTable(frame, token);
      case 'root':
        return this.inRoot(frame, token);
    }
  }

  private topLevel(token: Token): void {
    if (token.name === 'startArray') this.stack.push({ kind: 'rows' });
    else if (token.name === 'startObject') this.stack.push({ kind: 'root', key: null, value: {}, streamed: false });
    else this.sink.fault('not-a-document');
  }

  /** In an object frame a key names the value that follows: true when the token was one (and was taken). */
  private tookKey(frame: { key: string | null }, token: Token): boolean {
    if (token.name !== 'keyValue') return false;
    frame.key = token.value;
    return true;
  }

  private inTable(frame: Extract<Frame, { kind: 'table' }>, token: Token): void {
    if (this.tookKey(frame, token)) return;
    if (token.name === 'endObject') {
      this.stack.pop();
      return;
    }
    if (frame.key === 'columns' && token.name === 'startArray') this.start('columns', token, frame);
    else if (frame.key === 'rows' && token.name === 'startArray') this.stack.push({ kind: 'table-rows', table: frame });
    else this.skip(token);
  }

  private inRoot(frame: Extract<Frame, { kind: 'root' }>, token: Token): void {
    if (this.tookKey(frame, token)) return;
    if (token.name === 'endObject') {
      this.stack.pop();
      if (!frame.streamed) this.sink.row(frame.value);
      return;
    }
    const key = frame.key ?? '';
    if ((key === 'data' || key === 'value') && token.name === 'startArray') {
      frame.streamed = true;
      this.stack.push({ kind: 'rows' });
    } else if (key === 'data' && token.name === 'startObject') {
      frame.streamed = true;
      this.stack.push({ kind: 'table', key: null, columns: null });
    } else if (key === 'tables' && token.name === 'startArray') {
      frame.streamed = true;
      this.stack.push({ kind: 'tables' });
    } else {
      this.capture = { mode: 'root-value', asm: new Assembler(), root: frame.value, key };
      this.feedCapture(this.capture, token);
    }
  }
}
