#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { reportFailure, type CommandIo } from './run-command.js';
import { runProgram } from './run.js';
import { runRelaunched, stopWithParent, youngGenerationRelaunch } from './young-generation.js';

// A reader that stops early (`apiposture paths | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const io: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
const args = process.argv.slice(2);

/** `serve` runs again with a larger young generation (young-generation.ts); everything else runs here. */
async function main(): Promise<number> {
  let relaunch: string[] | null;
  try {
    relaunch = youngGenerationRelaunch(args, { execArgv: process.execArgv, script: fileURLToPath(import.meta.url) }, io.env);
  } catch (error) {
    return reportFailure(error, io);
  }
  if (relaunch) return runRelaunched(relaunch, io.env, process.stdin.isTTY === true);
  stopWithParent(io.env);
  return runProgram(args, io);
}

process.exitCode = await main();
