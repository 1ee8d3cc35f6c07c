import { readFile } from 'node:fs/promises';
import { extname, relative } from 'node:path';
import { InputError } from '../../util/errors.js';
import { discoverInputFiles } from './discover.js';
import { parseJson } from './parse-json.js';
import { rowsOfDocument, type InputRow } from './rows.js';

export type RowClass = 'resource' | 'log';

/**
 * What a row is, from its columns alone (no file naming convention): gateway log rows by `Type` / `Category` or
 * the `ApiId`, `OperationId`, `Url` set; resource rows by an ARM `type`.
 */
export function classifyRow(value: Record<string, unknown>): RowClass {
  const type = value['Type'];
  if (type === 'ApiManagementGatewayLogs' || type === 'AzureDiagnostics') return 'log';
  if (value['Category'] === 'GatewayLogs') return 'log';
  if ('ApiId' in value && 'OperationId' in value && 'Url' in value) return 'log';
  return 'resource';
}

export interface InputFiles {
  readonly files: readonly string[];
  readonly resources: InputRow[];
  readonly logs: InputRow[];
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function ndjsonRows(file: string, text: string): InputRow[] {
  const rows: InputRow[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const value = parseJson(file, line, i);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError({ file, line: i + 1 }, 'NDJSON line is not a JSON object');
    }
    rows.push({ file, index: rows.length, line: i + 1, value: value as Record<string, unknown> });
  });
  return rows;
}

/** Reads every input file under the paths and sorts its rows into resources and gateway logs. */
export async function readInputFiles(paths: readonly string[], onFile?: (file: string) => void): Promise<InputFiles> {
  const files = await discoverInputFiles(paths);
  const resources: InputRow[] = [];
  const logs: InputRow[] = [];
  for (const path of files) {
    const file = displayName(path);
    onFile?.(file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new InputError({ file }, `cannot read: ${(error as Error).message}`);
    }
    const ext = extname(path).toLowerCase();
    const rows = ext === '.ndjson' || ext === '.jsonl' ? ndjsonRows(file, text) : rowsOfDocument(file, parseJson(file, text));
    for (const row of rows) (classifyRow(row.value) === 'log' ? logs : resources).push(row);
  }
  return { files: files.map(displayName), resources, logs };
}
