import { InputError, type InputPosition } from '../errors.js';
import { isObject } from '../json.js';

export interface InputRow {
  readonly file: string;
  /** 0-based position of the row within its file. */
  readonly index: number;
  /** 1-based line where the row starts, when the format is line-based (NDJSON, CSV). */
  readonly line?: number;
  readonly value: Record<string, unknown>;
}

/** Where a row stands in its file, for an error about it: file, index, and line when the format has lines. */
export function positionOf(row: InputRow): InputPosition {
  return { file: row.file, index: row.index, ...(row.line !== undefined ? { line: row.line } : {}) };
}

/**
 * The rows of one parsed JSON document, whatever shape Azure gave it: a Resource Graph result
 * (`{data: [...]}`, `{totalRecords, data}`, or `{data: {columns, rows}}` in table format), an ARM list
 * (`{value: [...]}`), a bare array, or a single resource.
 */
export function rowsOfDocument(file: string, document: unknown): InputRow[] {
  let items: unknown[];
  if (Array.isArray(document)) items = document;
  else if (isObject(document) && Array.isArray(document['data'])) items = document['data'];
  else if (isObject(document) && isObject(document['data']) && Array.isArray(document['data']['rows'])) {
    items = tableRows(file, document['data']);
  } else if (isObject(document) && Array.isArray(document['value'])) items = document['value'];
  else if (isObject(document) && Array.isArray(document['tables'])) items = logAnalyticsRows(file, document['tables']);
  else if (isObject(document)) items = [document];
  else throw new InputError({ file }, 'expected a JSON object or array');
  return items.map((value, index) => {
    if (!isObject(value)) throw new InputError({ file, index }, 'row is not a JSON object');
    return { file, index, value };
  });
}

/** Resource Graph `resultFormat: table`: `{columns: [{name}], rows: [[...]]}`. */
function tableRows(file: string, table: Record<string, unknown>): Record<string, unknown>[] {
  const columns = table['columns'];
  if (!Array.isArray(columns)) throw new InputError({ file }, 'table result without columns');
  const names = columns.map((c, i) => {
    if (!isObject(c) || typeof c['name'] !== 'string') throw new InputError({ file }, `column ${i} has no name`);
    return c['name'];
  });
  return (table['rows'] as unknown[]).map((row, index) => {
    if (!Array.isArray(row)) throw new InputError({ file, index }, 'table row is not an array');
    return Object.fromEntries(names.map((name, i) => [name, row[i]]));
  });
}

/** Log Analytics query results: `{tables: [{columns, rows}]}`. */
function logAnalyticsRows(file: string, tables: unknown[]): Record<string, unknown>[] {
  return tables.flatMap((t) => (isObject(t) ? tableRows(file, t) : []));
}
