/** The pull request a review is for, at the commit it is reviewed on. */
export interface ReviewTarget {
  /** The base repository: where the review is posted and where the head commit is read, forks included. */
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  title: string;
  /** The repository's web address (`https://<host>/<owner>/<repo>`), for links to code. */
  repoUrl: string;
  /** When GitHub last changed the pull request: orders events that arrive out of order. */
  updatedAt?: string;
  /** How many files the pull request changes, which may be more than GitHub lists. */
  changedFiles?: number;
}

/** The fields a review needs; webhook payloads and `pulls.get` both carry them. */
export interface RepositoryLike {
  name: string;
  html_url: string;
  owner: { login: string };
}

export interface PullRequestLike {
  number: number;
  title: string;
  head: { sha: string };
  updated_at?: string;
  changed_files?: number;
}

/**
 * `repository` is the base repository. A fork's head commit is reachable there too (GitHub keeps
 * `refs/pull/<n>/head` in the base), so the App's installation on the base reads it without any
 * access to the fork.
 */
export function reviewTargetOf(repository: RepositoryLike, pr: PullRequestLike): ReviewTarget {
  return {
    owner: repository.owner.login,
    repo: repository.name,
    pullNumber: pr.number,
    headSha: pr.head.sha,
    title: pr.title,
    repoUrl: repository.html_url,
    ...(pr.updated_at !== undefined ? { updatedAt: pr.updated_at } : {}),
    ...(pr.changed_files !== undefined ? { changedFiles: pr.changed_files } : {}),
  };
}
