import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MAX_FILE_BYTES, isAnalysablePath } from '../engine/files.js';
import type { SkippedFile, SourceInput } from '../engine/index.js';
import { collectFiles, statPath } from './collect-files.js';
import { gitChanges } from './git-changes.js';
import { relativePath } from './relative-path.js';

/** Files read at once: enough to keep the disk busy, few enough to stay far from the open-file limit. */
const READ_CONCURRENCY = 32;

/** Which files the configuration lets through (`include` / `exclude`), and how to say why one was left out. */
export interface FileSelection {
  select(paths: readonly string[]): string[];
  /** Shown for a file the user named on the command line that the selection leaves out. */
  reason: string;
}

export interface SourceOptions {
  /** Review only the changes since this git ref. */
  base?: string;
  selection?: FileSelection;
}

export interface LoadedSources {
  inputs: SourceInput[];
  /** Files the user named that the engine would pass over without a word. */
  skipped: SkippedFile[];
}

/**
 * The CLI's front end: the same `{ path, status, patch, content }` the App builds from a pull
 * request, built from the disk and, with a base ref, from git.
 */
export async function loadSources(cwd: string, paths: readonly string[], options: SourceOptions = {}): Promise<LoadedSources> {
  const { base, selection } = options;
  if (base === undefined) {
    const collected = await collectFiles(cwd, paths);
    const { kept, excluded } = applySelection(cwd, paths, collected.files, selection);
    return { inputs: await readAll(cwd, kept.map((path) => ({ path }))), skipped: [...collected.skipped, ...excluded] };
  }
  await Promise.all(paths.map((path) => statPath(cwd, path)));
  const changed = (await gitChanges(cwd, base, paths)).filter((file) => isAnalysablePath(file.path));
  const { kept, excluded } = applySelection(cwd, paths, changed.map((file) => file.path), selection);
  const keep = new Set(kept);
  return { inputs: await readAll(cwd, changed.filter((file) => keep.has(file.path))), skipped: excluded };
}

/**
 * Filters before reading, so excluded folders cost nothing. Files found by walking a folder are
 * left out quietly; a file the user named itself is listed as skipped, so they hear why.
 */
function applySelection(cwd: string, named: readonly string[], files: string[], selection?: FileSelection): { kept: string[]; excluded: SkippedFile[] } {
  if (!selection) return { kept: files, excluded: [] };
  const kept = selection.select(files);
  const keep = new Set(kept);
  const namedFiles = new Set(named.map((path) => relativePath(cwd, resolve(cwd, path))));
  const excluded = files.filter((path) => !keep.has(path) && namedFiles.has(path)).map((path) => ({ path, reason: selection.reason }));
  return { kept, excluded };
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
