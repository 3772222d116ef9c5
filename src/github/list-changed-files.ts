import { MAX_COMPARE_FILES, MAX_PER_PAGE, MAX_PULL_REQUEST_FILES } from './limits.js';
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

/** A file as `pulls.listFiles` and `repos.compareCommits` both describe it. */
interface DiffEntry {
  filename: string;
  status: string;
  changes: number;
  patch?: string;
  sha?: string | null;
}

type PullRequestRef = Pick<ReviewTarget, 'owner' | 'repo' | 'pullNumber'>;

export async function listChangedFiles(octokit: GitHub, target: PullRequestRef): Promise<ChangedFiles> {
  return listFromPage(octokit, target, 1, []);
}

/** The first page of the list: a pull request of up to 100 files in one request, found by its number alone. */
export interface FirstPage {
  files: ChangedFile[];
  /** GitHub links to a next page. */
  more: boolean;
}

export async function listFirstPage(octokit: GitHub, target: PullRequestRef): Promise<FirstPage> {
  const response = await octokit.rest.pulls.listFiles({ owner: target.owner, repo: target.repo, pull_number: target.pullNumber, per_page: MAX_PER_PAGE });
  return { files: response.data.map(changedFileOf), more: /rel="next"/.test(response.headers.link ?? '') };
}

/**
 * Every changed file once the first page is known. Up to 300 files, one comparison of the base
 * branch with the head (three dots: from their merge base, the diff GitHub shows for the pull
 * request) lists them all with their patches; past that, the pull request's pages of 100 follow.
 */
export async function listAllFiles(octokit: GitHub, target: ReviewTarget, first: FirstPage, pullRequest: { baseRef: string; changedFiles: number }): Promise<ChangedFiles> {
  if (!first.more) return { files: first.files, truncated: false };
  if (pullRequest.changedFiles <= MAX_COMPARE_FILES) {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: target.owner,
      repo: target.repo,
      basehead: `${pullRequest.baseRef}...${target.headSha}`,
      // The files come with every page: one commit is all the page needs to carry besides.
      per_page: 1,
    });
    const files = (data.files ?? []).map(changedFileOf);
    // Fewer than the first page: not the diff the pull request shows (a base branch that moved far); its own list decides.
    if (files.length >= first.files.length && (files.length < MAX_COMPARE_FILES || files.length >= pullRequest.changedFiles)) return { files, truncated: false };
  }
  return listFromPage(octokit, target, 2, first.files);
}

async function listFromPage(octokit: GitHub, target: PullRequestRef, page: number, before: ChangedFile[]): Promise<ChangedFiles> {
  let count = before.length;
  const listed = await octokit.paginate(
    octokit.rest.pulls.listFiles,
    { owner: target.owner, repo: target.repo, pull_number: target.pullNumber, per_page: MAX_PER_PAGE, ...(page > 1 ? { page } : {}) },
    (response, done) => {
      // GitHub ends the list at its limit; stopping there as well keeps a proxy that does not from paging on.
      count += response.data.length;
      if (count >= MAX_PULL_REQUEST_FILES) done();
      return response.data;
    },
  );
  const files = [...before, ...listed.map(changedFileOf)].slice(0, MAX_PULL_REQUEST_FILES);
  return { files, truncated: files.length >= MAX_PULL_REQUEST_FILES };
}

function changedFileOf(file: DiffEntry): ChangedFile {
  return {
    path: file.filename,
    status: file.status,
    // A pure rename has no patch and no changed line; without this the engine would read the
    // missing patch as "diff unknown" and review the whole file.
    patch: file.patch ?? (file.changes === 0 ? '' : undefined),
    ...(file.sha ? { sha: file.sha } : {}),
  };
}
