#!/usr/bin/env node
import { buildProgram } from './program.js';

const io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
const program = buildProgram(io, (code) => {
  process.exitCode = code;
});
await program.parseAsync(process.argv);
