import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SUMMARY_MARKER } from '../../src/review/markers.js';
import { CHECK_RUN_ID, HEAD_SHA, REPO_PATH, REPO_URL, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, contentResponse } from '../fixtures/app/sources.js';
import { type JsonBody, recordBodies } from '../helpers/github.js';
import { WORKFLOW_TOKEN, blobSha, checkout, examplePullRequestEvent, readStepSummary, useActions, writeEvent } from './actions-harness.js';

const TEMPLATE_HEADINGS = ['# Performance Review:', '## Executive Summary', '## Findings', '## Checklist Results', '## Performance Metrics', '## Recommended Actions'];

const NOT_ACCESSIBLE = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run', status: '403' };

const t = useActions();

/** The pull request's one changed file, as `pulls.listFiles` lists it at the head: its blob is the checkout's. */
function listFiles(file = EMAILS_ROUTE) {
  t.github
    .get(`${REPO_PATH}/pulls/2/files`)
    .query({ per_page: 100 })
    .reply(200, [{ ...listedFile(file, 'modified'), sha: blobSha(file.content) }]);
}

/** The look-up for an earlier run of this product on the head commit: a workflow's token has no App id to filter by. */
function findCheckRuns(runs: object[] = []) {
  t.github
    .get(`${REPO_PATH}/commits/${HEAD_SHA}/check-runs`)
    .query({ check_name: 'Performance Review' })
    .matchHeader('authorization', `token ${WORKFLOW_TOKEN}`)
    .reply(200, { total_count: runs.length, check_runs: runs });
}

/**
 * The head commit's content of a file, as the App reads it. Both ways GitHub serves it are mocked,
 * each optional: this suite is about where the Actions mode reads from, not how the App's reader asks.
 */
function serveHeadContent(file: { path: string; content: string }) {
  t.github
    .get(`${REPO_PATH}/contents/${encodeURIComponent(file.path)}`)
    .query({ ref: HEAD_SHA })
    .optionally()
    .reply(200, contentResponse(file.path, file.content));
  t.github
    .post('/graphql')
    .optionally()
    .reply(200, { data: { repository: { f0: { text: file.content, byteSize: Buffer.byteLength(file.content), isBinary: false, isTruncated: false } } } });
}

