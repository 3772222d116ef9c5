import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/index.js';
import { docsUrlFor } from '../../src/review/docs.js';
import { renderInlineComment } from '../../src/review/inline.js';
import { SUMMARY_MARKER } from '../../src/review/markers.js';
import { CHECK_RUN_ID, HEAD_SHA, REPO_PATH, REPO_URL, listedFile } from '../fixtures/app/github.js';
import { BROKEN_FILE, EMAILS_ROUTE, manyQueriesInLoops } from '../fixtures/app/sources.js';
import { INSTALLATION_TOKEN, type BlobMock, deliver, examplePayload, mockBlobs, mockCheckRunStart, mockConfig, mockHead, mockInstallationToken, mockPullRequest, recordBodies, useApp } from '../helpers/github.js';

// Indices into @octokit/webhooks-examples: the pull_request examples that carry an installation.
const OPENED = 12;
const SYNCHRONIZE = 22;
const READY_FOR_REVIEW = 16;
const REOPENED = 18;

const TEMPLATE_HEADINGS = [
  '# Performance Review:',
  '## Executive Summary',
  '## Findings',
  '## Checklist Results',
  '## Performance Metrics',
  '## Recommended Actions',
];

const t = useApp();

/**
 * The calls every review starts with: a token, the pull request, the configuration (none), then the
 * check run on the head commit; and, for a review that gets as far as publishing, the check that
 * the head is current.
 */
function startReview({ publishes = true } = {}) {
  mockInstallationToken(t.github);
  mockPullRequest(t.github);
  mockConfig(t.github);
  const bodies = mockCheckRunStart(t.github);
  if (publishes) mockHead(t.github);
  return { bodies };
}

function listFiles(files: object[]) {
  t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).reply(200, files);
}

/** The files' contents at the head commit, all in one GraphQL query. */
function serveContents(files: Record<string, BlobMock>) {
  return mockBlobs(t.github, files);
}

function listReviewComments(comments: object[] = []) {
  t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, comments);
}

function expectReview() {
  const reviews = recordBodies();
  t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(reviews.reply(200, { id: 80 }));
  return reviews;
}

function expectNewSummary(existing: object[] = []) {
  const summaries = recordBodies();
  t.github.get(`${REPO_PATH}/issues/2/comments`).query({ per_page: 100 }).reply(200, existing);
  t.github.post(`${REPO_PATH}/issues/2/comments`).reply(summaries.reply(201, { id: 90 }));
  return summaries;
}

function expectCompletion(times = 1) {
  const updates = recordBodies();
  t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).times(times).reply(updates.reply(200, { id: CHECK_RUN_ID }));
  return updates;
}

