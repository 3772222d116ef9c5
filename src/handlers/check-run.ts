import type { Context } from 'probot';
import { appIdOf } from '../github/app-id-of.js';
import { CHECK_RUN_NAME } from '../github/check-run.js';
import type { ReviewQueue } from '../queue/review-queue.js';
import { enqueueReview } from './enqueue-review.js';

/** "Re-run" on the check run: review its pull request again, reusing the check run of its head. */
export async function onCheckRunRerequested(context: Context<'check_run.rerequested'>, queue: ReviewQueue): Promise<void> {
  const { check_run: checkRun } = context.payload;
  // Another App's check that happens to share the name is not ours to run; when the id cannot be
  // read (token authentication), the name is the best evidence left.
  const appId = await appIdOf(context.octokit);
  if (checkRun.name !== CHECK_RUN_NAME || (appId !== undefined && checkRun.app?.id !== appId)) return;

  // GitHub leaves the list empty for pull requests from forks: there is nothing to attach a review to.
  const pullRequest = checkRun.pull_requests[0];
  if (!pullRequest) {
    context.log.info({ checkRun: checkRun.id }, 'Re-run requested for a check run without a pull request');
    return;
  }
  // The pull request may have moved on since: the job reviews the head it has when it runs.
  await enqueueReview(context, queue, { pullNumber: pullRequest.number, mode: 'changed', trigger: 'rerun' });
}
