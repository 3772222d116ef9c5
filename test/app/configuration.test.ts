import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, engineOptionsOf, parseConfig } from '../../src/config/index.js';
import { review } from '../../src/engine/index.js';
import { CHECK_RUN_ID, HEAD_SHA, OWNER, REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, QUERY_IN_JOB, addedPatch } from '../fixtures/app/sources.js';
import { CONFIG_CONTENTS, deliver, examplePayload, mockBlobs, mockCheckRunStart, mockConfig, mockHead, mockInstallationToken, mockPullRequest, recordBodies, useApp } from '../helpers/github.js';

const OPENED = 12;
const READY_FOR_REVIEW = 16;

const t = useApp();

function listFiles(files: object[]) {
  t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).reply(200, files);
}

/** The files' contents at the head commit, all in one GraphQL query. */
function serve(...files: { path: string; content: string }[]) {
  mockBlobs(t.github, Object.fromEntries(files.map((file) => [file.path, file.content])));
}

/** A token, then the pull request the queued review reads first. */
function startJob(options: { draft?: boolean } = {}) {
  mockInstallationToken(t.github);
  mockPullRequest(t.github, options);
}

/** A review of two changed files, each with an N+1, up to the point of publishing. */
function reviewBothFiles() {
  mockCheckRunStart(t.github);
  listFiles([listedFile(EMAILS_ROUTE, 'modified'), listedFile(QUERY_IN_JOB, 'added', 9)]);
  serve(EMAILS_ROUTE, QUERY_IN_JOB);
  t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
  mockHead(t.github);
}

