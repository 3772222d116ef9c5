#!/usr/bin/env node
// First: it sets how the garbage collector treats what every later module allocates.
import '../gc-settings.js';
import { runCli } from './run-cli.js';

// `perf-review | head` closes the pipe early: that is the reader being done, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

// exitCode rather than exit(): a piped stdout is flushed before the process ends.
process.exitCode = await runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
