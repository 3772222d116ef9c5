import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isAnalysablePath } from '../engine/files.js';
import type { SkippedFile } from '../engine/index.js';
import { relativePath } from './relative-path.js';
import { UsageError } from './usage-error.js';

export interface CollectedFiles {
  /** Analysable files, relative to the working directory with `/` separators, sorted. */
  files: string[];
  /** Files named on the command line that the engine does not read, so the user hears why. */
  skipped: SkippedFile[];
}

/** Version-control folders: never source, and `.git` alone can hold many thousands of files. */
const VCS_DIRECTORIES = new Set(['.git', '.hg', '.svn']);

/**
 * The files to review under the given paths. Folders the engine skips (node_modules, dist, build,
 * vendor …) are not entered at all; the engine's own `isAnalysablePath` decides, so the two never drift.
 */
export async function collectFiles(cwd: string, paths: readonly string[]): Promise<CollectedFiles> {
  const files = new Set<string>();
  const skipped: SkippedFile[] = [];
  const named = await Promise.all(paths.map(async (path) => ({ info: await statPath(cwd, path), rel: relativePath(cwd, resolve(cwd, path)) })));
  await Promise.all(
    named.map(async ({ info, rel }) => {
      if (info.isDirectory()) await walk(resolve(cwd, rel), rel, files);
      else if (isAnalysablePath(rel)) files.add(rel);
      else skipped.push({ path: rel, reason: 'not a file perf-review reads (JavaScript or TypeScript source outside dependency and build folders)' });
    }),
  );
  return { files: [...files].sort(), skipped: skipped.sort((a, b) => a.path.localeCompare(b.path)) };
}

/** A path named on the command line; one that does not exist is an input error, not an empty review. */
export async function statPath(cwd: string, path: string): Promise<Stats> {
  return stat(resolve(cwd, path)).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(error.code === 'ENOENT' ? `path not found: ${path}` : `cannot read ${path}: ${error.code ?? error.message}`);
  });
}

async function walk(absolute: string, rel: string, into: Set<string>): Promise<void> {
  const entries = await readdir(absolute, { withFileTypes: true });
  const folders: Promise<void>[] = [];
  for (const entry of entries) {
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    // Symbolic links are not followed: they can loop, and they usually point at code reviewed elsewhere.
    if (entry.isDirectory()) {
      if (!VCS_DIRECTORIES.has(entry.name) && isAnalysablePath(`${childRel}/index.ts`)) {
        folders.push(walk(join(absolute, entry.name), childRel, into));
      }
    } else if (entry.isFile() && isAnalysablePath(childRel)) {
      into.add(childRel);
    }
  }
  await Promise.all(folders);
}
