#!/usr/bin/env node
import { runProgram } from './run.js';

// A reader that stops early (`apiposture paths | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runProgram(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
