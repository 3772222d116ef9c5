import { describe, expect, it, vi } from 'vitest';
import { reviewQueueOf } from '../../src/queue/create-review-queue.js';
import { REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE } from '../fixtures/app/sources.js';
import { examplePayload, expectCheckRun, mockContext, mockInstallationToken, newDeliveryId, useApp } from '../helpers/github.js';

/** Analysis that runs only when the test lets it: as slow as a 1,000-file review, for as long as needed. */
const analysis = vi.hoisted(() => {
  let start: () => void = () => undefined;
  let finish: () => void = () => undefined;
  return {
    started: new Promise<void>((resolve) => (start = resolve)),
    allowed: new Promise<void>((resolve) => (finish = resolve)),
    start: () => start(),
    allow: () => finish(),
  };
});

vi.mock('../../src/engine/pool/review-off-thread.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/pool/review-off-thread.js')>();
  return {
    ...actual,
    reviewOffThread: async (...args: Parameters<typeof actual.reviewOffThread>) => {
      analysis.start();
      await analysis.allowed;
      return actual.reviewOffThread(...args);
    },
  };
});

const t = useApp();

describe('acknowledge, then work', () => {
  it('the webhook is answered while the analysis of its pull request is still running', async () => {
    mockInstallationToken(t.github);
    t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).reply(200, [listedFile(EMAILS_ROUTE, 'modified')]);
    mockContext(t.github, { files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });
    t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(200, { id: 80 });
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(201, { id: 90 });
    const { created: updates } = expectCheckRun(t.github);

    let answered = false;
    // What Probot's middleware awaits before it answers GitHub.
    const receiving = t.probot.receive({ id: newDeliveryId(), name: 'pull_request', payload: examplePayload('pull_request', 12) } as Parameters<typeof t.probot.receive>[0]);
    void receiving.then(() => (answered = true));

    await analysis.started;
    expect(answered).toBe(true);
    expect(updates).toEqual([]);

    analysis.allow();
    await receiving;
    await reviewQueueOf(t.probot)!.idle();
    expect(updates).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
  });
});
