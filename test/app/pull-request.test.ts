import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/index.js';
import { docsUrlFor } from '../../src/review/docs.js';
import { renderInlineComment } from '../../src/review/inline.js';
import { SUMMARY_MARKER } from '../../src/review/markers.js';
import { CHECK_RUN_ID, HEAD_SHA, REPO_PATH, REPO_URL, blobShaOf, listedFile } from '../fixtures/app/github.js';
import { BROKEN_FILE, EMAILS_ROUTE, manyQueriesInLoops } from '../fixtures/app/sources.js';
import { APP_ID, INSTALLATION_TOKEN, type BlobMock, type ContextMock, deliver, examplePayload, expectCheckRun, mockContext, mockFiles, mockInstallationToken, recordBodies, useApp } from '../helpers/github.js';

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
 * The reads every review starts with: a token, the first page of changed files, then one GraphQL
 * query for the pull request, its earlier comments, check run, configuration (none) and contents.
 */
function startReview(files: object[], context: ContextMock = {}) {
  mockInstallationToken(t.github);
  mockFiles(t.github, files);
  return mockContext(t.github, context);
}

function expectReview() {
  const reviews = recordBodies();
  t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(reviews.reply(200, { id: 80 }));
  return reviews;
}

function expectNewSummary() {
  const summaries = recordBodies();
  t.github.post(`${REPO_PATH}/issues/2/comments`).reply(summaries.reply(201, { id: 90 }));
  return summaries;
}

