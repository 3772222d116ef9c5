import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { splitGitDiff } from '../engine/diff.js';
import { relativePath } from './relative-path.js';
import { UsageError } from './usage-error.js';

const run = promisify(execFile);

/** A whole repository's diff can be large; execFile's 1 MB default would cut it off. */
const MAX_GIT_OUTPUT_BYTES = 512 * 1024 * 1024;

export interface ChangedFile {
  /** Relative to the working directory, with `/` separators. */
  path: string;
  status: 'added' | 'modified';
  /** The file's zero-context diff; absent for added files, whose every line is new. */
  patch?: string;
}

/**
 * Files changed since `base` under `paths`, as a pull request from `base` would show them: the
 * working tree against the ref (so uncommitted edits count), plus untracked files as added.
 */
export async function gitChanges(cwd: string, base: string, paths: readonly string[]): Promise<ChangedFile[]> {
  const top = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  // git prints real paths; a working directory reached through a symlink (macOS /tmp) must match them.
  const here = await realpath(cwd);
  const diff = await git(cwd, [
    'diff', '--no-color', '--no-ext-diff', '--unified=0', '--src-prefix=a/', '--dst-prefix=b/', base, '--', ...paths,
  ]);
  const changed: ChangedFile[] = [];
  for (const [path, patch] of splitGitDiff(diff)) {
    const rel = relativePath(here, join(top, path));
    changed.push(/^new file mode/m.test(patch) ? { path: rel, status: 'added' } : { path: rel, status: 'modified', patch });
  }
  const untracked = await git(cwd, ['ls-files', '--others', '--exclude-standard', '-z', '--', ...paths]);
  const known = new Set(changed.map((file) => file.path));
  for (const path of untracked.split('\0').filter(Boolean)) {
    const rel = relativePath(here, join(here, path));
    if (!known.has(rel)) changed.push({ path: rel, status: 'added' });
  }
  return changed.sort((a, b) => a.path.localeCompare(b.path));
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    // Literal pathspecs: a file named `*.ts` is that file; quotePath off keeps non-ASCII names readable.
    const { stdout } = await run('git', ['--literal-pathspecs', '-c', 'core.quotePath=false', ...args], {
      cwd,
      maxBuffer: MAX_GIT_OUTPUT_BYTES,
      encoding: 'utf8',
    });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new UsageError('--base needs git, and git was not found on the PATH');
    if (args[0] === 'rev-parse') throw new UsageError(`--base needs a git repository, and ${cwd} is not in one`);
    const detail = (failure.stderr ?? '').split('\n').find((line) => line.trim()) ?? failure.message.split('\n')[0];
    throw new UsageError(`git ${args[0]} failed: ${detail!.replace(/^fatal:\s*/, '')}`);
  }
}
