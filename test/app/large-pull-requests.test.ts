import { afterEach, describe, expect, it } from 'vitest';
import { IN_PROGRESS_AFTER_MS, reviewTiming } from '../../src/github/run-review.js';
import { HEAD_SHA, REPO_PATH, blobShaOf, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE } from '../fixtures/app/sources.js';
import { type JsonBody, deliver, examplePayload, expectCheckRun, mockContext, mockInstallationToken, recordBodies, useApp } from '../helpers/github.js';

const OPENED = 12;

const t = useApp();

afterEach(() => {
  reviewTiming.inProgressAfterMs = IN_PROGRESS_AFTER_MS;
});

/** The token, then the summary and check run of a review; the reads are each test's own. */
function publish({ inProgress = false } = {}) {
  const reviews = recordBodies();
  t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(reviews.reply(200, { id: 80 }));
  const summaries = recordBodies();
  t.github.post(`${REPO_PATH}/issues/2/comments`).reply(summaries.reply(201, { id: 90 }));
  const check = expectCheckRun(t.github, { updates: inProgress ? 1 : 0 });
  return { reviews: reviews.bodies, summaries: summaries.bodies, created: check.created, updates: inProgress ? check.updates : check.created };
}

function linkTo(page: number): string {
  return `<https://api.github.com${REPO_PATH}/pulls/2/files?per_page=100&page=${page}>; rel="next"`;
}

