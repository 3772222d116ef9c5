import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MAX_FILE_BYTES, isAnalysablePath } from '../engine/files.js';
import type { SkippedFile, SourceInput } from '../engine/index.js';
import { collectFiles, statPath } from './collect-files.js';
import { gitChanges } from './git-changes.js';

/** Files read at once: enough to keep the disk busy, few enough to stay far from the open-file limit. */
const READ_CONCURRENCY = 32;

export interface LoadedSources {
  inputs: SourceInput[];
  /** Files the user named that the engine would pass over without a word. */
  skipped: SkippedFile[];
}

/**
 * The CLI's front end: the same `{ path, status, patch, content }` the App builds from a pull
 * request, built from the disk and, with a base ref, from git.
 */
export async function loadSources(cwd: string, paths: readonly string[], base?: string): Promise<LoadedSources> {
  if (base === undefined) {
    const collected = await collectFiles(cwd, paths);
    return { inputs: await readAll(cwd, collected.files.map((path) => ({ path }))), skipped: collected.skipped };
  }
  await Promise.all(paths.map((path) => statPath(cwd, path)));
  const changed = (await gitChanges(cwd, base, paths)).filter((file) => isAnalysablePath(file.path));
  return { inputs: await readAll(cwd, changed), skipped: [] };
}

async function readAll(cwd: string, files: SourceInput[]): Promise<SourceInput[]> {
  const inputs: SourceInput[] = [];
  for (let i = 0; i < files.length; i += READ_CONCURRENCY) {
    inputs.push(...(await Promise.all(files.slice(i, i + READ_CONCURRENCY).map((file) => readOne(cwd, file)))));
  }
  return inputs;
}

async function readOne(cwd: string, file: SourceInput): Promise<SourceInput> {
  const absolute = resolve(cwd, file.path);
  try {
    // Checked before reading: a generated bundle of hundreds of megabytes need not be loaded to be skipped.
    if ((await stat(absolute)).size > MAX_FILE_BYTES) return { ...file, skipReason: `larger than ${MAX_FILE_BYTES / 1_000_000} MB` };
    return { ...file, content: await readFile(absolute, 'utf8') };
  } catch (error) {
    return { ...file, skipReason: `could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` };
  }
}
