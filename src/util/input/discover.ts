import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { compareIds } from '../order.js';

/** `.csv` holds gateway logs only (a portal or `az` export of ApiManagementGatewayLogs); resources come as JSON. */
export const INPUT_EXTENSIONS = new Set(['.json', '.ndjson', '.jsonl', '.csv']);

/** Input files under the given paths: files as given, directories recursively; sorted so runs are repeatable. */
export async function discoverInputFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => compareIds(a.name, b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && INPUT_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(full);
    }
  };
  for (const path of paths) {
    const full = resolve(path);
    let info;
    try {
      info = await stat(full);
    } catch {
      throw new InputError({ file: path }, 'no such file or directory');
    }
    if (info.isDirectory()) await walk(full);
    else files.push(full);
  }
  return [...new Set(files)];
}
