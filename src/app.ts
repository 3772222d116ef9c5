import type { Probot } from 'probot';
import { onCheckRunRerequested } from './handlers/check-run.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { forgetDelivery, oncePerDelivery } from './handlers/once-per-delivery.js';
import { onPullRequest, PULL_REQUEST_EVENTS } from './handlers/pull-request.js';
import { createReviewQueue } from './queue/create-review-queue.js';

/**
 * The GitHub App: which webhook queues which review, each delivery at most once. Handlers only
 * validate and queue, so GitHub gets its answer before the review starts.
 */
export default (app: Probot): void => {
  const queue = createReviewQueue(app, { onJobError: (job) => forgetDelivery(job.deliveryId) });
  app.on([...PULL_REQUEST_EVENTS], oncePerDelivery((context) => onPullRequest(context, queue)));
  app.on('check_run.rerequested', oncePerDelivery((context) => onCheckRunRerequested(context, queue)));
  app.on('issue_comment.created', oncePerDelivery((context) => onIssueComment(context, queue)));
};
