import type { Probot } from 'probot';
import { onCheckRunRerequested } from './handlers/check-run.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { oncePerDelivery } from './handlers/once-per-delivery.js';
import { onPullRequest, PULL_REQUEST_EVENTS } from './handlers/pull-request.js';

/** The GitHub App: which webhook runs which handler, each delivery at most once. */
export default (app: Probot): void => {
  app.on([...PULL_REQUEST_EVENTS], oncePerDelivery(onPullRequest));
  app.on('check_run.rerequested', oncePerDelivery(onCheckRunRerequested));
  app.on('issue_comment.created', oncePerDelivery(onIssueComment));
};
