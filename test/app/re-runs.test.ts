import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/index.js';
import { docsUrlFor } from '../../src/review/docs.js';
import { renderInlineComment } from '../../src/review/inline.js';
import { CHECK_RUN_ID, HEAD_SHA, REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, QUERY_IN_JOB, addedPatch } from '../fixtures/app/sources.js';
import {
  INSTALLATION_TOKEN,
  type JsonBody,
  deliver,
  examplePayload,
  mockCheckRunStart,
  mockConfig,
  mockHead,
  mockBlobs,
  mockInstallationToken,
  mockPullRequest,
  newDeliveryId,
  recordBodies,
  useApp,
} from '../helpers/github.js';

const OPENED = 12;
const SYNCHRONIZE = 22;

const t = useApp();

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

/** The files' contents at `sha`, in one GraphQL query. */
function serve(files: { path: string; content: string }[], sha = HEAD_SHA) {
  mockBlobs(t.github, Object.fromEntries(files.map((file) => [file.path, file.content])), { sha });
}

/** The comment this App posted for a finding on an earlier push, as GitHub lists it. */
function postedComment(id: number, file: { path: string; content: string; patch: string }, line: number, status = 'modified') {
  const finding = review([{ ...file, status }], { mode: 'changed' }).findings[0]!;
  return { id, path: file.path, line, body: renderInlineComment(finding, docsUrlFor(finding.rule)), user: { login: 'perf-review[bot]', type: 'Bot' } };
}

