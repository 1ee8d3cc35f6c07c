import { spawn } from 'node:child_process';
import { ConfigError } from '../util/errors.js';

/**
 * `serve` holds the whole estate in its heap (hundreds of megabytes at a few hundred thousand nodes) and answers
 * requests that each leave garbage behind. With V8's default young generation (16 MB semi-spaces), the objects of
 * the requests in flight outlive two young collections under load and are promoted: the old space then fills
 * towards a full mark-compact of the estate-sized heap, a pause of hundreds of milliseconds. A larger young
 * generation lets request garbage die young. V8 fixes the size when the process starts (`v8.setFlagsFromString`
 * afterwards has no effect), so the installed bin starts `serve` again with the flag, once.
 */
export const SERVE_SEMI_SPACE_MB = 64;

/** Environment override: a size in MB for `serve`'s young semi-space, or 0 to keep V8's default and run in place. */
export const SEMI_SPACE_ENV = 'APIPOSTURE_SERVE_SEMI_SPACE_MB';

/** Set in the restarted process: it runs the command itself, and stops when the process that started it is gone. */
export const RELAUNCHED_ENV = 'APIPOSTURE_RELAUNCHED';

const FLAG = '--max-semi-space-size';
const LARGEST_MB = 1_024;

/** The young semi-space `serve` runs with, in MB (0: V8's default), from the override or SERVE_SEMI_SPACE_MB. */
export function serveSemiSpaceMb(env: NodeJS.ProcessEnv): number {
  const given = env[SEMI_SPACE_ENV];
  if (given === undefined || given.trim() === '') return SERVE_SEMI_SPACE_MB;
  const mb = Number(given);
  if (!/^\d+$/.test(given.trim()) || mb > LARGEST_MB)
    throw new ConfigError(`${SEMI_SPACE_ENV} must be a whole number of megabytes from 0 to ${LARGEST_MB} (0: V8's default), not "${given}"`);
  return mb;
}

/**
 * The Node arguments to start `serve` again with a larger young generation, or null to run the command here:
 * another command, the override set to 0, a process that already is the restart, or a size chosen already
 * (`node --max-semi-space-size=… `, NODE_OPTIONS): the caller's choice stands.
 */
export function youngGenerationRelaunch(
  args: readonly string[],
  node: { readonly execArgv: readonly string[]; readonly script: string },
  env: NodeJS.ProcessEnv,
): string[] | null {
  if (args[0] !== 'serve' || env[RELAUNCHED_ENV] === '1') return null;
  const mb = serveSemiSpaceMb(env);
  if (mb === 0) return null;
  // V8 reads `--max_semi_space_size` as the same flag.
  const chosen = (text: string) => /--max[-_]semi[-_]space[-_]size/.test(text);
  if (node.execArgv.some(chosen) || chosen(env['NODE_OPTIONS'] ?? '')) return null;
  return [...node.execArgv, `${FLAG}=${mb}`, node.script, ...args];
}

/** Signals a supervisor sends to the process it started (the parent here): passed on to the server. */
const FORWARDED = ['SIGTERM', 'SIGHUP'] as const;

/**
 * Runs the restarted `serve` to its end and answers with its exit code. Standard streams are shared. A terminal's
 * Ctrl-C reaches both processes (one foreground group): the server handles it, the parent only waits; a SIGINT
 * sent to the parent alone (`kill -INT`, no terminal) is passed on. A server killed by a signal ends its parent
 * with the same signal, so a shell sees the same status as without the restart.
 */
export function runRelaunched(nodeArgs: readonly string[], env: NodeJS.ProcessEnv, fromTerminal: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...env, [RELAUNCHED_ENV]: '1' },
    });
    const forward = (signal: NodeJS.Signals) => () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const handlers = [...FORWARDED, 'SIGINT' as const].map((signal) => {
      const handler = signal === 'SIGINT' && fromTerminal ? () => {} : forward(signal);
      process.on(signal, handler);
      return () => process.off(signal, handler);
    });
    child.once('error', (error) => {
      for (const off of handlers) off();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      for (const off of handlers) off();
      if (signal) {
        process.kill(process.pid, signal);
        return;
      }
      resolve(code ?? 0);
    });
  });
}

/**
 * In the restarted process: when the process that started it ends without passing a signal on (killed outright),
 * the server stops as on SIGTERM instead of serving on, orphaned. The channel never keeps the process alive.
 */
export function stopWithParent(env: NodeJS.ProcessEnv): void {
  if (env[RELAUNCHED_ENV] !== '1' || !process.connected) return;
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref();
}
