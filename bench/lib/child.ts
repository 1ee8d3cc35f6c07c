/** Runs one measurement in a fresh Node process, so each run starts cold and its peak RSS is its own. */
import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TASK_ENTRY = fileURLToPath(new URL('../tasks/main.ts', import.meta.url));
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** What every task reports besides its own figures: the child's peak resident set size. */
export interface TaskOutput {
  readonly maxRssMb: number;
}

/** The command line a task runs with, as recorded in BENCHMARKS.md. */
export function taskCommand(task: string): string {
  return `node --import tsx ${relative(ROOT, TASK_ENTRY)} ${task} '<json args>'`;
}

export function runTask<T extends object>(
  task: string,
  args: object,
  log: (message: string) => void,
): Promise<T & TaskOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', TASK_ENTRY, task, JSON.stringify(args)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const stderr: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr.push(chunk);
      for (const line of chunk.split('\n')) if (line.trim()) log(`    [${task}] ${line}`);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(
          new Error(
            `task ${task} failed (exit ${code ?? signal}): ${stderr.join('').trim().split('\n').slice(-5).join(' | ') || 'no result line'}`,
          ),
        );
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T & TaskOutput);
    });
  });
}
