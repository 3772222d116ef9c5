import { afterEach, describe, expect, it } from 'vitest';
import { review } from '../../src/engine/index.js';
import { docsUrlFor } from '../../src/review/docs.js';
import { renderInlineComment } from '../../src/review/inline.js';
import { CHECK_RUN_ID, HEAD_SHA, REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, QUERY_IN_JOB, addedPatch } from '../fixtures/app/sources.js';
import { IN_PROGRESS_AFTER_MS, reviewTiming } from '../../src/github/run-review.js';
import { INSTALLATION_TOKEN, type JsonBody, deliver, examplePayload, expectCheckRun, mockContext, mockFiles, mockInstallationToken, newDeliveryId, recordBodies, useApp } from '../helpers/github.js';

const OPENED = 12;
const SYNCHRONIZE = 22;

const t = useApp();

afterEach(() => {
  reviewTiming.inProgressAfterMs = IN_PROGRESS_AFTER_MS;
});

/**
 * A `synchronize` of pull request `number` to head `sha`. Each scenario that moves a head uses its
 * own pull request: the App remembers the newest head of each for as long as it runs.
 */
function push(number: number, sha: string, updatedAt: string) {
  const payload = examplePayload('pull_request', SYNCHRONIZE) as { number: number; pull_request: JsonBody };
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.head.sha = sha;
  payload.pull_request.updated_at = updatedAt;
  return payload;
}

/** The comment this App posted for a finding on an earlier push, as the first comment of its review thread. */
function postedComment(databaseId: number, file: { path: string; content: string; patch: string }, line: number, status = 'modified') {
  const finding = review([{ ...file, status }], { mode: 'changed' }).findings[0]!;
  return { databaseId, path: file.path, line, body: renderInlineComment(finding, docsUrlFor(finding.rule)) };
}

