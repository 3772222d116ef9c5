import type { SourceInput } from '../engine/index.js';
import { isAnalysablePath } from '../engine/files.js';
import type { ChangedFile } from './list-changed-files.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/** Enough parallel reads to keep a large pull request quick without tripping secondary rate limits. */
const CONCURRENT_READS = 8;

/**
 * The changed code files with their content at the head commit. One file GitHub cannot serve does
 * not stop the review: it carries a `skipReason` and the summary says it was not read.
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
    // Between 1 and 100 MB GitHub sends no content (encoding "none"): far past what the engine reads.
    if (data.encoding !== 'base64') return { skipReason: 'larger than 1 MB' };
    return { content: Buffer.from(data.content, 'base64').toString('utf8') };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    return { skipReason: `GitHub did not return its content${typeof status === 'number' ? ` (HTTP ${status})` : ''}` };
  }
}
