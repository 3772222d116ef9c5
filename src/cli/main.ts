#!/usr/bin/env node
import { runCli } from './run-cli.js';

// exitCode rather than exit(): a piped stdout is flushed before the process ends.
process.exitCode = await runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
