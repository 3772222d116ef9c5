import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, engineOptionsOf, parseConfig } from '../../src/config/index.js';
import { review } from '../../src/engine/index.js';
import { HEAD_SHA, OWNER, REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, QUERY_IN_JOB, addedPatch } from '../fixtures/app/sources.js';
import { CONFIG_CONTENTS, type ContextMock, deliver, examplePayload, expectCheckRun, mockConfig, mockContext, mockFiles, mockInstallationToken, recordBodies, useApp } from '../helpers/github.js';

const OPENED = 12;
const READY_FOR_REVIEW = 16;

const t = useApp();

/** A token, the changed files, and the context read with the configuration `context` gives. */
function startJob(context: ContextMock = {}, files: { path: string; content: string; patch: string }[] = [EMAILS_ROUTE, QUERY_IN_JOB]) {
  mockInstallationToken(t.github);
  mockFiles(t.github, files.map((file, i) => listedFile(file, i === 0 ? 'modified' : 'added', 9)));
  return mockContext(t.github, { changedFiles: files.length, files: Object.fromEntries(files.map((file) => [file.path, file.content])), ...context });
}

function expectReview() {
  const reviews = recordBodies();
  t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(reviews.reply(200, { id: 80 }));
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

describe('.github/perf-review.yml', () => {
  it('a YAML syntax error fails the check run with the parser\'s message and position, and nothing else is posted', async () => {
    startJob({ config: 'failOn: critical\nexclude: [\n  "**/*.test.ts"\nmaxInlineComments: 10\n' });
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies).toEqual([
      {
        name: 'Performance Review',
        head_sha: HEAD_SHA,
        external_id: 'perf-review',
        started_at: expect.any(String),
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
    // The text itself gives the position: no request beyond the context read.
    startJob({ config: 'rules:\n  no-query-in-loop: off\nfailon: moderate\n' });
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies[0]).toMatchObject({ conclusion: 'failure' });
    expect(updates.bodies[0]!.output.summary).toContain('**.github/perf-review.yml:3:1: failon: unknown key (did you mean failOn?)');
  });

  it('reads the organisation\'s file from its .github repository when the repository has none, and names it in a problem', async () => {
    startJob({ orgConfig: 'failOn: sometimes\n' });
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies[0]!.output.title).toBe(`The configuration is not valid: ${OWNER}/.github:.github/perf-review.yml`);
    expect(updates.bodies[0]!.output.summary).toMatch(/^\*\*Codertocat\/\.github:\.github\/perf-review\.yml:1:9: failOn/);
  });

  it('an outage while reading the file fails the check run as an outage, not as a broken file', async () => {
    // GitHub answers the query but fails on the file.
    startJob({ errors: [{ type: 'SERVICE_UNAVAILABLE', path: ['repository', 'config'], message: 'Something went wrong while executing your query.' }] });
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies[0]).toMatchObject({
      conclusion: 'failure',
      output: { title: 'GitHub did not return the configuration file; the review did not run.' },
    });
    expect(updates.bodies[0]!.output.summary).toContain('SERVICE_UNAVAILABLE: Something went wrong while executing your query.');
  });

  it('merges organisation defaults through _extends, the repository\'s lists replacing the organisation\'s', async () => {
    const yaml = '_extends: perf-config\ninclude: ["src/routes/**"]\n';
    startJob({ config: yaml });
    // Only a file that extends another costs requests of its own: Probot follows the chain.
    mockConfig(t.github, yaml);
    t.github
      .get(`/repos/${OWNER}/perf-config${CONFIG_CONTENTS}`)
      .reply(200, 'include: ["src/jobs/**"]\nfailOn: moderate\nrules:\n  no-query-in-loop: moderate\n', { 'content-type': 'text/plain; charset=utf-8' });
    const reviews = expectReview();
    const summaries = expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toEqual([expect.objectContaining({ path: EMAILS_ROUTE.path, body: expect.stringContaining('**Moderate**') })]);
    const summary: string = summaries.bodies[0]!.body;
    expect(summary).toContain('`failOn: moderate`');
    // Only src/routes: concatenated lists would have let the job through too.
    expect(reviews.bodies[0]!.comments).toHaveLength(1);
    expect(summary).toContain('1 changed code file left out by `include` / `exclude` in `.github/perf-review.yml`.');
    // The organisation's failOn makes the moderate finding fail the check.
    expect(updates.bodies[0]).toMatchObject({ conclusion: 'failure' });
  });

  it('applies rule severities and failOn: a finding below the gate passes the check', async () => {
    startJob({ config: 'rules:\n  no-query-in-loop: minor\nfailOn: moderate\n' });
    const reviews = expectReview();
    expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]).toMatchObject({ event: 'COMMENT' });
    expect(updates.bodies[0]).toMatchObject({ conclusion: 'success' });
    expect(updates.bodies[0]!.output.annotations.map((a: { annotation_level: string }) => a.annotation_level)).toEqual(['notice', 'notice']);
  });

  it('turns a rule off', async () => {
    startJob({ config: 'rules:\n  db.n-plus-one: off\n' });
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

    startJob({ config: yaml }, [file]);
    expectReview();
    expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies[0]!.output.annotations.map((a: { title: string }) => a.title)).toEqual(expected);
  });

  it('caps inline comments at maxInlineComments and lists the rest in the summary', async () => {
    startJob({ config: 'maxInlineComments: 1\n' });
    const reviews = expectReview();
    const summaries = expectSummary();
    expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(reviews.bodies[0]!.comments).toHaveLength(1);
    expect(summaries.bodies[0]!.body).toContain('past the 1 inline comments one review may post (`maxInlineComments`)');
  });

  it('requests changes when reviewEvent is REQUEST_CHANGES and a finding reaches failOn', async () => {
    startJob({ config: 'reviewEvent: REQUEST_CHANGES\n' });
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
    startJob({ config: 'reviewEvent: REQUEST_CHANGES\nfailOn: none\n' });
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
    startJob({ draft: true, config: 'skipDrafts: true\n' });
    const draft = examplePayload('pull_request', OPENED) as { pull_request: { draft: boolean } };
    draft.pull_request.draft = true;

    await deliver(t.probot, 'pull_request', draft);
    // Nothing but the files and the context were read: no check run, no comment.

    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified'), listedFile(QUERY_IN_JOB, 'added', 9)]);
    mockContext(t.github, { changedFiles: 2, config: 'skipDrafts: true\n', files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content, [QUERY_IN_JOB.path]: QUERY_IN_JOB.content } });
    expectReview();
    expectSummary();
    const updates = expectCompletion();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', READY_FOR_REVIEW));

    expect(updates.bodies[0]).toMatchObject({ conclusion: 'failure' });
  });
});
