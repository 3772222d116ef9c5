import { MAX_FILE_BYTES, isAnalysablePath } from '../engine/files.js';
import type { SourceInput } from '../engine/index.js';
import { httpStatusOf } from './error-fields.js';
import { MAX_CONTENT_BYTES } from './limits.js';
import type { ChangedFile } from './list-changed-files.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/** The engine skips larger files, and GitHub sends none above its own limit: the smaller of the two. */
const MAX_READ_BYTES = Math.min(MAX_FILE_BYTES, MAX_CONTENT_BYTES);

/** Enough parallel reads to keep a large pull request quick without tripping secondary rate limits. */
const CONCURRENT_READS = 8;

/**
 * The changed code files with their content at the head commit. One file GitHub cannot serve does
 * not stop the review: it carries a `skipReason` and the summary says it was not read.
 *
 * Contents are read from the base repository at the head commit, also for a pull request from a
 * fork: GitHub makes the fork's commits reachable there, and the App is installed there only.
 */
export async function readSources(octokit: GitHub, target: ReviewTarget, files: readonly ChangedFile[]): Promise<SourceInput[]> {
  // Removed files have no content at the head, and other paths are not code the engine reads.
  const wanted = files.filter((file) => file.status !== 'removed' && isAnalysablePath(file.path));
  const sources: SourceInput[] = new Array(wanted.length);
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const index = next++;
      const file = wanted[index]!;
      sources[index] = { path: file.path, status: file.status, ...(file.patch !== undefined ? { patch: file.patch } : {}), ...(await readContent(octokit, target, file.path)) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, wanted.length) }, worker));
  return sources;
}

async function readContent(octokit: GitHub, target: ReviewTarget, path: string): Promise<{ content: string } | { skipReason: string }> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner: target.owner, repo: target.repo, path, ref: target.headSha });
    if (Array.isArray(data) || data.type !== 'file') return { skipReason: 'not a regular file at the head commit' };
    // Between 1 and 100 MB GitHub sends no content (encoding "none"); either way it is past what the engine reads.
    if (data.size > MAX_READ_BYTES || data.encoding !== 'base64') return { skipReason: tooLarge(data.size) };
    return { content: Buffer.from(data.content, 'base64').toString('utf8') };
  } catch (error) {
    const status = httpStatusOf(error);
    // Older GitHub Enterprise versions refuse large blobs with a 403 `too_large` instead.
    if (status === 403 && /too_large|too large/i.test(error instanceof Error ? error.message : '')) return { skipReason: tooLarge() };
    return { skipReason: `GitHub did not return its content${status !== undefined ? ` (HTTP ${status})` : ''}` };
  }
}

function tooLarge(size?: number): string {
  const limit = `larger than ${MAX_READ_BYTES / 1_000_000} MB`;
  return size !== undefined && size > MAX_READ_BYTES ? `${limit} (${(size / 1_000_000).toFixed(1)} MB)` : limit;
}
