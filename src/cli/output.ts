import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CommandIo } from './run-command.js';

/** Writes a command's result to --out atomically (temp file + rename), or to stdout. */
export async function emit(io: CommandIo, text: string, out: string | undefined): Promise<void> {
  if (!out) {
    io.stdout.write(text);
    return;
  }
  await mkdir(dirname(out), { recursive: true });
  const temp = `${out}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, out);
  io.stderr.write(`wrote ${out}\n`);
}