describe('re-runs', () => {
  it('a redelivered webhook (same X-GitHub-Delivery) does no work twice', async () => {
    mockInstallationToken(t.github);
    mockPullRequest(t.github);
    mockConfig(t.github);
    mockCheckRunStart(t.github);
    t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).reply(200, []);
    t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []);
    mockHead(t.github);
    t.github.get(`${REPO_PATH}/issues/2/comments`).query({ per_page: 100 }).reply(200, []);
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(201, { id: 90 });
    t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).reply(200, { id: CHECK_RUN_ID });
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

  it('two pushes in quick succession: only the newest head is published, the older check run ends cancelled', async () => {
    const [older, newer] = ['a'.repeat(40), 'b'.repeat(40)];
    const pr = `${REPO_PATH}/pulls/4`;
    let second: Promise<void> | undefined;
    const checkRuns = recordBodies();
    mockInstallationToken(t.github);
    // Each queued review reads the pull request first: GitHub shows each push's head by then.
    mockPullRequest(t.github, { pull: 4, sha: older });
    mockPullRequest(t.github, { pull: 4, sha: newer });
    mockConfig(t.github);
    mockConfig(t.github);
    for (const sha of [older, newer]) {
      t.github.get(`${REPO_PATH}/commits/${sha}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] });
    }
    t.github
      .post(`${REPO_PATH}/check-runs`)
      .times(2)
      .reply(async (request) => {
        const body = (await request.clone().json()) as { head_sha: string };
        checkRuns.bodies.push(body);
        // The newer push arrives while the older commit is being reviewed.
        if (body.head_sha === older) second = deliver(t.probot, 'pull_request', push(4, newer, '2024-03-01T10:00:05Z'));
        return [201, { id: body.head_sha === older ? 101 : 102 }];
      });
    // The older review is slow to list its files: the newer push is known by the time it would publish.
    t.github.get(`${pr}/files`).query({ per_page: 100 }).delay(150).reply(200, [listedFile(EMAILS_ROUTE, 'modified')]);
    t.github.get(`${pr}/files`).query({ per_page: 100 }).reply(200, [listedFile(EMAILS_ROUTE, 'modified')]);
    serve([EMAILS_ROUTE], older);
    serve([EMAILS_ROUTE], newer);
    t.github.get(`${pr}/comments`).query({ per_page: 100 }).times(2).reply(200, []);
    mockHead(t.github, { pull: 4, sha: newer });
    const reviews = recordBodies();
    t.github.post(`${pr}/reviews`).reply(reviews.reply(200, { id: 80 }));
    const summaries = recordBodies();
    t.github.get(`${REPO_PATH}/issues/4/comments`).query({ per_page: 100 }).reply(200, []);
    t.github.post(`${REPO_PATH}/issues/4/comments`).reply(summaries.reply(201, { id: 90 }));
    const olderUpdates = recordBodies();
    const newerUpdates = recordBodies();
    t.github.patch(`${REPO_PATH}/check-runs/101`).reply(olderUpdates.reply(200, { id: 101 }));
    t.github.patch(`${REPO_PATH}/check-runs/102`).reply(newerUpdates.reply(200, { id: 102 }));

    await deliver(t.probot, 'pull_request', push(4, older, '2024-03-01T10:00:00Z'));
    await second;

    expect(checkRuns.bodies.map((body) => body.head_sha)).toEqual([older, newer]);
    expect(olderUpdates.bodies).toEqual([
      expect.objectContaining({ status: 'completed', conclusion: 'cancelled', output: expect.objectContaining({ title: 'Superseded by bbbbbbb: the newer commit is reviewed instead' }) }),
    ]);
    expect(reviews.bodies).toEqual([expect.objectContaining({ commit_id: newer })]);
    expect(summaries.bodies).toHaveLength(1);
    expect(newerUpdates.bodies).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
  });

  it('a push another instance of the App received: GitHub\'s head decides, nothing is published', async () => {
    const pr = `${REPO_PATH}/pulls/3`;
    const sha = 'c'.repeat(40);
    mockInstallationToken(t.github);
    mockPullRequest(t.github, { pull: 3, sha });
    mockConfig(t.github);
    mockCheckRunStart(t.github, { sha });
    t.github.get(`${pr}/files`).query({ per_page: 100 }).reply(200, [listedFile(EMAILS_ROUTE, 'modified')]);
    serve([EMAILS_ROUTE], sha);
    t.github.get(`${pr}/comments`).query({ per_page: 100 }).reply(200, []);
    mockHead(t.github, { pull: 3, sha: 'd'.repeat(40) });
    const updates = recordBodies();
    t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).reply(updates.reply(200, { id: CHECK_RUN_ID }));

    await deliver(t.probot, 'pull_request', push(3, sha, '2024-03-01T10:00:00Z'));

    expect(updates.bodies).toEqual([expect.objectContaining({ conclusion: 'cancelled', output: expect.objectContaining({ title: expect.stringContaining('Superseded by ddddddd') }) })]);
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
    mockInstallationToken(t.github);
    mockPullRequest(t.github);
    mockConfig(t.github);
    mockCheckRunStart(t.github);
    t.github
      .get(`${REPO_PATH}/pulls/2/files`)
      .query({ per_page: 100 })
      .reply(200, [listedFile(EMAILS_ROUTE, 'modified'), listedFile({ path: fixedJob.path, patch: addedPatch(fixedJob.content) }, 'added', 7)]);
    serve([EMAILS_ROUTE, fixedJob]);
    const stillThere = postedComment(7, EMAILS_ROUTE, EMAILS_ROUTE.queryLine);
    const fixed = postedComment(8, QUERY_IN_JOB, QUERY_IN_JOB.queryLine, 'added');
    // A person quoting the App's marker is not the App: not its thread to resolve.
    const quoted = { ...postedComment(9, QUERY_IN_JOB, 3, 'added'), user: { login: 'Codertocat', type: 'User' } };
    t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, [stillThere, fixed, quoted]);
    mockHead(t.github);
    const graphql = recordBodies();
    t.github.post('/graphql').reply(
      graphql.reply(200, {
        data: {
          repository: {
            pullRequest: {
              reviewThreads: {
                pageInfo: { hasNextPage: false, endCursor: 'Y3Vyc29y' },
                nodes: [
                  { id: 'PRRT_kwDOA', isResolved: false, comments: { nodes: [{ databaseId: 7 }] } },
                  { id: 'PRRT_kwDOB', isResolved: false, comments: { nodes: [{ databaseId: 8 }] } },
                  { id: 'PRRT_kwDOC', isResolved: false, comments: { nodes: [{ databaseId: 9 }] } },
                ],
              },
            },
          },
        },
      }),
    );
    t.github.post('/graphql').reply(graphql.reply(200, { data: { t0: { thread: { id: 'PRRT_kwDOB' } } } }));
    const summaries = recordBodies();
    t.github.get(`${REPO_PATH}/issues/2/comments`).query({ per_page: 100 }).reply(200, []);
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(summaries.reply(201, { id: 90 }));
    t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).reply(200, { id: CHECK_RUN_ID });

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', SYNCHRONIZE));

    // No review: the finding still there is already commented.
    expect(graphql.bodies[0]).toMatchObject({ query: expect.stringContaining('reviewThreads(first: $first, after: $cursor)'), variables: { owner: 'Codertocat', repo: 'Hello-World', number: 2, first: 100, cursor: null } });
    expect(graphql.bodies[1]).toEqual({ query: expect.stringContaining('t0: resolveReviewThread(input: { threadId: $t0 })'), variables: { t0: 'PRRT_kwDOB' } });
    expect(summaries.bodies[0]!.body).toContain('Fixed since the last review: 1 finding commented on earlier is no longer reported, so its thread was resolved.');
  });
});
