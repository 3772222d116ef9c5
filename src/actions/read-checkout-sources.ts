import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { MAX_FILE_BYTES, isAnalysablePath } from '../engine/files.js';
import type { SourceInput } from '../engine/index.js';
import type { ChangedFile } from '../github/list-changed-files.js';
import { readSources } from '../github/read-sources.js';
import type { ReviewTarget } from '../github/review-target.js';
import type { GitHub } from '../github/types.js';

/** Files read at once: enough to keep the disk busy, few enough to stay far from the open-file limit. */
const READ_CONCURRENCY = 32;

export interface CheckoutSources {
  sources: SourceInput[];
  /** Files whose content on disk is not the head commit's, read from GitHub instead. */
  fromGitHub: number;
}

/**
 * The changed files' content at the pull request's head, from the checkout where it is the same.
 *
 * `actions/checkout` checks out the merge of the head into the base by default, and earlier steps
 * may rewrite files: a line number from such a file can miss the line GitHub's diff shows. So each
 * file's git blob id is computed from the disk and compared with the one GitHub lists for the head;
 * a file that differs, or is not on disk, is read from GitHub at the head commit, the App's way.
 */
export async function readCheckoutSources(octokit: GitHub, target: ReviewTarget, workspace: string, files: readonly ChangedFile[]): Promise<CheckoutSources> {
  // Removed files have no content at the head, and other paths are not code the engine reads.
  const wanted = files.filter((file) => file.status !== 'removed' && isAnalysablePath(file.path));
  const read: (SourceInput | undefined)[] = [];
  for (let i = 0; i < wanted.length; i += READ_CONCURRENCY) {
    read.push(...(await Promise.all(wanted.slice(i, i + READ_CONCURRENCY).map((file) => readFromDisk(workspace, file)))));
  }
  const missing = wanted.filter((_, index) => read[index] === undefined);
  const fetched = new Map((missing.length > 0 ? await readSources(octokit, target, missing) : []).map((source) => [source.path, source]));
  const sources = wanted.map((file, index) => read[index] ?? fetched.get(file.path)).filter((source): source is SourceInput => source !== undefined);
  return { sources, fromGitHub: missing.length };
}

/** The file as a source when the disk holds exactly the head's blob (or one too large to review); otherwise undefined. */
async function readFromDisk(workspace: string, file: ChangedFile): Promise<SourceInput | undefined> {
  const absolute = resolve(workspace, file.path);
  // GitHub's paths are the repository's own; one that leaves the checkout is not read from disk.
  if (relative(workspace, absolute).split(sep)[0] === '..' || file.sha === undefined) return undefined;
  const base = { path: file.path, status: file.status, ...(file.patch !== undefined ? { patch: file.patch } : {}) };
  try {
    if ((await stat(absolute)).size > MAX_FILE_BYTES) return { ...base, skipReason: `larger than ${MAX_FILE_BYTES / 1_000_000} MB` };
    const bytes = await readFile(absolute);
    return blobId(bytes) === file.sha ? { ...base, content: bytes.toString('utf8') } : undefined;
  } catch {
    return undefined;
  }
}

/** Git's object id of a file's content: what GitHub lists as the file's `sha`. */
function blobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
