import type { Probot } from 'probot';
import { onCheckRunRerequested } from './handlers/check-run.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { onPullRequest, PULL_REQUEST_EVENTS } from './handlers/pull-request.js';

/** The GitHub App: which webhook runs which handler, nothing else. */
export default (app: Probot): void => {
  app.on([...PULL_REQUEST_EVENTS], onPullRequest);
  app.on('check_run.rerequested', onCheckRunRerequested);
  app.on('issue_comment.created', onIssueComment);
};
