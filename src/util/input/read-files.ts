import { open, stat } from 'node:fs/promises';
import { parse as parseLenient } from 'jsonc-parser';
import { extname, relative } from 'node:path';
import { ApiPostureError, InputError } from '../errors.js';
import { discoverInputFiles } from './discover.js';
import type { InputRow } from './rows.js';
import { streamJsonFile, streamNdjsonFile } from './stream-file.js';

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

export interface StreamedInput {
  readonly files: readonly string[];
  /** Resource rows handed to the callback. */
  readonly resourceRows: number;
  readonly logs: InputRow[];
  readonly logFiles: string[];
}

/**
 * Reads every input file under the paths, row by row: resource rows go to `onResource` as they are read (and can be
 * dropped once handled), gateway log rows are kept for the traffic stage. A malformed file throws an InputError
 * naming the file, position and reason; rows of earlier files (or earlier rows of the same file) were already handed
 * over by then, so the caller must not store anything before this returns.
 */
export async function streamInputFiles(
  paths: readonly string[],
  onResource: (row: InputRow) => void,
  onFile?: (file: string) => void,
  options: ReadInputOptions = {},
): Promise<StreamedInput> {
  const files = await discoverInputFiles(paths);
  const logs: InputRow[] = [];
  const logFiles: string[] = [];
  let resourceRows = 0;
  const streamOver = options.streamLogsOver ?? 64 * 1024 * 1024;
  const emit = (row: InputRow) => {
    if (classifyRow(row.value) === 'log') logs.push(row);
    else {
      resourceRows += 1;
      onResource(row);
    }
  };
  for (const path of files) {
    const file = displayName(path);
    onFile?.(file);
    const ext = extname(path).toLowerCase();
    const ndjson = ext === '.ndjson' || ext === '.jsonl';
    let size: number;
    try {
      size = ext === '.csv' ? 0 : (await stat(path)).size;
      if (ext === '.csv' || (size > streamOver && (await startsWithLogRow(path, ndjson)))) {
        logFiles.push(path);
        continue;
      }
    } catch (error) {
      throw new InputError({ file }, `cannot read: ${(error as Error).message}`);
    }
    try {
      if (ndjson) {
        await streamNdjsonFile(path, file, emit);
        continue;
      }
      const outcome = await streamJsonFile(path, file, size, emit);
      if (outcome.ok) continue;
      // Diagnostic-setting archives (PT1H.json) hold one log record per line under a `.json` name.
      if (await startsWithLogRow(path, true)) {
        logFiles.push(path);
        continue;
      }
      throw outcome.error;
    } catch (error) {
      // File system failures (EACCES, EISDIR, …) name the file; anything else is not about the input.
      if (!(error instanceof ApiPostureError) && error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
        throw new InputError({ file }, `cannot read: ${error.message}`);
      }
      throw error;
    }
  }
  return { files: files.map(displayName), resourceRows, logs, logFiles };
}

/** Reads every input file under the paths and sorts its rows into resources and gateway logs. */
export async function readInputFiles(
  paths: readonly string[],
  onFile?: (file: string) => void,
  options: ReadInputOptions = {},
): Promise<InputFiles> {
  const resources: InputRow[] = [];
  const input = await streamInputFiles(paths, (row) => resources.push(row), onFile, options);
  return { files: input.files, resources, logs: input.logs, logFiles: input.logFiles };
}
