/** The pull request a review is for, at the commit it is reviewed on. */
export interface ReviewTarget {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  title: string;
  /** The repository's web address (`https://<host>/<owner>/<repo>`), for links to code. */
  repoUrl: string;
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
}

export function reviewTargetOf(repository: RepositoryLike, pr: PullRequestLike): ReviewTarget {
  return {
    owner: repository.owner.login,
    repo: repository.name,
    pullNumber: pr.number,
    headSha: pr.head.sha,
    title: pr.title,
    repoUrl: repository.html_url,
  };
}
