/**
 * Streams a generated estate to disk: one file per ≤ 50,000 rows, written through a small buffer, so the
 * largest estate costs the memory of one buffer, not of the estate.
 */
import { mkdir, open, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateEstate, SECTION_NAMES, type Estate, type EstateOptions, type EstateSection } from './estate.js';
import type { AzureRow } from './rows.js';

export type EstateFormat = 'json' | 'ndjson';

export interface WriteEstateOptions extends EstateOptions {
  /** `json` (default): Resource Graph results and ARM lists as Azure prints them; `ndjson`: one row per line. */
  readonly format?: EstateFormat;
  /** Rows per file, at most 50,000 (the default). */
  readonly rowsPerFile?: number;
}

export interface WrittenSection {
  readonly name: string;
  readonly rows: number;
  readonly files: readonly string[];
}

export interface WrittenEstate {
  readonly dir: string;
  readonly estate: Estate;
  readonly sections: readonly WrittenSection[];
  readonly files: readonly string[];
  readonly rows: number;
  readonly bytes: number;
}

export const MAX_ROWS_PER_FILE = 50_000;
/** Hidden (so ingest skips it) description of what the directory holds. */
export const MANIFEST_FILE = '.estate-manifest';
const FLUSH_CHARS = 1 << 20;

const fileName = (section: string, part: number, format: EstateFormat) =>
  `${section}-${String(part).padStart(4, '0')}.${format === 'ndjson' ? 'ndjson' : 'json'}`;

/** Opening and closing text of one file of a section. */
function envelope(
  section: EstateSection,
  format: EstateFormat,
  rows: number,
): { head: string; separator: string; tail: string } {
  if (format === 'ndjson') return { head: '', separator: '\n', tail: '\n' };
  if (section.shape === 'arm-list') return { head: '{"value":[\n', separator: ',\n', tail: '\n]}\n' };
  return {
    head: `{"totalRecords":${section.count},"count":${rows},"resultTruncated":"false","data":[\n`,
    separator: ',\n',
    tail: '\n]}\n',
  };
}

/** Removes files an earlier run wrote here under the same naming scheme, so no stale part is ingested. */
async function removeEarlierParts(dir: string): Promise<void> {
  const pattern = new RegExp(`^(${SECTION_NAMES.join('|')})-\\d{4}\\.(json|ndjson)$`);
  for (const entry of await readdir(dir)) if (pattern.test(entry)) await rm(join(dir, entry));
}

async function writeSection(
  dir: string,
  section: EstateSection,
  format: EstateFormat,
  rowsPerFile: number,
): Promise<WrittenSection & { bytes: number }> {
  const files: string[] = [];
  const rows = section.rows()[Symbol.iterator]();
  let written = 0;
  let bytes = 0;
  let next: IteratorResult<AzureRow> = rows.next();
  while (!next.done) {
    const inFile = Math.min(rowsPerFile, section.count - written);
    if (inFile <= 0) throw new Error(`section ${section.name} yielded more than its ${section.count} planned rows`);
    const { head, separator, tail } = envelope(section, format, inFile);
    const path = join(dir, fileName(section.name, files.length + 1, format));
    const handle = await open(path, 'w');
    try {
      let buffer = head;
      for (let i = 0; i < inFile; i++) {
        if (next.done) throw new Error(`section ${section.name} yielded fewer than its ${section.count} planned rows`);
        buffer += (i === 0 ? '' : separator) + JSON.stringify(next.value);
        next = rows.next();
        if (buffer.length >= FLUSH_CHARS) {
          bytes += (await handle.write(buffer)).bytesWritten;
          buffer = '';
        }
      }
      bytes += (await handle.write(buffer + tail)).bytesWritten;
    } finally {
      await handle.close();
    }
    files.push(path);
    written += inFile;
  }
  if (written !== section.count)
    throw new Error(`section ${section.name} yielded ${written} rows, planned ${section.count}`);
  return { name: section.name, rows: written, files, bytes };
}

export async function writeEstate(dir: string, options: WriteEstateOptions): Promise<WrittenEstate> {
  const format = options.format ?? 'json';
  const rowsPerFile = options.rowsPerFile ?? MAX_ROWS_PER_FILE;
  if (!Number.isInteger(rowsPerFile) || rowsPerFile < 1 || rowsPerFile > MAX_ROWS_PER_FILE) {
    throw new RangeError(`rowsPerFile must be an integer from 1 to ${MAX_ROWS_PER_FILE}, got ${rowsPerFile}`);
  }
  const estate = generateEstate(options);
  await mkdir(dir, { recursive: true });
  await removeEarlierParts(dir);
  const sections: WrittenSection[] = [];
  let bytes = 0;
  for (const section of estate.sections) {
    const result = await writeSection(dir, section, format, rowsPerFile);
    bytes += result.bytes;
    sections.push({ name: result.name, rows: result.rows, files: result.files });
  }
  const manifest = {
    options: { size: options.size, seed: options.seed, subscriptions: estate.plan.subscriptions, format, rowsPerFile },
    rows: estate.totalRows,
    bytes,
    sections: sections.map((s) => ({ name: s.name, rows: s.rows, files: s.files.length })),
    plan: estate.plan,
  };
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, estate, sections, files: sections.flatMap((s) => s.files), rows: estate.totalRows, bytes };
}
