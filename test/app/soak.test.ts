import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { SUMMARY_MARKER, fingerprintsIn } from '../../src/review/markers.js';
import { REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, addedPatch } from '../fixtures/app/sources.js';
import { EXAMPLE_TITLE, type JsonBody, deliver, examplePayload, useApp } from '../helpers/github.js';

const SYNCHRONIZE = 22;
const PUSHES = 200;
/** Pushes arrive alone or in bursts of up to four, a few milliseconds apart. */
const BURSTS = [1, 2, 3, 4];
const STAGGER_MS = 20;

const t = useApp();

/**
 * A forced collection makes the heap figures comparable; without --expose-gc the flag is set at run
 * time. Collections on separate turns let finalisers and weak references settle in between.
 */
async function collectGarbage(): Promise<boolean> {
  let gc: () => void;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    return false;
  }
  for (let pass = 0; pass < 3; pass++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

function shaOf(push: number): string {
  return push.toString(16).padStart(40, '0');
}

/** Each push moves the N+1 down by a line or two: its fingerprint must still recognise it. */
function contentOf(sha: string): string {
  const push = Number.parseInt(sha, 16);
  return `${'// moved\n'.repeat(push % 3)}${EMAILS_ROUTE.content}`;
}

interface CheckRun {
  id: number;
  sha: string;
  status: string;
  conclusion?: string;
}

/** GitHub for one pull request, with state: what the App posted is what it lists next time. */
function fakeGitHub() {
  const state = {
    head: shaOf(0),
    checkRuns: [] as CheckRun[],
    reviewComments: [] as JsonBody[],
    issueComments: [] as JsonBody[],
    reviews: 0,
  };
  const json = async (request: Request) => (await request.clone().json()) as JsonBody;
  const pr = `${REPO_PATH}/pulls/2`;
  t.github.persist();
  t.github
    .post('/app/installations/1/access_tokens')
    .reply(201, { token: 'ghs_soak', expires_at: new Date(Date.now() + 3_600_000).toISOString() })
    .get(`${pr}/files`)
    .query({ per_page: 100 })
    .reply(() => [200, [listedFile({ path: EMAILS_ROUTE.path, patch: addedPatch(contentOf(state.head)) }, 'added', 12)]])
    .post('/graphql')
    .reply(async (request) => {
      // The review's context: the pull request at its head now, what the App posted, and the one file's content.
      const head = state.head;
      const runs = state.checkRuns.filter((run) => run.sha === head);
      const text = contentOf(head);
      return [
        200,
        {
          data: {
            repository: {
              url: 'https://github.com/Codertocat/Hello-World',
              config: null,
              pullRequest: {
                state: 'OPEN',
                isDraft: false,
                title: EXAMPLE_TITLE,
                updatedAt: '2024-03-01T10:00:00Z',
                headRefOid: head,
                baseRefName: 'master',
                changedFiles: 1,
                commits: { nodes: [{ commit: { oid: head, checkSuites: { nodes: runs.map((run) => ({ checkRuns: { nodes: [{ databaseId: run.id, annotations: { totalCount: 0, nodes: [] } }] } })) } } }] },
                reviewThreads: {
                  pageInfo: { hasNextPage: false, endCursor: null },
                  nodes: state.reviewComments.map((comment) => ({ id: `PRRT_${comment.id}`, isResolved: false, comments: { nodes: [{ databaseId: comment.id, body: comment.body, path: comment.path, line: comment.line, viewerDidAuthor: true }] } })),
                },
                comments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: state.issueComments.map((comment) => ({ databaseId: comment.id, body: comment.body, viewerDidAuthor: true })) },
              },
              f0: (await json(request)).query.includes('f0:') ? { text, byteSize: text.length, isBinary: false, isTruncated: false } : null,
            },
            organisation: { config: null },
          },
        },
      ];
    })
    .post(`${REPO_PATH}/check-runs`)
    .reply(async (request) => {
      const body = await json(request);
      const run = { id: state.checkRuns.length + 1, sha: body.head_sha as string, status: body.status as string, conclusion: body.conclusion as string | undefined };
      state.checkRuns.push(run);
      return [201, { id: run.id }];
    })
    // Only a run shown in progress, or one reused, is updated: fast reviews of new commits create theirs completed.
    .patch(/\/check-runs\/\d+$/)
    .optionally()
    .reply(async (request) => {
      const run = state.checkRuns[Number(new URL(request.url).pathname.split('/').pop()) - 1]!;
      const body = await json(request);
      Object.assign(run, { status: body.status ?? run.status, conclusion: body.conclusion ?? run.conclusion });
      return [200, { id: run.id }];
    })
    .post(`${pr}/reviews`)
    .reply(async (request) => {
      const body = await json(request);
      state.reviews++;
      for (const comment of body.comments as JsonBody[]) {
        state.reviewComments.push({ id: 1_000 + state.reviewComments.length, path: comment.path, line: comment.line, body: comment.body, user: { login: 'perf-review[bot]', type: 'Bot' } });
      }
      return [200, { id: state.reviews }];
    })
    .post(`${REPO_PATH}/issues/2/comments`)
    .reply(async (request) => {
      state.issueComments.push({ id: 5_000 + state.issueComments.length, body: (await json(request)).body, user: { login: 'perf-review[bot]', type: 'Bot' } });
      return [201, { id: state.issueComments.at(-1)!.id }];
    })
    .patch(/\/issues\/comments\/\d+$/)
    .reply(async (request) => {
      const id = Number(new URL(request.url).pathname.split('/').pop());
      state.issueComments.find((comment) => comment.id === id)!.body = (await json(request)).body;
      return [200, { id }];
    });
  return state;
}

