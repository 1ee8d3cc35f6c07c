import { CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';
import { reportFailure, type CommandIo } from './run-command.js';

/**
 * Runs one command line to its exit code (main.ts, and tests in process). Commander's own errors (unknown
 * option, bad value, missing argument) have printed one line and the usage line by the time they arrive here.
 */
export async function runProgram(args: readonly string[], io: CommandIo): Promise<number> {
  let code: number = EXIT.OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    // --help and --version end here too, with exit code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    return reportFailure(error, io);
  }
  return code;
}
