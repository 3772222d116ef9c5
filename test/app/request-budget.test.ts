import { afterEach, describe, expect, it } from 'vitest';
import { requestBudget } from '../../src/github/request-budget.js';
import { reviewTiming, IN_PROGRESS_AFTER_MS } from '../../src/github/run-review.js';
import { CHECK_RUN_ID, HEAD_SHA, REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, addedPatch } from '../fixtures/app/sources.js';
import { deliver, examplePayload, expectCheckRun, mockBlobs, mockContext, mockFiles, mockInstallationToken, useApp } from '../helpers/github.js';

const t = useApp();

afterEach(() => {
  reviewTiming.inProgressAfterMs = IN_PROGRESS_AFTER_MS;
});

describe('requestBudget', () => {
  it('allows 5 requests, plus one per 50 changed files', () => {
    expect([0, 1, 49, 50, 60, 99, 100, 250, 300, 3_000].map(requestBudget)).toEqual([5, 5, 5, 6, 6, 6, 7, 10, 11, 65]);
  });
});

/** `count` added files, each with an N+1 of its own: one finding per file. */
function changedFiles(count: number) {
  return Array.from({ length: count }, (_, i) => ({ path: `src/routes/emails-${i}.ts`, content: EMAILS_ROUTE.content, patch: addedPatch(EMAILS_ROUTE.content) }));
}

/**
 * Every request a review sends, by `METHOD path`. The installation token is counted apart: Probot
 * caches it for an hour per installation, so it is no cost of one review, and the budget leaves it out.
 */
function countRequests() {
  const sent: string[] = [];
  t.github.on('request', (request: Request) => sent.push(`${request.method} ${new URL(request.url).pathname}`));
  return {
    review: () => sent.filter((request) => !request.endsWith('/access_tokens')),
    tokens: () => sent.filter((request) => request.endsWith('/access_tokens')).length,
  };
}

describe('GitHub requests per review: at most 5 + files/50, the installation token apart', () => {
  it('1 changed file: 5 requests', async () => {
    const requests = countRequests();
    const files = changedFiles(1);
    mockInstallationToken(t.github);
    mockFiles(t.github, files.map((file) => listedFile(file, 'added', 11)));
    mockContext(t.github, { files: Object.fromEntries(files.map((file) => [file.path, file.content])) });
    t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(200, { id: 80 });
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(201, { id: 90 });
    const { created } = expectCheckRun(t.github);

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', 12));

    expect(requests.tokens()).toBe(1);
    expect(requests.review()).toEqual([
      `GET ${REPO_PATH}/pulls/2/files`,
      'POST /graphql',
      `POST ${REPO_PATH}/pulls/2/reviews`,
      `POST ${REPO_PATH}/issues/2/comments`,
      `POST ${REPO_PATH}/check-runs`,
    ]);
    expect(requests.review().length).toBeLessThanOrEqual(requestBudget(1));
    expect(created[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { annotations: [expect.objectContaining({ path: files[0]!.path })] } });
  });

  it('60 changed files: 6 requests, the spare one for the annotations past the first 50', async () => {
    // An analysis that ends before the check run would be shown in progress, however busy the machine.
    reviewTiming.inProgressAfterMs = 60_000;
    const requests = countRequests();
    const files = changedFiles(60);
    mockInstallationToken(t.github);
    mockFiles(t.github, files.map((file) => listedFile(file, 'added', 11)));
    const context = mockContext(t.github, { changedFiles: 60, files: Object.fromEntries(files.map((file) => [file.path, file.content])) });
    t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(200, { id: 80 });
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(201, { id: 90 });
    const check = expectCheckRun(t.github, { updates: 1 });

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', 12));

    expect(context.asked[0]).toHaveLength(60);
    expect(requests.review()).toHaveLength(6);
    expect(requests.review().length).toBeLessThanOrEqual(requestBudget(60));
    expect(check.created[0]!.output.annotations).toHaveLength(50);
    expect(check.updates[0]!.output.annotations).toHaveLength(10);
    // Every finding has its annotation: no note that some are missing.
    expect(check.created[0]!.output.summary).not.toContain('This check run shows');
  });

  it('300 changed files, 300 findings: 11 requests, the annotations cut where the budget ends', async () => {
    // Slow enough to show the check run in progress, as a review of 300 files often is.
    reviewTiming.inProgressAfterMs = 0;
    const requests = countRequests();
    const files = changedFiles(300);
    const listed = files.map((file) => listedFile(file, 'added', 11));
    mockInstallationToken(t.github);
    mockFiles(t.github, listed.slice(0, 100), { next: true });
    const contents = Object.fromEntries(files.map((file) => [file.path, file.content]));
    const context = mockContext(t.github, { changedFiles: 300, files: contents });
    // The other 200 files with their patches, in one comparison of the base branch with the head.
    t.github
      .get(`${REPO_PATH}/compare/master...${HEAD_SHA}`)
      .query({ per_page: 1 })
      .reply(200, { status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1, commits: [], files: listed });
    const queried = mockBlobs(t.github, contents, { times: 2 });
    t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(200, { id: 80 });
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(201, { id: 90 });
    const check = expectCheckRun(t.github, { updates: 3 });

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', 12));

    expect(context.asked[0]).toHaveLength(100);
    expect(queried.map((paths) => paths.length)).toEqual([100, 100]);
    expect(requests.review()).toEqual([
      `GET ${REPO_PATH}/pulls/2/files`,
      'POST /graphql',
      `GET ${REPO_PATH}/compare/master...${HEAD_SHA}`,
      'POST /graphql',
      'POST /graphql',
      `POST ${REPO_PATH}/check-runs`,
      `POST ${REPO_PATH}/pulls/2/reviews`,
      `POST ${REPO_PATH}/issues/2/comments`,
      `PATCH ${REPO_PATH}/check-runs/${CHECK_RUN_ID}`,
      `PATCH ${REPO_PATH}/check-runs/${CHECK_RUN_ID}`,
      `PATCH ${REPO_PATH}/check-runs/${CHECK_RUN_ID}`,
    ]);
    expect(requests.review().length).toBeLessThanOrEqual(requestBudget(300));
    expect(check.created).toEqual([expect.objectContaining({ status: 'in_progress' })]);
    const [completion, ...more] = check.updates;
    expect(completion).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect([completion, ...more].map((update) => update!.output.annotations.length)).toEqual([50, 50, 50]);
    expect(completion!.output.summary).toMatch(/^> This check run shows 150 of 300 annotations: .* The summary comment lists every finding\./);
  });
});