describe('pull_request', () => {
  it('opened: one inline comment on the N+1 query, one summary, and a failing check run', async () => {
    const created = startReview();
    listFiles([
      listedFile(EMAILS_ROUTE, 'modified'),
      // Neither is read: the README is not code, and a removed file has no content at the head.
      listedFile({ path: 'README.md', patch: '@@ -1 +1 @@\n-Hello\n+Hello World' }, 'modified', 2),
      listedFile({ path: 'src/routes/legacy.ts' }, 'removed', 20),
    ]);
    const queried = serveContents({ [EMAILS_ROUTE.path]: EMAILS_ROUTE.content });
    listReviewComments();
    const reviews = expectReview();
    const summaries = expectNewSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(queried).toEqual([[EMAILS_ROUTE.path]]);
    expect(created.bodies).toEqual([expect.objectContaining({ name: 'Performance Review', head_sha: HEAD_SHA, status: 'in_progress' })]);

    expect(reviews.bodies).toHaveLength(1);
    expect(reviews.bodies[0]).toMatchObject({ commit_id: HEAD_SHA, event: 'COMMENT' });
    expect(reviews.bodies[0]!.comments).toEqual([
      { path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine, side: 'RIGHT', body: expect.stringContaining('no-query-in-loop') },
    ]);
    expect(reviews.bodies[0]!.comments[0].body).toMatch(/<!-- perf-review:fp=[0-9a-f]+ -->$/);

    expect(summaries.bodies).toHaveLength(1);
    const summary: string = summaries.bodies[0]!.body;
    expect(summary.startsWith(SUMMARY_MARKER)).toBe(true);
    for (const heading of TEMPLATE_HEADINGS) expect(summary).toContain(heading);
    expect(summary).toContain('# Performance Review: Update the README with new information.');
    expect(summary).toContain(`${REPO_URL}/blob/${HEAD_SHA}/${EMAILS_ROUTE.path}#L${EMAILS_ROUTE.queryLine}`);

    expect(updates.bodies).toEqual([
      {
        status: 'completed',
        conclusion: 'failure',
        completed_at: expect.any(String),
        output: {
          title: expect.stringMatching(/critical/),
          summary,
          annotations: [
            {
              path: EMAILS_ROUTE.path,
              start_line: EMAILS_ROUTE.queryLine,
              end_line: EMAILS_ROUTE.queryLine,
              annotation_level: 'failure',
              message: expect.stringContaining('N+1'),
              title: 'no-query-in-loop',
            },
          ],
        },
      },
    ]);
  });

  it.each([
    ['reopened', REOPENED],
    ['ready_for_review', READY_FOR_REVIEW],
  ])('%s: reviews the head commit', async (_action, index) => {
    const created = startReview();
    listFiles([]);
    listReviewComments();
    const summaries = expectNewSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', index));

    expect(created.bodies[0]).toMatchObject({ name: 'Performance Review', head_sha: HEAD_SHA });
    expect(summaries.bodies).toHaveLength(1);
    expect(updates.bodies).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
  });

  it('synchronize: updates the summary in place and does not repeat an inline comment', async () => {
    const [finding] = review([{ ...EMAILS_ROUTE, status: 'modified' }], { mode: 'changed' }).findings;
    startReview();
    listFiles([listedFile(EMAILS_ROUTE, 'modified')]);
    serveContents({ [EMAILS_ROUTE.path]: EMAILS_ROUTE.content });
    // The comment the App posted on the previous push, fingerprint included.
    listReviewComments([{ id: 7, path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine, body: renderInlineComment(finding!, docsUrlFor(finding!.rule)) }]);
    const edits = recordBodies();
    t.github.get(`${REPO_PATH}/issues/2/comments`).query({ per_page: 100 }).reply(200, [
      { id: 11, body: 'Looks good to me', user: { login: 'Codertocat' } },
      { id: 12, body: `${SUMMARY_MARKER}\n# Performance Review: an earlier push`, user: { login: 'perf-review[bot]' } },
    ]);
    t.github.patch(`${REPO_PATH}/issues/comments/12`).reply(edits.reply(200, { id: 12 }));
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', SYNCHRONIZE));

    // No POST of a review or of a new comment: nock would have reported it as a request with no mock.
    expect(edits.bodies).toHaveLength(1);
    expect(edits.bodies[0]!.body).toContain('# Performance Review: Update the README with new information.');
    expect(edits.bodies[0]!.body).not.toContain('an earlier push');
    expect(updates.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('reviews the other files when one does not parse and one cannot be read, and says so in the summary', async () => {
    startReview();
    const unreadable = 'src/routes/unreadable.ts';
    listFiles([listedFile(EMAILS_ROUTE, 'modified'), listedFile(BROKEN_FILE, 'added', 2), listedFile({ path: unreadable, patch: '@@ -0,0 +1 @@\n+export const a = 1;' }, 'added', 1)]);
    // GitHub answers the query but fails on one object: the others are read all the same.
    serveContents({ [EMAILS_ROUTE.path]: EMAILS_ROUTE.content, [BROKEN_FILE.path]: BROKEN_FILE.content, [unreadable]: { error: 'SERVICE_UNAVAILABLE' } });
    listReviewComments();
    const reviews = expectReview();
    const summaries = expectNewSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toEqual([expect.objectContaining({ path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine })]);
    const summary: string = summaries.bodies[0]!.body;
    expect(summary).toMatch(/`src\/routes\/broken\.ts`: does not parse/);
    expect(summary).toMatch(/`src\/routes\/unreadable\.ts`: GitHub did not return its content \(SERVICE_UNAVAILABLE\)/);
    expect(updates.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('lists a finding in the summary, not inline, when GitHub shows no diff for its file', async () => {
    startReview();
    // GitHub leaves `patch` out of diffs too large to render.
    listFiles([listedFile({ path: EMAILS_ROUTE.path }, 'modified', 5_000)]);
    serveContents({ [EMAILS_ROUTE.path]: EMAILS_ROUTE.content });
    listReviewComments();
    const summaries = expectNewSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(summaries.bodies[0]!.body).toContain('### Not commented inline');
    expect(summaries.bodies[0]!.body).toContain('GitHub shows no diff for this file');
    expect(updates.bodies[0]!.output.annotations).toHaveLength(1);
  });

  it('sends annotations in batches of 50 and caps inline comments, listing the rest in the summary', async () => {
    const many = manyQueriesInLoops(60);
    startReview();
    listFiles([listedFile(many, 'added', 300)]);
    serveContents({ [many.path]: many.content });
    listReviewComments();
    const reviews = expectReview();
    const summaries = expectNewSummary();
    const updates = expectCompletion(2);

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toHaveLength(25);
    expect(summaries.bodies[0]!.body).toContain('past the 25 inline comments one review may post (`maxInlineComments`)');
    const [first, last] = updates.bodies;
    expect(first!.output.annotations).toHaveLength(50);
    expect(first).not.toHaveProperty('status');
    expect(last!.output.annotations).toHaveLength(10);
    expect(last).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('completes the check run with a message a person understands when GitHub fails to list the files', async () => {
    startReview({ publishes: false });
    t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).reply(500, { message: 'Server Error' });
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies).toEqual([
      {
        status: 'completed',
        conclusion: 'failure',
        completed_at: expect.any(String),
        output: {
          title: 'GitHub did not return the changed files (HTTP 500); the review did not run.',
          summary: expect.stringContaining('Re-run the check to try again.'),
        },
      },
    ]);
    expect(t.logs.join('')).toContain('Performance Review failed');
    expect(t.logs.join('')).not.toContain(INSTALLATION_TOKEN);
  });
});
