import type { CommandIo } from '../run-command.js';
import { terminalWidth } from '../format.js';
import { minRiskOption } from '../options.js';

/**
 * Wraps a command's action so that a failure becomes one message and an exit code (program.ts builds it; the
 * usage line of the command that failed follows a usage error).
 */
export type CommandAction = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => Promise<void>;

/** What a command module registers with: the streams, the failure wrapper, and where a gate sets exit code 1. */
export interface CommandContext {
  readonly io: CommandIo;
  readonly action: CommandAction;
  readonly setExitCode: (code: number) => void;
}

/** A table printed to the terminal wraps to its width; one written to --out keeps every column whole. */
export function tableWidth(io: CommandIo, out: string | undefined): { width?: number | undefined } {
  return out ? {} : { width: terminalWidth(io) };
}

/** `--fail-on LEVEL`: the CI gate of `paths` and `findings` (exit 1, DESIGN §6). */
export const failOnOption = (what: string) => minRiskOption('--fail-on <level>', `exit 1 when ${what} at or above this level exists (a CI gate)`);