describe('large and unusual pull requests', () => {
  it('3,100 changed files: reads GitHub\'s 30 pages of 100, stops at 3,000, and says so', async () => {
    mockInstallationToken(t.github);
    const page = (n: number) => Array.from({ length: 100 }, (_, i) => listedFile({ path: `docs/page-${n}-${i}.md`, patch: '@@ -0,0 +1 @@\n+text' }, 'added', 1));
    t.github
      .get(`${REPO_PATH}/pulls/2/files`)
      .query({ per_page: 100 })
      .reply(200, [listedFile(EMAILS_ROUTE, 'modified'), ...page(1).slice(1)], { link: linkTo(2) });
    // The count comes from the pull request as the review reads it: past GitHub's 300 for a comparison, so its pages follow.
    mockContext(t.github, { changedFiles: 3_100, files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });
    for (let n = 2; n <= 30; n++) {
      // Page 30 still links on, as a proxy might: the App stops at GitHub's limit anyway.
      t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: '100', page: String(n) }).reply(200, page(n), { link: linkTo(n + 1) });
    }
    // A review this large shows its check run in progress while it analyses, when that takes a while.
    reviewTiming.inProgressAfterMs = 0;
    const { reviews, summaries, created, updates } = publish({ inProgress: true });

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(created).toEqual([expect.objectContaining({ status: 'in_progress', output: { title: 'Reviewing…', summary: 'The review of this commit is under way.' } })]);
    expect(updates).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(reviews[0]!.comments).toEqual([expect.objectContaining({ path: EMAILS_ROUTE.path })]);
    expect(summaries[0]!.body).toContain('GitHub lists at most 3,000 files of a pull request: only the first 3,000 of its 3,100 changed files were reviewed.');
  });

  it('skips a 5 MB file and a binary file with a note, and reads neither an image nor a deleted file', async () => {
    mockInstallationToken(t.github);
    const big = 'src/generated-schema.ts';
    const binary = 'media/intro.ts'; // an MPEG transport stream: `.ts` is not always TypeScript
    t.github
      .get(`${REPO_PATH}/pulls/2/files`)
      .query({ per_page: 100 })
      .reply(200, [
        listedFile(EMAILS_ROUTE, 'modified'),
        // GitHub renders no diff for either: no `patch`, and no line counts for the binary.
        listedFile({ path: big }, 'added', 120_000),
        listedFile({ path: binary }, 'added', 0),
        listedFile({ path: 'assets/logo.png' }, 'added', 0),
        listedFile({ path: 'src/routes/legacy.ts' }, 'removed', 40),
      ]);
    const { asked } = mockContext(t.github, {
      changedFiles: 5,
      files: {
        [EMAILS_ROUTE.path]: EMAILS_ROUTE.content,
        // Past its own limit GitHub gives the size and no text.
        [big]: { text: null, byteSize: 5_242_880, isBinary: false, isTruncated: true },
        [binary]: { text: null, byteSize: 10, isBinary: true, isTruncated: false },
      },
    });
    const { reviews, summaries, updates } = publish();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(asked).toEqual([[EMAILS_ROUTE.path, big, binary]]);
    expect(reviews[0]!.comments).toEqual([expect.objectContaining({ path: EMAILS_ROUTE.path })]);
    const summary: string = summaries[0]!.body;
    expect(summary).toContain('### Files not analysed');
    expect(summary).toContain('- `src/generated-schema.ts`: larger than 1 MB (5.2 MB)');
    expect(summary).toContain('- `media/intro.ts`: binary content');
    expect(summary).not.toContain('logo.png');
    expect(summary).not.toContain('legacy.ts');
    expect(updates[0]).toMatchObject({ conclusion: 'failure' });
  });

  it('reviews a renamed file at its new path, and a pure rename not at all', async () => {
    mockInstallationToken(t.github);
    t.github
      .get(`${REPO_PATH}/pulls/2/files`)
      .query({ per_page: 100 })
      .reply(200, [
        { ...listedFile(EMAILS_ROUTE, 'renamed'), previous_filename: 'src/routes/mail.ts' },
        // Moved without a change: GitHub sends no patch and no changed line.
        { ...listedFile({ path: 'src/db/client.ts' }, 'renamed', 0), previous_filename: 'src/db.ts' },
        listedFile({ path: 'src/routes/legacy.ts' }, 'removed', 40),
      ]);
    mockContext(t.github, { changedFiles: 3, files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content, 'src/db/client.ts': EMAILS_ROUTE.content } });
    const { reviews, summaries } = publish();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews[0]!.comments).toEqual([{ path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine, side: 'RIGHT', body: expect.any(String) }]);
    // The moved file has the same loop, on no changed line: not a finding of this pull request.
    expect(summaries[0]!.body).not.toContain('src/db/client.ts:');
  });

  it('reviews a pull request from a fork, reading the head commit through the base repository', async () => {
    mockInstallationToken(t.github);
    const payload = examplePayload('pull_request', OPENED) as { pull_request: JsonBody };
    payload.pull_request.head.repo = {
      ...payload.pull_request.head.repo,
      id: 999_001,
      name: 'Hello-World',
      full_name: 'octo-fork/Hello-World',
      fork: true,
      owner: { ...payload.pull_request.head.repo.owner, login: 'octo-fork', id: 999_002 },
      html_url: 'https://github.com/octo-fork/Hello-World',
    };
    payload.pull_request.head.label = 'octo-fork:changes';
    expect(payload.pull_request.head.repo.full_name).not.toBe(payload.pull_request.base.repo.full_name);
    t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).reply(200, [listedFile(EMAILS_ROUTE, 'modified')]);
    // The base repository, and the head's blob GitHub listed: the App is not installed on the fork and needs no access to it.
    const context = mockContext(t.github, { files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });
    const { reviews, updates } = publish();

    await deliver(t.probot, 'pull_request', payload);

    expect(context.bodies[0]!.variables).toMatchObject({ owner: 'Codertocat', repo: 'Hello-World', e0: blobShaOf(EMAILS_ROUTE.path) });
    expect(context.bodies[0]!.query).toContain('f0: object(oid: $e0)');
    expect(reviews[0]).toMatchObject({ commit_id: HEAD_SHA, comments: [expect.objectContaining({ path: EMAILS_ROUTE.path })] });
    expect(updates[0]).toMatchObject({ conclusion: 'failure' });
  });
});
