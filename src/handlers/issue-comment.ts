import type { Context } from 'probot';
import { acknowledgeComment } from '../github/acknowledge-comment.js';
import { canRequestReview } from '../github/can-request-review.js';
import { replyToComment } from '../github/reply-to-comment.js';
import type { ReviewQueue } from '../queue/review-queue.js';
import { enqueueReview } from './enqueue-review.js';
import { commandUsage, parseCommand } from './parse-command.js';

/** `/perf-review`, `/perf-review full` or `/perf-review help` as the first line of a pull request comment. */
export async function onIssueComment(context: Context<'issue_comment.created'>, queue: ReviewQueue): Promise<void> {
  const { issue, comment, repository } = context.payload;
  // Issue comments arrive for issues and pull requests alike; only pull requests have code to review.
  if (!issue.pull_request || comment.user?.type === 'Bot') return;
  const command = parseCommand(comment.body);
  if (!command) return;

  const owner = repository.owner.login;
  const repo = repository.name;
  // Anyone can comment on a public repository; every command spends the installation's API budget.
  if (!comment.user || !(await canRequestReview(context.octokit, owner, repo, comment.user.login))) {
    context.log.info({ user: comment.user?.login }, 'Ignored /perf-review from a user without write permission');
    return;
  }
  if (command.kind === 'help') {
    await replyToComment(context.octokit, owner, repo, issue.number, comment.user.login, commandUsage(command.unknown));
    return;
  }
  // The reaction is the answer the author sees at once; the review lands when the queue gets to it.
  await acknowledgeComment(context.octokit, owner, repo, comment.id);
  await enqueueReview(context, queue, { pullNumber: issue.number, mode: command.mode, trigger: 'command' });
}
