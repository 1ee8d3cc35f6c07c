#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';
import { reportFailure } from './run-command.js';

// A reader that stops early (`apiposture paths | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
const program = buildProgram(io, (code) => {
  process.exitCode = code;
});
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has printed its one-line error and the usage line; --help and --version end here with 0.
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  else process.exitCode = reportFailure(error, io);
}
