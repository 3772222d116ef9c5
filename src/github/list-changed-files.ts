import { MAX_PER_PAGE, MAX_PULL_REQUEST_FILES } from './limits.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

export interface ChangedFile {
  path: string;
  status: string;
  /** Absent when GitHub does not render the diff (too large or binary). */
  patch?: string;
  /** The file's blob at the head commit: tells whether a checkout on disk holds the same content. */
  sha?: string;
}

export interface ChangedFiles {
  files: ChangedFile[];
  /** GitHub lists at most 3,000 files; the rest of a larger pull request is not reviewed. */
  truncated: boolean;
}

export async function listChangedFiles(octokit: GitHub, target: ReviewTarget): Promise<ChangedFiles> {
  let count = 0;
  const listed = await octokit.paginate(
    octokit.rest.pulls.listFiles,
    { owner: target.owner, repo: target.repo, pull_number: target.pullNumber, per_page: MAX_PER_PAGE },
    (response, done) => {
      // GitHub ends the list at its limit; stopping there as well keeps a proxy that does not from paging on.
      count += response.data.length;
      if (count >= MAX_PULL_REQUEST_FILES) done();
      return response.data;
    },
  );
  const files = listed.slice(0, MAX_PULL_REQUEST_FILES).map((file) => ({
    path: file.filename,
    status: file.status,
    // A pure rename has no patch and no changed line; without this the engine would read the
    // missing patch as "diff unknown" and review the whole file.
    patch: file.patch ?? (file.changes === 0 ? '' : undefined),
    ...(file.sha ? { sha: file.sha } : {}),
  }));
  return { files, truncated: files.length >= MAX_PULL_REQUEST_FILES };
}
