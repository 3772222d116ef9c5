import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli/run-cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, as a terminal would see it. */
export async function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

/** A fresh folder holding the given files (path → content). */
export async function tempProject(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'perf-review-cli-'));
  await writeFiles(root, files);
  return root;
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

export async function removeProject(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

const execFileAsync = promisify(execFile);

/** git with an identity and no user or system configuration, so a developer's settings cannot change the result. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
  const { stdout } = await execFileAsync('git', args, { cwd, env });
  return stdout;
}

/**
 * The specification's N+1: one query per email, starting on line 5. Every query is bounded, so the
 * N+1 is the file's only problem and the CLI tests count exactly one finding.
 */
export const N_PLUS_ONE = `import { db } from './db';
export async function list() {
  const rows = await db.select({ id: emails.id }).from(emails).limit(100);
  for (const email of rows) {
    email.events = await db.select({ id: emailEvents.id }).from(emailEvents)
      .where(eq(emailEvents.emailId, email.id)).limit(50);
  }
  return rows;
}
`;

/** The same list, batch-loaded: silent. */
export const BATCHED = `import { db } from './db';
export async function list() {
  const rows = await db.select({ id: emails.id }).from(emails).limit(100);
  const events = await db.select({ id: emailEvents.id }).from(emailEvents).where(inArray(emailEvents.emailId, rows.map((r) => r.id)));
  return { rows, events };
}
`;
