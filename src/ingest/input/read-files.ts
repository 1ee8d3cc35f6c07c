import { open, readFile, stat } from 'node:fs/promises';
import { parse as parseLenient } from 'jsonc-parser';
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
  // Diagnostic-setting archives (storage PT1H.json, Event Hub) use the camelCase common schema.
  if (value['category'] === 'GatewayLogs') return 'log';
  if ('ApiId' in value && 'OperationId' in value && 'Url' in value) return 'log';
  return 'resource';
}

export interface InputFiles {
  readonly files: readonly string[];
  readonly resources: InputRow[];
  readonly logs: InputRow[];
  /**
   * Gateway log files left unread, for the streaming reader (`readGatewayLogs` in src/traffic): every `.csv`, and
   * files over `streamLogsOver` bytes whose first row is a log row. Full paths.
   */
  readonly logFiles: string[];
}

export interface ReadInputOptions {
  /** Files larger than this (bytes) whose first row is a gateway log row are streamed, not read whole (default 64 MiB). */
  readonly streamLogsOver?: number;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Whether a big file holds gateway logs, from its first 64 KiB: the first row is parsed leniently (the cut may fall
 * mid-document) and classified. When in doubt the answer is no, and the file is read whole as before.
 */
async function startsWithLogRow(path: string, ndjson: boolean): Promise<boolean> {
  const handle = await open(path, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
  const text = ndjson ? (head.split('\n').find((line) => line.trim() !== '') ?? '') : head;
  let document: unknown;
  try {
    document = parseLenient(text);
  } catch (error) {
    // jsonc-parser recurses per nesting level; a head nested thousands deep is no log row.
    if (error instanceof RangeError) return false;
    throw error;
  }
  if (Array.isArray(document)) document = document[0];
  else if (typeof document === 'object' && document !== null) {
    const d = document as Record<string, unknown>;
    const rows = Array.isArray(d['data']) ? d['data'] : Array.isArray(d['value']) ? d['value'] : null;
    if (rows) document = rows[0];
  }
  const isRow = typeof document === 'object' && document !== null && !Array.isArray(document);
  return isRow && classifyRow(document as Record<string, unknown>) === 'log';
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
export async function readInputFiles(
  paths: readonly string[],
  onFile?: (file: string) => void,
  options: ReadInputOptions = {},
): Promise<InputFiles> {
  const files = await discoverInputFiles(paths);
  const resources: InputRow[] = [];
  const logs: InputRow[] = [];
  const logFiles: string[] = [];
  const streamOver = options.streamLogsOver ?? 64 * 1024 * 1024;
  for (const path of files) {
    const file = displayName(path);
    onFile?.(file);
    const ext = extname(path).toLowerCase();
    let text: string;
    try {
      const big = ext !== '.csv' && (await stat(path)).size > streamOver;
      if (ext === '.csv' || (big && (await startsWithLogRow(path, ext === '.ndjson' || ext === '.jsonl')))) {
        logFiles.push(path);
        continue;
      }
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new InputError({ file }, `cannot read: ${(error as Error).message}`);
    }
    const ndjson = ext === '.ndjson' || ext === '.jsonl';
    let document: unknown;
    try {
      document = ndjson ? undefined : parseJson(file, text);
    } catch (error) {
      // Diagnostic-setting archives (PT1H.json) hold one log record per line under a `.json` name.
      if (error instanceof InputError && (await startsWithLogRow(path, true))) {
        logFiles.push(path);
        continue;
      }
      throw error;
    }
    const rows = ndjson ? ndjsonRows(file, text) : rowsOfDocument(file, document);
    for (const row of rows) (classifyRow(row.value) === 'log' ? logs : resources).push(row);
  }
  return { files: files.map(displayName), resources, logs, logFiles };
}
