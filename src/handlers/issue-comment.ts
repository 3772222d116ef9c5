import type { Context } from 'probot';
import { acknowledgeComment } from '../github/acknowledge-comment.js';
import { canRequestReview } from '../github/can-request-review.js';
import { getPullRequest } from '../github/get-pull-request.js';
import { runReview } from '../github/run-review.js';

export const REVIEW_COMMAND = '/perf-review';

/** `/perf-review` as the first line of a pull request comment asks for a review now. */
export async function onIssueComment(context: Context<'issue_comment.created'>): Promise<void> {
  const { issue, comment, repository } = context.payload;
  // Issue comments arrive for issues and pull requests alike; only pull requests have code to review.
  if (!issue.pull_request || comment.user?.type === 'Bot') return;
  if (firstLine(comment.body) !== REVIEW_COMMAND) return;

  const owner = repository.owner.login;
  const repo = repository.name;
  // Anyone can comment on a public repository; a review spends the installation's API budget.
  if (!comment.user || !(await canRequestReview(context.octokit, owner, repo, comment.user.login))) {
    context.log.info({ user: comment.user?.login }, 'Ignored /perf-review from a user without write permission');
    return;
  }
  await acknowledgeComment(context.octokit, owner, repo, comment.id);
  const target = await getPullRequest(context.octokit, owner, repo, issue.number);
  await runReview(context.octokit, target, context.log);
}

function firstLine(body: string): string {
  return (body.split(/\r?\n/, 1)[0] ?? '').trim();
}
