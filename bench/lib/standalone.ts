import { join, resolve } from 'node:path';
import { ROOT } from './child.js';
import { machineInfo } from './machine.js';
import { renderSection, upsertSection } from './markdown.js';
import type { SuiteReport } from './types.js';

/** A suite run on its own (`node --import tsx bench/<suite>.ts …`): its section goes into BENCHMARKS.md or `--out`. */
export async function recordStandalone(report: SuiteReport, script: string, argv: readonly string[], runs: number, out?: string): Promise<void> {
  const command = `node --import tsx ${script}${argv.length ? ` ${argv.join(' ')}` : ''}`;
  const section = renderSection(report, machineInfo(), command, runs, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
  await upsertSection(resolve(out ?? join(ROOT, 'BENCHMARKS.md')), report.key, section);
  process.stdout.write(`${section}\n`);
}

/** Runs `main` when the file is the entry point; a failure sets exit code 1. */
export function runIfEntryPoint(self: string, main: (argv: string[]) => Promise<unknown>): void {
  if (!process.argv[1] || resolve(process.argv[1]) !== self) return;
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
