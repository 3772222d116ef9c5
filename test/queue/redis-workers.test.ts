import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changedFileOf, reviewedHeadOf, startGitHubStandIn, type StandIn } from './github-stand-in.js';
import { answers, buildOnce, deleteKeys, freePort, pushDelivery, redisAnswers, start, stop, waitFor, type Running } from './processes.js';

/**
 * The App and `perf-review-worker` processes on a real Redis (127.0.0.1:6379), against a local
 * GitHub stand-in: what a deployment with REDIS_URL does. Each run has its own key prefix, removed
 * afterwards.
 */

const redisUp = await redisAnswers();
if (!redisUp) console.warn('Redis does not answer on 127.0.0.1:6379: the queue tests with worker processes are skipped (.ci/run starts one).');

const PREFIX = `perf-review-test-${process.pid}-${Date.now()}`;
/** Short locks, so a job whose worker died is taken up again within seconds, not BullMQ's 30. */
const QUICK_RECOVERY = { REVIEW_LOCK_MS: '2000', REVIEW_STALLED_INTERVAL_MS: '1000' };

let github: StandIn;
let app: Running;
let appUrl: string;
const workers: Running[] = [];

function shaOf(pull: number, push: number): string {
  return `${pull.toString(16).padStart(4, '0')}${push.toString(16).padStart(4, '0')}`.padEnd(40, 'a');
}

function startWorker(env: Record<string, string> = {}): Running {
  const worker = start('dist/worker.js', { GHE_HOST: github.host, REVIEW_QUEUE_PREFIX: PREFIX, PORT: '0', ...env });
  workers.push(worker);
  return worker;
}

function describeState(): string {
  return [
    `check runs: ${JSON.stringify(github.checkRuns)}`,
    `requests:\n${github.requests.slice(-40).join('\n')}`,
    `app:\n${app?.output().slice(-3_000)}`,
    ...workers.map((worker, i) => `worker ${i}:\n${worker.output().slice(-3_000)}`),
  ].join('\n');
}

/** The pull request's newest head has a completed check run, and no run is left in progress. */
function reviewedAndSettled(pulls: Map<number, string>): boolean {
  const done = [...pulls.values()].every((sha) => github.checkRuns.some((run) => run.sha === sha && run.status === 'completed'));
  return done && github.checkRuns.every((run) => run.status === 'completed');
}

