import { describe, expect, it } from 'vitest';
import { APP_ID } from '../helpers/github.js';
import { CHECK_RUN_ID, HEAD_SHA, REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, QUERY_IN_JOB } from '../fixtures/app/sources.js';
import { deliver, examplePayload, mockBlobs, mockCheckRunStart, mockConfig, mockHead, mockInstallationToken, mockPullRequest, recordBodies, useApp } from '../helpers/github.js';

const OPENED = 12;

const t = useApp();

const UNPROCESSABLE = { message: 'Unprocessable Entity', errors: ['Line could not be resolved'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' };
const NOT_ACCESSIBLE = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' };

/** Two changed files with an N+1 each: two inline comments to post. */
function twoFindings() {
  mockInstallationToken(t.github);
  mockPullRequest(t.github);
  mockConfig(t.github);
  listFiles([listedFile(EMAILS_ROUTE, 'modified'), listedFile(QUERY_IN_JOB, 'added', 9)]);
  mockBlobs(t.github, { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content, [QUERY_IN_JOB.path]: QUERY_IN_JOB.content });
  t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
  mockHead(t.github);
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
  t.github.get(`${REPO_PATH}/issues/2/comments`).query({ per_page: 100 }).reply(200, []);
  t.github.post(`${REPO_PATH}/issues/2/comments`).reply(summaries.reply(201, { id: 90 }));
  return summaries;
}

function expectCompletion() {
  const updates = recordBodies();
  t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).reply(updates.reply(200, { id: CHECK_RUN_ID }));
  return updates;
}

describe('publishing when GitHub refuses part of it', () => {
  it('422 on the review: posts it again without the comment whose line left the diff, and lists that finding in the summary', async () => {
    mockCheckRunStart(t.github);
    twoFindings();
    const reviews = reviewAnswers([422, UNPROCESSABLE], [200, { id: 80 }]);
    // The head did not move; the base branch did: the job file is now mostly in the base, only its imports differ.
    mockHead(t.github);
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
    mockCheckRunStart(t.github);
    twoFindings();
    reviewAnswers([422, UNPROCESSABLE], [422, UNPROCESSABLE]);
    mockHead(t.github);
    listFiles([listedFile(EMAILS_ROUTE, 'modified'), listedFile(QUERY_IN_JOB, 'added', 9)]);
    const summaries = expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    const summary: string = summaries.bodies[0]!.body;
    expect(summary.match(/\(GitHub refused the inline comments\)/g)).toHaveLength(2);
    expect(updates.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('403 on the review (no pull requests permission): the summary lists the findings and says why', async () => {
    mockCheckRunStart(t.github);
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
    mockCheckRunStart(t.github);
    twoFindings();
    reviewAnswers([200, { id: 80 }]);
    t.github.get(`${REPO_PATH}/issues/2/comments`).query({ per_page: 100 }).reply(403, NOT_ACCESSIBLE);
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    const { output } = updates.bodies[0]!;
    expect(output.summary).toMatch(/^> The summary comment could not be posted: the App lacks the permission to comment/);
    expect(output.summary).toContain('## Executive Summary');
    expect(updates.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('403 on the check run (no checks permission): reviews anyway, and the summary says nothing gates the merge', async () => {
    t.github
      .get(`${REPO_PATH}/commits/${HEAD_SHA}/check-runs`)
      .query({ check_name: 'Performance Review', app_id: String(APP_ID) })
      .reply(403, NOT_ACCESSIBLE);
    twoFindings();
    const reviews = reviewAnswers([200, { id: 80 }]);
    const summaries = expectSummary();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toHaveLength(2);
    expect(summaries.bodies[0]!.body).toContain('No check run: the App lacks the checks write permission on this repository, so this review cannot gate the merge.');
  });
});
