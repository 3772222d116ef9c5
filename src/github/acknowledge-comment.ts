import type { GitHub } from './types.js';

/** Reacts to a `/perf-review` comment so its author sees the request was taken before the review lands. */
export async function acknowledgeComment(octokit: GitHub, owner: string, repo: string, commentId: number): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content: 'eyes' });
}