describe('re-runs', () => {
  it('a redelivered webhook (same X-GitHub-Delivery) does no work twice', async () => {
    mockInstallationToken(t.github);
    mockFiles(t.github, []);
    mockContext(t.github, { changedFiles: 0 });
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(201, { id: 90 });
    expectCheckRun(t.github);
    const id = newDeliveryId();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED), id);
    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED), id);

    // Each mock above answers once: a second check run, list or comment would have no mock.
    expect(t.logs.join('')).toContain('Delivery already handled: ignored');
  });

  it('a delivery whose handling failed is done when GitHub redelivers it', async () => {
    const comment = examplePayload('issue_comment', 3) as { issue: JsonBody; comment: JsonBody };
    comment.issue.pull_request = { url: `https://api.github.com${REPO_PATH}/pulls/1` };
    comment.comment.body = '/perf-review help';
    mockInstallationToken(t.github);
    t.github.get(`${REPO_PATH}/collaborators/Codertocat/permission`).reply(500, { message: 'Server Error' });
    const id = newDeliveryId();

    await expect(deliver(t.probot, 'issue_comment', comment, id)).rejects.toThrow();
    // Probot logs what a handler throws, request included: Octokit has already redacted its credentials.
    expect(t.logs.join('')).not.toContain(INSTALLATION_TOKEN);

    t.github.get(`${REPO_PATH}/collaborators/Codertocat/permission`).reply(200, { permission: 'admin', role_name: 'admin', user: { login: 'Codertocat' } });
    t.github.post(`${REPO_PATH}/issues/1/comments`).reply(201, { id: 91 });
    await deliver(t.probot, 'issue_comment', comment, id);
  });

  it('two pushes in quick succession: only the newest head is published; the older review stops before publishing', async () => {
    const [older, newer] = ['a'.repeat(40), 'b'.repeat(40)];
    const pr = `${REPO_PATH}/pulls/4`;
    let second: Promise<void> | undefined;
    mockInstallationToken(t.github);
    // The older review is slow to list its files: the newer push arrives meanwhile.
    t.github
      .get(`${pr}/files`)
      .query({ per_page: 100 })
      .delay(150)
      .reply(() => {
        second = deliver(t.probot, 'pull_request', push(4, newer, '2024-03-01T10:00:05Z'));
        return [200, [listedFile(EMAILS_ROUTE, 'modified')]];
      });
    // Each review reads the pull request as GitHub shows it by then.
    const olderContext = mockContext(t.github, { pull: 4, sha: older, files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });
    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified')], { pull: 4 });
    mockContext(t.github, { pull: 4, sha: newer, files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });
    const reviews = recordBodies();
    t.github.post(`${pr}/reviews`).reply(reviews.reply(200, { id: 80 }));
    const summaries = recordBodies();
    t.github.post(`${REPO_PATH}/issues/4/comments`).reply(summaries.reply(201, { id: 90 }));
    const { created } = expectCheckRun(t.github, { id: 102 });

    await deliver(t.probot, 'pull_request', push(4, older, '2024-03-01T10:00:00Z'));
    await second;

    expect(olderContext.bodies).toHaveLength(1);
    // The older review made no check run, review or comment: the pull request shows the newer head's.
    expect(created).toEqual([expect.objectContaining({ head_sha: newer, status: 'completed', conclusion: 'failure' })]);
    expect(reviews.bodies).toEqual([expect.objectContaining({ commit_id: newer })]);
    expect(summaries.bodies).toHaveLength(1);
    expect(t.logs.join('')).toContain('Review superseded by a newer commit: nothing published');
  });

  it('a review already showing its check run in progress ends it cancelled when a newer push arrives', async () => {
    reviewTiming.inProgressAfterMs = 0;
    const [older, newer] = ['e'.repeat(40), 'f'.repeat(40)];
    const pr = `${REPO_PATH}/pulls/5`;
    let second: Promise<void> | undefined;
    mockInstallationToken(t.github);
    // Large enough for the budget to afford showing the run in progress (5 + 60/50 requests).
    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified')], { pull: 5 });
    mockContext(t.github, { pull: 5, sha: older, changedFiles: 60, files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });
    const olderRun = recordBodies();
    t.github.post(`${REPO_PATH}/check-runs`).reply(async (request) => {
      olderRun.bodies.push((await request.clone().json()) as JsonBody);
      // The newer push arrives while the older commit is being analysed.
      second = deliver(t.probot, 'pull_request', push(5, newer, '2024-03-01T11:00:05Z'));
      return [201, { id: 101 }];
    });
    const cancelled = recordBodies();
    t.github.patch(`${REPO_PATH}/check-runs/101`).reply(cancelled.reply(200, { id: 101 }));
    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified')], { pull: 5 });
    mockContext(t.github, { pull: 5, sha: newer, changedFiles: 60, files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });
    t.github.post(`${pr}/reviews`).reply(200, { id: 80 });
    t.github.post(`${REPO_PATH}/issues/5/comments`).reply(201, { id: 90 });
    const newerRun = recordBodies();
    t.github.post(`${REPO_PATH}/check-runs`).reply(newerRun.reply(201, { id: 102 }));
    t.github.patch(`${REPO_PATH}/check-runs/102`).reply(200, { id: 102 });

    await deliver(t.probot, 'pull_request', push(5, older, '2024-03-01T11:00:00Z'));
    await second;

    expect(olderRun.bodies).toEqual([expect.objectContaining({ head_sha: older, status: 'in_progress' })]);
    expect(cancelled.bodies).toEqual([
      expect.objectContaining({ status: 'completed', conclusion: 'cancelled', output: expect.objectContaining({ title: 'Superseded by fffffff: the newer commit is reviewed instead' }) }),
    ]);
    expect(newerRun.bodies).toEqual([expect.objectContaining({ head_sha: newer, status: 'in_progress' })]);
  });

  it('a push another instance of the App received: GitHub\'s newer head, later than this push, stops the review before it starts', async () => {
    const sha = 'c'.repeat(40);
    mockInstallationToken(t.github);
    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified')], { pull: 3 });
    // GitHub already shows a later push: nothing is analysed, created or posted.
    mockContext(t.github, { pull: 3, sha: 'd'.repeat(40), updatedAt: '2024-03-01T10:00:07Z', files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });

    await deliver(t.probot, 'pull_request', push(3, sha, '2024-03-01T10:00:00Z'));

    expect(t.logs.join('')).toContain('Review not started: GitHub shows a newer commit');
  });

  it('GitHub still showing an earlier head than the push: the push\'s own head is reviewed', async () => {
    const sha = '9'.repeat(40);
    mockInstallationToken(t.github);
    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified')], { pull: 6 });
    mockContext(t.github, { pull: 6, sha: '8'.repeat(40), updatedAt: '2024-03-01T09:59:00Z', files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });
    const reviews = recordBodies();
    t.github.post(`${REPO_PATH}/pulls/6/reviews`).reply(reviews.reply(200, { id: 80 }));
    t.github.post(`${REPO_PATH}/issues/6/comments`).reply(201, { id: 90 });
    const { created } = expectCheckRun(t.github);

    await deliver(t.probot, 'pull_request', push(6, sha, '2024-03-01T10:00:00Z'));

    expect(reviews.bodies).toEqual([expect.objectContaining({ commit_id: sha })]);
    expect(created).toEqual([expect.objectContaining({ head_sha: sha })]);
  });

  it('resolves the thread of a finding that a push fixed, and leaves the others alone', async () => {
    const fixedJob = {
      path: QUERY_IN_JOB.path,
      content: `import { inArray } from 'drizzle-orm';
import { db } from '../db';
import { users } from '../db/schema';

export async function digest(ids: string[]) {
  return db.select({ id: users.id }).from(users).where(inArray(users.id, ids)).limit(1000);
}
`,
    };
    expect(review([{ ...fixedJob, patch: addedPatch(fixedJob.content), status: 'added' }], { mode: 'changed' }).findings).toEqual([]);
    const stillThere = postedComment(7, EMAILS_ROUTE, EMAILS_ROUTE.queryLine);
    const fixed = postedComment(8, QUERY_IN_JOB, QUERY_IN_JOB.queryLine, 'added');
    mockInstallationToken(t.github);
    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified'), listedFile({ path: fixedJob.path, patch: addedPatch(fixedJob.content) }, 'added', 7)]);
    mockContext(t.github, {
      changedFiles: 2,
      files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content, [fixedJob.path]: fixedJob.content },
      threads: [
        { id: 'PRRT_kwDOA', ...stillThere },
        { id: 'PRRT_kwDOB', ...fixed },
        // A person quoting the App's marker is not the App: not its thread to resolve.
        { id: 'PRRT_kwDOC', ...postedComment(9, QUERY_IN_JOB, 3, 'added'), byApp: false },
        // Resolved already, by someone: nothing to do.
        { id: 'PRRT_kwDOD', ...postedComment(10, QUERY_IN_JOB, QUERY_IN_JOB.queryLine, 'added'), isResolved: true },
      ],
    });
    // The thread ids came with the context: one mutation resolves the fixed one, no look-up first.
    const graphql = recordBodies();
    t.github.post('/graphql').reply(graphql.reply(200, { data: { t0: { thread: { id: 'PRRT_kwDOB' } } } }));
    const summaries = recordBodies();
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(summaries.reply(201, { id: 90 }));
    expectCheckRun(t.github);

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', SYNCHRONIZE));

    // No review: the finding still there is already commented.
    expect(graphql.bodies).toEqual([{ query: expect.stringContaining('t0: resolveReviewThread(input: { threadId: $t0 })'), variables: { t0: 'PRRT_kwDOB' } }]);
    expect(summaries.bodies[0]!.body).toContain('Fixed since the last review: 1 finding commented on earlier is no longer reported, so its thread was resolved.');
  });
});