describe('perf-review --github', () => {
  it('an opened pull request with an N+1: the inline comment on the query, the summary comment, a failing check run, exit 1', async () => {
    await checkout(t.runner, { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content });
    findCheckRuns();
    const created = recordBodies();
    t.github.post(`${REPO_PATH}/check-runs`).reply(created.reply(201, { id: CHECK_RUN_ID }));
    listFiles();
    // No read of the file's content: the checkout holds the head's blob.
    t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    const reviews = recordBodies();
    t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(reviews.reply(200, { id: 80 }));
    t.github.get(`${REPO_PATH}/issues/2/comments`).query({ per_page: 100 }).reply(200, []);
    const summaries = recordBodies();
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(summaries.reply(201, { id: 90 }));
    const updates = recordBodies();
    t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).reply(updates.reply(200, { id: CHECK_RUN_ID }));

    const { code, stdout, stderr } = await t.run();

    expect(code).toBe(1);
    expect(created.bodies).toEqual([expect.objectContaining({ name: 'Performance Review', head_sha: HEAD_SHA, status: 'in_progress', external_id: 'perf-review' })]);

    expect(reviews.bodies).toHaveLength(1);
    expect(reviews.bodies[0]).toMatchObject({ commit_id: HEAD_SHA, event: 'COMMENT' });
    expect(reviews.bodies[0]!.comments).toEqual([
      { path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine, side: 'RIGHT', body: expect.stringMatching(/no-query-in-loop[\s\S]*<!-- perf-review:fp=[0-9a-f]+ -->$/) },
    ]);

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

    // The job log: the review as text, then one line on what was published. No workflow annotation:
    // the check run carries them, and the pull request would show each finding twice.
    expect(stdout).toContain('no-query-in-loop');
    expect(stdout).not.toContain('::error');
    expect(stderr).toBe('perf-review: published on #2: 1 new inline comment, the summary comment, and the check run "Performance Review" (failure)\n');
    expect(await readStepSummary(t.runner)).toBe('');
  });

  it('a second run of the same head repeats nothing: no new review, the summary left as it is, no annotation added twice', async () => {
    await checkout(t.runner, { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content });
    const first = await publishOnce();

    const earlierComment = {
      id: 500,
      path: EMAILS_ROUTE.path,
      line: EMAILS_ROUTE.queryLine,
      body: first.comment,
      user: { login: 'github-actions[bot]', type: 'Bot' },
      in_reply_to_id: null,
    };
    findCheckRuns([
      // A job of the workflow named like the check: the same App (GitHub Actions), not this product's run.
      { id: 77, name: 'Performance Review', external_id: '', app: { id: 15368, slug: 'github-actions' }, status: 'in_progress', conclusion: null, output: { annotations_count: 0 } },
      { id: CHECK_RUN_ID, name: 'Performance Review', external_id: 'perf-review', app: { id: 15368, slug: 'github-actions' }, status: 'completed', conclusion: 'failure', output: { annotations_count: 1 } },
    ]);
    const updates = recordBodies();
    // No POST to /check-runs: this product's run of the commit is put back in progress.
    t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).times(2).reply(updates.reply(200, { id: CHECK_RUN_ID }));
    listFiles();
    t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, [earlierComment]);
    // No POST to /pulls/2/reviews: the one finding is commented already.
    t.github
      .get(`${REPO_PATH}/issues/2/comments`)
      .query({ per_page: 100 })
      .reply(200, [{ id: 90, body: first.summary, user: { login: 'github-actions[bot]', type: 'Bot' } }]);
    // No PATCH of the summary: the same head gives the same text, and an unchanged comment is left alone.
    t.github
      .get(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}/annotations`)
      .query({ per_page: 100 })
      .reply(200, [{ ...first.annotation, raw_details: null, start_column: null, end_column: null, blob_href: '' }]);

    const { code, stderr } = await t.run();

    expect(code).toBe(1);
    expect(updates.bodies[0]).toMatchObject({ status: 'in_progress', output: { title: 'Reviewing…' } });
    expect(updates.bodies[1]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(updates.bodies[1]!.output.annotations).toBeUndefined();
    expect(stderr).toContain('0 new inline comments');
  });

  it('a fork\'s read-only token (403 creating the check run): annotations, the job summary, one line on why, and the exit status still gates', async () => {
    await checkout(t.runner, { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content });
    findCheckRuns();
    t.github.post(`${REPO_PATH}/check-runs`).reply(403, NOT_ACCESSIBLE);
    // Reading still works with a read-only token; nothing is written after the refusal.
    listFiles();

    const { code, stdout, stderr } = await t.run();

    expect(code).toBe(1);
    const annotations = stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(
      new RegExp(`^::error file=${EMAILS_ROUTE.path},line=${EMAILS_ROUTE.queryLine},endLine=${EMAILS_ROUTE.queryLine},title=no-query-in-loop::[^\\n]*N\\+1`),
    );

    const summary = await readStepSummary(t.runner);
    for (const heading of TEMPLATE_HEADINGS) expect(summary).toContain(heading);
    expect(summary).toContain('Posted as annotations and this job summary: GitHub refused to let the workflow create a check run on Codertocat/Hello-World (HTTP 403)');
    expect(summary).toContain(`${REPO_URL}/blob/${HEAD_SHA}/${EMAILS_ROUTE.path}#L${EMAILS_ROUTE.queryLine}`);

    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      'perf-review: read-only token: GitHub refused to let the workflow create a check run on Codertocat/Hello-World (HTTP 403), as it does for a pull request from a fork or without `checks: write`; the findings are annotations, the summary is in the job summary, and the exit status gates the job',
    );
  });

  it('a read-only token and nothing at the gate: the same report, exit 0', async () => {
    await checkout(t.runner, { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content });
    findCheckRuns();
    t.github.post(`${REPO_PATH}/check-runs`).reply(403, NOT_ACCESSIBLE);
    listFiles();

    const { code, stdout } = await t.run('--fail-on', 'none');

    expect(code).toBe(0);
    expect(stdout).toContain('::error file=src/routes/emails.ts');
    expect(await readStepSummary(t.runner)).toContain('## Findings');
  });

  it('a checkout of the merge commit whose file differs from the head: that file is read from GitHub at the head, so lines match the diff', async () => {
    // actions/checkout's default: the head merged into a base that gained two lines at the top.
    await checkout(t.runner, { [EMAILS_ROUTE.path]: `// generated\n// header\n${EMAILS_ROUTE.content}` });
    findCheckRuns();
    t.github.post(`${REPO_PATH}/check-runs`).reply(403, NOT_ACCESSIBLE);
    listFiles();
    serveHeadContent(EMAILS_ROUTE);

    const { code, stdout, stderr } = await t.run();

    expect(code).toBe(1);
    expect(stdout).toContain(`::error file=${EMAILS_ROUTE.path},line=${EMAILS_ROUTE.queryLine},`);
    expect(stderr).toContain('perf-review: 1 changed file read from GitHub: the checkout does not hold its content at the head commit ec26c3e');
  });

  it('--sarif-file writes SARIF for code scanning beside the log\'s format, paths relative to the repository', async () => {
    await checkout(t.runner, { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content });
    findCheckRuns();
    t.github.post(`${REPO_PATH}/check-runs`).reply(403, NOT_ACCESSIBLE);
    listFiles();
    const sarifFile = join(t.runner.root, 'perf-review.sarif');

    const { code, stdout } = await t.run('--format', 'json', '--sarif-file', sarifFile);

    expect(code).toBe(1);
    expect(JSON.parse(stdout.slice(0, stdout.indexOf('\n::'))).findings).toEqual([expect.objectContaining({ path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine })]);
    const sarif = JSON.parse(await readFile(sarifFile, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(t.runner.workspace).href + '/');
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: 'no-query-in-loop',
        locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ artifactLocation: { uri: EMAILS_ROUTE.path, uriBaseId: '%SRCROOT%' } }) })],
      }),
    ]);
  });

  it('a failure after the check run exists completes it with what failed, and exits 2', async () => {
    findCheckRuns();
    t.github.post(`${REPO_PATH}/check-runs`).reply(201, { id: CHECK_RUN_ID });
    t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).reply(500, { message: 'Server Error' });
    const updates = recordBodies();
    t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).reply(updates.reply(200, { id: CHECK_RUN_ID }));

    const { code, stderr } = await t.run();

    expect(code).toBe(2);
    expect(updates.bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'GitHub did not return the changed files (HTTP 500); the review did not run.' } });
    expect(stderr).toMatch(/^perf-review: GitHub did not return the changed files \(HTTP 500\); the review did not run\./);
    expect(stderr).not.toContain(WORKFLOW_TOKEN);
  });

  it('a draft under skipDrafts is not reviewed, and nothing is sent', async () => {
    await checkout(t.runner, { '.github/perf-review.yml': 'skipDrafts: true\n' });
    const event = examplePullRequestEvent() as { pull_request: JsonBody };
    event.pull_request.draft = true;
    await writeEvent(t.runner, event);

    const { code, stderr } = await t.run();

    expect(code).toBe(0);
    expect(stderr).toBe('perf-review: #2 is a draft: not reviewed (skipDrafts)\n');
  });

  it.each([
    ['a push event', { GITHUB_EVENT_NAME: 'push' }, /^perf-review: --github reviews a pull request, and this workflow runs for a push event/],
    ['no event file', { GITHUB_EVENT_PATH: undefined }, /^perf-review: --github runs inside a GitHub Actions workflow, and GITHUB_EVENT_PATH is not set\n$/],
    ['no token', { GITHUB_TOKEN: undefined }, /^perf-review: --github needs a token in GITHUB_TOKEN/],
  ])('%s: a usage error (exit 2) and no request', async (_case, env, message) => {
    Object.assign(t.runner.env, env);
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete t.runner.env[key];

    const { code, stderr } = await t.run();

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('takes no paths and no --base: the pull request decides what is reviewed', async () => {
    const { code, stderr } = await t.run('src');

    expect(code).toBe(2);
    expect(stderr).toMatch(/^perf-review: --github reviews the files the pull request changes/);
  });
});

/** One run that publishes, returning what it posted as GitHub would list it to the next run. */
async function publishOnce(): Promise<{ comment: string; summary: string; annotation: JsonBody }> {
  findCheckRuns();
  t.github.post(`${REPO_PATH}/check-runs`).reply(201, { id: CHECK_RUN_ID });
  listFiles();
  t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
  const reviews = recordBodies();
  t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(reviews.reply(200, { id: 80 }));
  t.github.get(`${REPO_PATH}/issues/2/comments`).query({ per_page: 100 }).reply(200, []);
  const summaries = recordBodies();
  t.github.post(`${REPO_PATH}/issues/2/comments`).reply(summaries.reply(201, { id: 90 }));
  const updates = recordBodies();
  t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).reply(updates.reply(200, { id: CHECK_RUN_ID }));
  expect((await t.run()).code).toBe(1);
  return { comment: reviews.bodies[0]!.comments[0].body, summary: summaries.bodies[0]!.body, annotation: updates.bodies[0]!.output.annotations[0] };
}
