#!/usr/bin/env node
import { buildProgram } from './program.js';

// A reader that stops early (`apiposture paths | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
const program = buildProgram(io, (code) => {
  process.exitCode = code;
});
await program.parseAsync(process.argv);
