import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtCli } from './fresh-build.js';

export { builtCli } from './fresh-build.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built `apiposture` command as a user would, in a child process: for what only a process shows (exit
 * codes of main.js, signals, the streams themselves). Everything else runs in process (`runInProcess`).
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const cli = builtCli();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `apiposture-${prefix}-`));
}

/** Copies a fixture directory, replacing the subscription GUID in every file (a second subscription's estate). */
export async function copyFixture(from: string, to: string, replace: Record<string, string> = {}): Promise<string> {
  await cp(from, to, { recursive: true });
  for (const name of await readdir(to, { recursive: true })) {
    const path = join(to, name);
    if (!path.endsWith('.json')) continue;
    let text = await readFile(path, 'utf8');
    for (const [a, b] of Object.entries(replace)) text = text.replaceAll(a, b);
    await writeFile(path, text);
  }
  return to;
}

/**
 * Runs a command line in process (src/cli/run.ts, the runner main.ts uses): its exit code and what it printed.
 * Faster than a child process where the process itself is not what is tested.
 */
export async function runInProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runProgram } = await import('../../src/cli/run.js');
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => ((stdout += s), true) } as unknown as NodeJS.WritableStream,
    stderr: { isTTY: false, write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WriteStream,
    env,
  };
  const code = await runProgram(args, io);
  return { code, stdout, stderr };
}