describe.skipIf(!redisUp)('Redis queue and worker processes', () => {
  beforeAll(async () => {
    buildOnce();
    github = await startGitHubStandIn({ delayMs: 10 });
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = start('dist/server.js', { GHE_HOST: github.host, REVIEW_QUEUE_PREFIX: PREFIX, PORT: String(port), WEBHOOK_SECRET: 'a-webhook-secret-for-tests' });
    await waitFor('the App to be ready', () => answers(`${appUrl}/ready`), describeState);
  });

  // A test's workers never outlive it: they would take the next test's jobs.
  afterEach(async () => {
    github.beforeAnswer = () => undefined;
    await Promise.all(workers.splice(0).map((worker) => stop(worker, 'SIGKILL')));
  });

  afterAll(async () => {
    await stop(app, 'SIGKILL');
    await github?.close();
    await deleteKeys(PREFIX);
  });

  it('two workers share a burst of 20 pushes: each pull request is reviewed once, for its newest head', { timeout: 120_000 }, async () => {
    const pair = [startWorker({ REVIEW_CONCURRENCY: '2' }), startWorker({ REVIEW_CONCURRENCY: '2' })];
    await waitFor('both workers', () => pair.every((worker) => worker.logs('Review worker started').length === 1), describeState);

    // Eight pull requests, each in its own installation (GitHub's rate limits are per installation):
    // 2 to 4 pushes each, and one push delivered twice, as to two replicas of the App.
    const pushesPerPull = [4, 3, 3, 2, 2, 2, 2, 1];
    const burst: { installation: number; pull: number; sha: string; updatedAt: string }[] = [];
    const newest = new Map<number, string>();
    pushesPerPull.forEach((pushes, i) => {
      const pull = 100 + i;
      for (let push = 1; push <= pushes; push++) {
        burst.push({ installation: 10 + i, pull, sha: shaOf(pull, push), updatedAt: new Date(Date.UTC(2024, 2, 1, 10, 0, push)).toISOString() });
      }
      newest.set(pull, shaOf(pull, pushes));
      // GitHub shows each pull request at its newest head while the events are delivered.
      github.heads.set(pull, shaOf(pull, pushes));
    });
    burst.push(burst.at(-1)!);
    expect(burst).toHaveLength(20);

    // Interleaved across pull requests and sent together, so some arrive out of order.
    const order = burst.map((push, i) => ({ push, key: (i * 7) % burst.length })).sort((a, b) => a.key - b.key);
    const responses = await Promise.all(order.map(({ push }) => pushDelivery(appUrl, push)));
    expect(responses.map((response) => response.status)).toEqual(burst.map(() => 200));

    await waitFor('every newest head reviewed', () => reviewedAndSettled(newest), describeState, 90_000);

    for (const [pull, sha] of newest) {
      const summaries = github.summaries.filter((summary) => summary.pull === pull);
      const reviews = github.reviews.filter((review) => review.pull === pull);
      expect(summaries.map((summary) => reviewedHeadOf(summary.body)), `pull request ${pull}`).toEqual([sha]);
      expect(reviews.map((review) => review.commitId), `pull request ${pull}`).toEqual([sha]);
      expect(reviews[0]!.body).toContain(changedFileOf(pull));
      // Its newest head has one check run, and it failed on the N+1.
      expect(github.checkRuns.filter((run) => run.sha === sha)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    }
    // An older head that a worker had already started is cancelled, never published.
    const older = github.checkRuns.filter((run) => ![...newest.values()].includes(run.sha));
    expect(older.every((run) => run.conclusion === 'cancelled')).toBe(true);
    expect(github.problems).toEqual([]);

    // SIGTERM: each worker finishes what it runs and exits cleanly.
    expect(await Promise.all(pair.map((worker) => stop(worker, 'SIGTERM')))).toEqual([0, 0]);
    // Both workers took part, and between them completed one review per pull request.
    const done = pair.map((worker) => worker.logs('Review job done').filter((line) => line.outcome === 'completed').length);
    expect(done.every((count) => count > 0), `completed reviews per worker: ${done.join(', ')}`).toBe(true);
    expect(done[0]! + done[1]!).toBe(newest.size);
  });

  it('a worker killed in the middle of a review loses nothing: another worker retries the job and completes its check run', { timeout: 60_000 }, async () => {
    const pull = 200;
    const sha = shaOf(pull, 1);
    github.heads.set(pull, sha);
    // An earlier attempt showed the review under way before its worker died: the run is in progress.
    github.checkRuns.push({ id: github.checkRuns.length + 1, sha, status: 'in_progress' });
    const doomed = startWorker(QUICK_RECOVERY);
    await waitFor('the first worker', () => doomed.logs('Review worker started').length === 1, describeState);
    // The next worker is stopped dead in the middle of the job, while it waits for the file list.
    let reached: () => void = () => undefined;
    const reachedFiles = new Promise<void>((resolve) => (reached = resolve));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    github.beforeAnswer = (request) => {
      if (!request.endsWith(`/pulls/${pull}/files`)) return;
      reached();
      return held;
    };

    const response = await pushDelivery(appUrl, { installation: 30, pull, sha, updatedAt: '2024-03-01T11:00:00Z' });
    expect(response.status).toBe(200);
    await reachedFiles;
    expect(github.checkRuns.filter((run) => run.sha === sha)).toEqual([expect.objectContaining({ status: 'in_progress' })]);
    await stop(doomed, 'SIGKILL');
    github.beforeAnswer = () => undefined;
    release();

    const rescuer = startWorker(QUICK_RECOVERY);
    await waitFor('the job to be taken up again and completed', () => reviewedAndSettled(new Map([[pull, sha]])), describeState, 45_000);

    // The same check run, reused and completed; one review and one summary, for that head.
    expect(github.checkRuns.filter((run) => run.sha === sha)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(github.reviews.filter((review) => review.pull === pull).map((review) => review.commitId)).toEqual([sha]);
    expect(github.summaries.filter((summary) => summary.pull === pull).map((summary) => reviewedHeadOf(summary.body))).toEqual([sha]);
    expect(github.problems).toEqual([]);
    expect(await stop(rescuer, 'SIGTERM')).toBe(0);
    expect(rescuer.logs('Review job done')).toEqual([expect.objectContaining({ outcome: 'completed' })]);
  });

  it('SIGTERM in the middle of a review: the worker finishes it, then exits', { timeout: 60_000 }, async () => {
    const pull = 300;
    const sha = shaOf(pull, 1);
    github.heads.set(pull, sha);
    const worker = startWorker();
    await waitFor('the worker', () => worker.logs('Review worker started').length === 1, describeState);
    let reached: () => void = () => undefined;
    const reachedFiles = new Promise<void>((resolve) => (reached = resolve));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    github.beforeAnswer = (request) => {
      if (!request.endsWith(`/pulls/${pull}/files`)) return;
      reached();
      return held;
    };

    expect((await pushDelivery(appUrl, { installation: 31, pull, sha, updatedAt: '2024-03-01T12:00:00Z' })).status).toBe(200);
    await reachedFiles;
    worker.child.kill('SIGTERM');
    // Asked to stop while its review waits on GitHub: it says it is finishing, and does not exit yet.
    await waitFor('the worker to say it is finishing', () => worker.logs('Stopping: finishing running reviews').length === 1, describeState);
    github.beforeAnswer = () => undefined;
    release();

    expect(await worker.exited).toBe(0);
    expect(worker.logs('Review job done')).toEqual([expect.objectContaining({ outcome: 'completed' })]);
    expect(github.checkRuns.filter((run) => run.sha === sha)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(github.problems).toEqual([]);
  });
});