describe('pull_request', () => {
  it('opened: one inline comment on the N+1 query, one summary, and a failing check run', async () => {
    const context = startReview(
      [
        listedFile(EMAILS_ROUTE, 'modified'),
        // Neither is read: the README is not code, and a removed file has no content at the head.
        listedFile({ path: 'README.md', patch: '@@ -1 +1 @@\n-Hello\n+Hello World' }, 'modified', 2),
        listedFile({ path: 'src/routes/legacy.ts' }, 'removed', 20),
      ],
      { changedFiles: 3, files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } },
    );
    const reviews = expectReview();
    const summaries = expectNewSummary();
    const check = expectCheckRun(t.github);

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(context.asked).toEqual([[EMAILS_ROUTE.path]]);
    expect(context.bodies[0]!.variables).toMatchObject({ owner: 'Codertocat', repo: 'Hello-World', number: 2, appId: APP_ID, checkName: 'Performance Review', e0: blobShaOf(EMAILS_ROUTE.path) });

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

    // Created once, with its verdict: the analysis of one file is not slow enough to show it in progress first.
    expect(check.created).toEqual([
      {
        name: 'Performance Review',
        head_sha: HEAD_SHA,
        external_id: 'perf-review',
        started_at: expect.any(String),
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
    startReview([], { changedFiles: 0 });
    const summaries = expectNewSummary();
    const check = expectCheckRun(t.github);

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', index));

    expect(summaries.bodies).toHaveLength(1);
    expect(check.created).toEqual([expect.objectContaining({ name: 'Performance Review', head_sha: HEAD_SHA, status: 'completed', conclusion: 'success' })]);
  });

  it('synchronize: updates the summary in place and does not repeat an inline comment', async () => {
    const [finding] = review([{ ...EMAILS_ROUTE, status: 'modified' }], { mode: 'changed' }).findings;
    const body = `${SUMMARY_MARKER}\n# Performance Review: an earlier push`;
    startReview([listedFile(EMAILS_ROUTE, 'modified')], {
      files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content },
      // The comment the App posted on the previous push, fingerprint included.
      threads: [{ id: 'PRRT_kwDOA', databaseId: 7, path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine, body: renderInlineComment(finding!, docsUrlFor(finding!.rule)) }],
      comments: [
        { databaseId: 11, body: 'Looks good to me', byApp: false },
        // A person quoting the marker does not make a summary: only the App's own comment is edited.
        { databaseId: 10, body: `Copied from the bot: ${SUMMARY_MARKER}`, byApp: false },
        { databaseId: 12, body },
      ],
      // The run of this commit from the previous review: completed again, not a second run beside it.
      checkRun: { id: CHECK_RUN_ID, annotations: 0 },
    });
    const edits = recordBodies();
    t.github.patch(`${REPO_PATH}/issues/comments/12`).reply(edits.reply(200, { id: 12 }));
    const updates = recordBodies();
    t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).reply(updates.reply(200, { id: CHECK_RUN_ID }));

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', SYNCHRONIZE));

    // No POST of a review, a comment or a check run: nock would have reported it as a request with no mock.
    expect(edits.bodies).toHaveLength(1);
    expect(edits.bodies[0]!.body).toContain('# Performance Review: Update the README with new information.');
    expect(edits.bodies[0]!.body).not.toContain('an earlier push');
    expect(updates.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('leaves the summary comment alone when its text would not change', async () => {
    const [finding] = review([{ ...EMAILS_ROUTE, status: 'modified' }], { mode: 'changed' }).findings;
    const reads = () => {
      mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified')]);
      mockContext(t.github, {
        files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content },
        threads: [{ id: 'PRRT_kwDOA', databaseId: 7, path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine, body: renderInlineComment(finding!, docsUrlFor(finding!.rule)) }],
        comments: summaries.bodies.map((posted) => ({ databaseId: 90, body: posted.body as string })),
        checkRun: { id: CHECK_RUN_ID },
      });
    };
    const summaries = recordBodies();
    mockInstallationToken(t.github);
    reads();
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(summaries.reply(201, { id: 90 }));
    t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).times(2).reply(200, { id: CHECK_RUN_ID });
    await deliver(t.probot, 'pull_request', examplePayload('pull_request', SYNCHRONIZE));
    expect(summaries.bodies).toHaveLength(1);

    // The same head reviewed again (a re-run): the same summary, so no edit; only the check run.
    reads();
    await deliver(t.probot, 'pull_request', examplePayload('pull_request', SYNCHRONIZE));
  });

  it('reviews the other files when one does not parse and one cannot be read, and says so in the summary', async () => {
    const unreadable = 'src/routes/unreadable.ts';
    startReview([listedFile(EMAILS_ROUTE, 'modified'), listedFile(BROKEN_FILE, 'added', 2), listedFile({ path: unreadable, patch: '@@ -0,0 +1 @@\n+export const a = 1;' }, 'added', 1)], {
      changedFiles: 3,
      // GitHub answers the query but fails on one object: the others are read all the same.
      files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content, [BROKEN_FILE.path]: BROKEN_FILE.content, [unreadable]: { error: 'SERVICE_UNAVAILABLE' } },
    });
    const reviews = expectReview();
    const summaries = expectNewSummary();
    const { created: updates } = expectCheckRun(t.github);

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toEqual([expect.objectContaining({ path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine })]);
    const summary: string = summaries.bodies[0]!.body;
    expect(summary).toMatch(/`src\/routes\/broken\.ts`: does not parse/);
    expect(summary).toMatch(/`src\/routes\/unreadable\.ts`: GitHub did not return its content \(SERVICE_UNAVAILABLE\)/);
    expect(updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('lists a finding in the summary, not inline, when GitHub shows no diff for its file', async () => {
    // GitHub leaves `patch` out of diffs too large to render.
    startReview([listedFile({ path: EMAILS_ROUTE.path }, 'modified', 5_000)], { files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });
    const summaries = expectNewSummary();
    const { created } = expectCheckRun(t.github);

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(summaries.bodies[0]!.body).toContain('### Not commented inline');
    expect(summaries.bodies[0]!.body).toContain('GitHub shows no diff for this file');
    expect(created[0]!.output.annotations).toHaveLength(1);
  });

  it('caps inline comments, and annotations at what the budget of requests allows, listing the rest in the summary', async () => {
    const many = manyQueriesInLoops(60);
    startReview([listedFile(many, 'added', 300)], { files: { [many.path]: many.content } });
    const reviews = expectReview();
    const summaries = expectNewSummary();
    const { created } = expectCheckRun(t.github);

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toHaveLength(25);
    expect(summaries.bodies[0]!.body).toContain('past the 25 inline comments one review may post (`maxInlineComments`)');
    // One changed file: 5 requests in all, the last of them the check run with its first 50 annotations.
    expect(created).toHaveLength(1);
    expect(created[0]!.output.annotations).toHaveLength(50);
    expect(created[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(created[0]!.output.summary).toMatch(/^> This check run shows 50 of 60 annotations: .* The summary comment lists every finding\./);
  });

  it('completes the check run with a message a person understands when GitHub fails to list the files', async () => {
    mockInstallationToken(t.github);
    t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).reply(500, { message: 'Server Error' });
    mockContext(t.github);
    const { created } = expectCheckRun(t.github);

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(created).toEqual([
      {
        name: 'Performance Review',
        head_sha: HEAD_SHA,
        external_id: 'perf-review',
        started_at: expect.any(String),
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