function push(number: number) {
  const payload = examplePayload('pull_request', SYNCHRONIZE) as { pull_request: JsonBody };
  payload.pull_request.head.sha = shaOf(number);
  payload.pull_request.updated_at = new Date(Date.UTC(2024, 2, 1, 10, 0, number)).toISOString();
  return payload;
}

describe('soak', () => {
  it(`${PUSHES} synchronize events on one pull request: one summary, no inline comment twice, every check run completed`, { timeout: 120_000 }, async () => {
    const github = fakeGitHub();
    // The first review compiles the OpenAPI validators and loads every module: not growth of the App.
    github.head = shaOf(1);
    await deliver(t.probot, 'pull_request', push(1));
    const forced = await collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();

    let next = 2;
    for (let burst = 0; next <= PUSHES; burst++) {
      const size = Math.min(BURSTS[burst % BURSTS.length]!, PUSHES - next + 1);
      const deliveries: Promise<void>[] = [];
      for (let i = 0; i < size; i++, next++) {
        const number = next;
        github.head = shaOf(number);
        deliveries.push(deliver(t.probot, 'pull_request', push(number)));
        // Far enough apart that an earlier review of the burst is often under way when the next push lands.
        await new Promise((resolve) => setTimeout(resolve, STAGGER_MS));
      }
      await Promise.all(deliveries);
      // The harness keeps every log line for assertions; the App itself keeps none.
      t.logs.length = 0;
    }

    await collectGarbage();
    const after = process.memoryUsage().heapUsed;
    const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
    const counts = new Map<string, number>();
    for (const run of github.checkRuns) counts.set(run.conclusion ?? run.status, (counts.get(run.conclusion ?? run.status) ?? 0) + 1);
    const byConclusion = [...counts].map(([key, count]) => `${key} ${count}`);
    console.log(
      `soak: ${PUSHES} pushes (heap measured over the last ${PUSHES - 1}) in ${((performance.now() - started) / 1000).toFixed(1)} s; ${github.checkRuns.length} check runs (${byConclusion.join(', ')}); ` +
        `${github.reviews} review(s) posted; heap ${mb(before)} MB before, ${mb(after)} MB after, growth ${mb(after - before)} MB` +
        `${forced ? ' (after a forced garbage collection)' : ' (no forced garbage collection)'}`,
    );

    expect(github.issueComments.filter((comment) => String(comment.body).includes(SUMMARY_MARKER))).toHaveLength(1);
    const fingerprints = github.reviewComments.flatMap((comment) => fingerprintsIn(comment.body as string));
    expect(fingerprints).toHaveLength(1);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    // Every review that started finished: none is left in progress, each commit has one run at most.
    expect(github.checkRuns.filter((run) => run.status !== 'completed')).toEqual([]);
    expect(new Set(github.checkRuns.map((run) => run.sha)).size).toBe(github.checkRuns.length);
    expect(github.checkRuns.every((run) => run.conclusion === 'failure' || run.conclusion === 'cancelled')).toBe(true);
    // The pull request shows its newest head, reviewed.
    expect(github.checkRuns.find((run) => run.sha === shaOf(PUSHES))).toMatchObject({ conclusion: 'failure' });
    expect(github.issueComments[0]!.body).toContain('# Performance Review:');
  });
});
