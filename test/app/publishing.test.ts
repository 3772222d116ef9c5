import { describe, expect, it } from 'vitest';
import { REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, QUERY_IN_JOB } from '../fixtures/app/sources.js';
import { type ContextMock, deliver, examplePayload, expectCheckRun, mockContext, mockInstallationToken, recordBodies, useApp } from '../helpers/github.js';

const OPENED = 12;

const t = useApp();

const UNPROCESSABLE = { message: 'Unprocessable Entity', errors: ['Line could not be resolved'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' };
const NOT_ACCESSIBLE = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' };

/** Two changed files with an N+1 each: two inline comments to post. */
function twoFindings(context: ContextMock = {}) {
  mockInstallationToken(t.github);
  listFiles([listedFile(EMAILS_ROUTE, 'modified'), listedFile(QUERY_IN_JOB, 'added', 9)]);
  mockContext(t.github, { changedFiles: 2, files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content, [QUERY_IN_JOB.path]: QUERY_IN_JOB.content }, ...context });
}

function listFiles(files: object[]) {
  t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).reply(200, files);
}

function reviewAnswers(...answers: [number, object][]) {
  const reviews = recordBodies();
  for (const [status, body] of answers) t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(reviews.reply(status, body));
  return reviews;
}

function expectSummary() {
  const summaries = recordBodies();
  t.github.post(`${REPO_PATH}/issues/2/comments`).reply(summaries.reply(201, { id: 90 }));
  return summaries;
}

function expectCompletion() {
  return { bodies: expectCheckRun(t.github).created };
}

describe('publishing when GitHub refuses part of it', () => {
  it('422 on the review: posts it again without the comment whose line left the diff, and lists that finding in the summary', async () => {
    twoFindings();
    const reviews = reviewAnswers([422, UNPROCESSABLE], [200, { id: 80 }]);
    // The head did not move; the base branch did: the job file is now mostly in the base, only its imports differ.
    listFiles([listedFile(EMAILS_ROUTE, 'modified'), listedFile({ path: QUERY_IN_JOB.path, patch: '@@ -1,2 +1,3 @@\n+import { eq } from \'drizzle-orm\';\n import { db } from \'../db\';\n import { users } from \'../db/schema\';' }, 'modified', 1)]);
    const summaries = expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies.map((body) => body.comments.map((comment: { path: string }) => comment.path))).toEqual([
      [QUERY_IN_JOB.path, EMAILS_ROUTE.path],
      [EMAILS_ROUTE.path],
    ]);
    const summary: string = summaries.bodies[0]!.body;
    expect(summary).toContain('### Not commented inline');
    expect(summary).toMatch(new RegExp(`${QUERY_IN_JOB.path}:${QUERY_IN_JOB.queryLine}.*\\(GitHub refused it: the line is no longer in the diff\\)`));
    expect(summary).toContain('GitHub refused the inline comments (HTTP 422: Unprocessable Entity: "Line could not be resolved"');
    expect(updates.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('422 twice: every finding goes to the summary, and the check run still completes', async () => {
    twoFindings();
    reviewAnswers([422, UNPROCESSABLE], [422, UNPROCESSABLE]);
    listFiles([listedFile(EMAILS_ROUTE, 'modified'), listedFile(QUERY_IN_JOB, 'added', 9)]);
    const summaries = expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    const summary: string = summaries.bodies[0]!.body;
    expect(summary.match(/\(GitHub refused the inline comments\)/g)).toHaveLength(2);
    expect(updates.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('403 on the review (no pull requests permission): the summary lists the findings and says why', async () => {
    twoFindings();
    reviewAnswers([403, NOT_ACCESSIBLE]);
    const summaries = expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    const summary: string = summaries.bodies[0]!.body;
    expect(summary.match(/\(the App may not post review comments here\)/g)).toHaveLength(2);
    expect(summary).toContain('The App may not post review comments on this repository (it lacks the pull requests write permission)');
    expect(updates.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('403 on the summary comment (no issues permission): the check run carries the summary and says why', async () => {
    twoFindings();
    reviewAnswers([200, { id: 80 }]);
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(403, NOT_ACCESSIBLE);
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    const { output } = updates.bodies[0]!;
    expect(output.summary).toMatch(/^> The summary comment could not be posted: the App lacks the permission to comment/);
    expect(output.summary).toContain('## Executive Summary');
    expect(updates.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('403 on the check run (no checks permission): reviews anyway, and the summary says nothing gates the merge', async () => {
    // GitHub answers the context but refuses the check suites: no check run is created at all.
    twoFindings({ errors: [{ type: 'FORBIDDEN', path: ['repository', 'pullRequest', 'commits', 'nodes', 0, 'commit', 'checkSuites'], message: 'Resource not accessible by integration' }] });
    const reviews = reviewAnswers([200, { id: 80 }]);
    const summaries = expectSummary();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toHaveLength(2);
    expect(summaries.bodies[0]!.body).toContain('No check run: the App lacks the checks write permission on this repository, so this review cannot gate the merge.');
  });

  it('403 when creating the check run at the end: the review and summary stand, and the log says why', async () => {
    twoFindings();
    const reviews = reviewAnswers([200, { id: 80 }]);
    expectSummary();
    t.github.post(`${REPO_PATH}/check-runs`).reply(403, NOT_ACCESSIBLE);

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toHaveLength(2);
    expect(t.logs.join('')).toContain('Could not create the check run: the App lacks the checks write permission');
    expect(t.logs.join('')).not.toContain('Performance Review failed');
  });
});