function expectReview() {
  const reviews = recordBodies();
  t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(reviews.reply(200, { id: 80 }));
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

describe('.github/perf-review.yml', () => {
  it('a YAML syntax error fails the check run with the parser\'s message and position, and nothing else is posted', async () => {
    startJob();
    mockConfig(t.github, 'failOn: critical\nexclude: [\n  "**/*.test.ts"\nmaxInlineComments: 10\n');
    const created = mockCheckRunStart(t.github);
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(created).toHaveLength(1);
    expect(updates.bodies).toEqual([
      {
        status: 'completed',
        conclusion: 'failure',
        completed_at: expect.any(String),
        output: { title: 'The configuration is not valid: .github/perf-review.yml', summary: expect.stringMatching(/^\*\*\.github\/perf-review\.yml:\d+:\d+: \S/) },
      },
    ]);
    expect(updates.bodies[0]!.output.summary).toContain('Nothing was reviewed and nothing else was posted');
    // No file list, no comment, no review: each would be a request with no mock.
  });

  it('a bad key fails the check run with the validator\'s message at the key\'s line', async () => {
    startJob();
    const yaml = 'rules:\n  no-query-in-loop: off\nfailon: moderate\n';
    // Once through Probot, once more for the text that gives the position.
    mockConfig(t.github, yaml);
    mockConfig(t.github, yaml);
    mockCheckRunStart(t.github);
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies[0]).toMatchObject({ conclusion: 'failure' });
    expect(updates.bodies[0]!.output.summary).toContain('**.github/perf-review.yml:3:1: failon: unknown key (did you mean failOn?)');
  });

  it('an outage while reading the file fails the check run as an outage, not as a broken file', async () => {
    startJob();
    t.github.get(`${REPO_PATH}${CONFIG_CONTENTS}`).reply(503, { message: 'Service Unavailable' });
    mockCheckRunStart(t.github);
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies[0]).toMatchObject({
      conclusion: 'failure',
      output: { title: 'GitHub did not return the configuration file (HTTP 503); the review did not run.' },
    });
  });

  it('merges organisation defaults through _extends, the repository\'s lists replacing the organisation\'s', async () => {
    startJob();
    mockConfig(t.github, '_extends: perf-config\ninclude: ["src/routes/**"]\n');
    t.github
      .get(`/repos/${OWNER}/perf-config${CONFIG_CONTENTS}`)
      .reply(200, 'include: ["src/jobs/**"]\nfailOn: moderate\nrules:\n  no-query-in-loop: moderate\n', { 'content-type': 'text/plain; charset=utf-8' });
    mockCheckRunStart(t.github);
    listFiles([listedFile(EMAILS_ROUTE, 'modified'), listedFile(QUERY_IN_JOB, 'added', 9)]);
    // Only src/routes: concatenated lists would have read the job too.
    serve(EMAILS_ROUTE);
    t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    mockHead(t.github);
    const reviews = expectReview();
    const summaries = expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toEqual([expect.objectContaining({ path: EMAILS_ROUTE.path, body: expect.stringContaining('**Moderate**') })]);
    const summary: string = summaries.bodies[0]!.body;
    expect(summary).toContain('`failOn: moderate`');
    expect(summary).toContain('1 changed code file left out by `include` / `exclude` in `.github/perf-review.yml`.');
    // The organisation's failOn makes the moderate finding fail the check.
    expect(updates.bodies[0]).toMatchObject({ conclusion: 'failure' });
  });

  it('applies rule severities and failOn: a finding below the gate passes the check', async () => {
    startJob();
    mockConfig(t.github, 'rules:\n  no-query-in-loop: minor\nfailOn: moderate\n');
    reviewBothFiles();
    const reviews = expectReview();
    expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]).toMatchObject({ event: 'COMMENT' });
    expect(updates.bodies[0]).toMatchObject({ conclusion: 'success' });
    expect(updates.bodies[0]!.output.annotations.map((a: { annotation_level: string }) => a.annotation_level)).toEqual(['notice', 'notice']);
  });

  it('turns a rule off', async () => {
    startJob();
    mockConfig(t.github, 'rules:\n  db.n-plus-one: off\n');
    reviewBothFiles();
    const summaries = expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    // No review at all: with nothing to comment, none is posted.
    expect(summaries.bodies[0]!.body).toContain('No performance problems found');
    expect(updates.bodies[0]).toMatchObject({ conclusion: 'success' });
  });

  it('passes tenantKeys and batchLimit to the rules', async () => {
    // A shop is this platform's tenant: only the setting makes `shopId` count as one.
    const content = `import Redis from 'ioredis';
const redis = new Redis();
export async function getTemplate(shopId: string, templateId: string) {
  const hit = await redis.get(\`tpl:\${templateId}\`);
  if (hit) return JSON.parse(hit);
  const tpl = await load(shopId, templateId);
  await redis.set(\`tpl:\${templateId}\`, JSON.stringify(tpl), 'EX', 300);
  return tpl;
}
`;
    const file = { path: 'src/cache/templates.ts', content, patch: addedPatch(content) };
    const yaml = 'tenantKeys: [shopId]\nbatchLimit: 500\n';
    const parsed = parseConfig(yaml, { file: '.github/perf-review.yml' });
    if (!('config' in parsed)) throw new Error('the test configuration does not parse');
    const rulesWith = (options: ReturnType<typeof engineOptionsOf>) => review([{ ...file, status: 'added' }], options).findings.map((f) => f.rule);
    expect(rulesWith(engineOptionsOf(DEFAULT_CONFIG, 'changed'))).not.toContain('require-tenant-cache-key');
    const expected = rulesWith(engineOptionsOf(parsed.config, 'changed'));
    expect(expected).toContain('require-tenant-cache-key');

    startJob();
    mockConfig(t.github, yaml);
    mockCheckRunStart(t.github);
    listFiles([listedFile(file, 'added', 9)]);
    serve(file);
    t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    mockHead(t.github);
    expectReview();
    expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies[0]!.output.annotations.map((a: { title: string }) => a.title)).toEqual(expected);
  });

  it('caps inline comments at maxInlineComments and lists the rest in the summary', async () => {
    startJob();
    mockConfig(t.github, 'maxInlineComments: 1\n');
    reviewBothFiles();
    const reviews = expectReview();
    const summaries = expectSummary();
    expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toHaveLength(1);
    expect(summaries.bodies[0]!.body).toContain('past the 1 inline comments one review may post (`maxInlineComments`)');
  });

  it('requests changes when reviewEvent is REQUEST_CHANGES and a finding reaches failOn', async () => {
    startJob();
    mockConfig(t.github, 'reviewEvent: REQUEST_CHANGES\n');
    reviewBothFiles();
    const reviews = expectReview();
    expectSummary();
    expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]).toMatchObject({
      event: 'REQUEST_CHANGES',
      body: '2 findings reach the merge gate (`failOn: critical`). The summary comment lists every finding.\n\n<!-- perf-review:changes-requested -->',
    });
  });

  it('only comments under REQUEST_CHANGES when no finding reaches failOn, and withdraws its earlier request for changes', async () => {
    startJob();
    mockConfig(t.github, 'reviewEvent: REQUEST_CHANGES\nfailOn: none\n');
    reviewBothFiles();
    const reviews = expectReview();
    const bot = { login: 'perf-review[bot]', id: 9, type: 'Bot' };
    t.github.get(`${REPO_PATH}/pulls/2/reviews`).query({ per_page: 100 }).reply(200, [
      { id: 501, state: 'CHANGES_REQUESTED', body: 'Needs a batch.\n\n<!-- perf-review:changes-requested -->', user: bot },
      // A person's request for changes, and the App's plain comments, are not the App's to withdraw.
      { id: 502, state: 'CHANGES_REQUESTED', body: 'Please rename this.', user: { login: 'Codertocat', id: 21031067, type: 'User' } },
      { id: 503, state: 'COMMENTED', body: '', user: bot },
    ]);
    const dismissals = recordBodies();
    t.github.put(`${REPO_PATH}/pulls/2/reviews/501/dismissals`).reply(dismissals.reply(200, { id: 501, state: 'DISMISSED' }));
    const summaries = expectSummary();
    expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]).toMatchObject({ event: 'COMMENT' });
    expect(reviews.bodies[0]).not.toHaveProperty('body');
    expect(dismissals.bodies).toEqual([{ message: `No finding reaches the merge gate (failOn: none) at ${HEAD_SHA.slice(0, 7)}.`, event: 'DISMISS' }]);
    expect(summaries.bodies[0]!.body).toContain('the App dismissed its request for changes');
  });

  it('skipDrafts: a draft is not reviewed when opened, and is when marked ready for review', async () => {
    startJob({ draft: true });
    mockConfig(t.github, 'skipDrafts: true\n');
    const draft = examplePayload('pull_request', OPENED) as { pull_request: { draft: boolean } };
    draft.pull_request.draft = true;

    await deliver(t.probot, 'pull_request', draft);
    // Nothing but the pull request and the configuration was read: no check run, no comment.

    mockPullRequest(t.github);
    mockConfig(t.github, 'skipDrafts: true\n');
    reviewBothFiles();
    expectReview();
    expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', READY_FOR_REVIEW));

    expect(updates.bodies[0]).toMatchObject({ conclusion: 'failure' });
  });
});
