import type { GitHub } from './types.js';

/** Answers a comment on a pull request: issue comments have no threads, so the author is mentioned. */
export async function replyToComment(octokit: GitHub, owner: string, repo: string, issueNumber: number, author: string, body: string): Promise<void> {
  await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: `@${author} ${body}` });
}
