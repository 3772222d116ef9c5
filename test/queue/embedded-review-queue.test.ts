import { describe, expect, it } from 'vitest';
import { EmbeddedReviewQueue } from '../../src/queue/embedded-review-queue.js';
import type { ReviewJob } from '../../src/queue/review-job.js';
import { QueueFullError } from '../../src/queue/review-queue.js';

function job(pullNumber: number, headSha?: string, overrides: Partial<ReviewJob> = {}): ReviewJob {
  return { installationId: 1, owner: 'Codertocat', repo: 'Hello-World', pullNumber, ...(headSha ? { headSha } : {}), mode: 'changed', trigger: 'push', deliveryId: `d-${pullNumber}-${headSha}`, ...overrides };
}

/** A queue whose reviews run until the test ends them, one by one. */
function controlledQueue(options: { concurrency?: number; maxWaiting?: number } = {}) {
  const started: ReviewJob[] = [];
  const finishers: (() => void)[] = [];
  const failed: ReviewJob[] = [];
  const queue = new EmbeddedReviewQueue(
    (running) => {
      started.push(running);
      return new Promise<void>((resolve, reject) => finishers.push(() => (running.deliveryId === 'throws' ? reject(new Error('no token')) : resolve())));
    },
    { concurrency: options.concurrency ?? 2, maxWaiting: options.maxWaiting ?? 100, onError: (failing) => failed.push(failing) },
  );
  const finishNext = async () => {
    finishers.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { queue, started, failed, finishNext };
}

describe('EmbeddedReviewQueue', () => {
  it('runs at most `concurrency` reviews at once, the others in the order they came', async () => {
    const { queue, started, finishNext } = controlledQueue({ concurrency: 2 });
    for (const pull of [1, 2, 3, 4]) await queue.add(job(pull, 'a'));

    expect(started.map((running) => running.pullNumber)).toEqual([1, 2]);
    expect(await queue.depth()).toEqual({ waiting: 2, active: 2 });
    await finishNext();
    expect(started.map((running) => running.pullNumber)).toEqual([1, 2, 3]);
    await finishNext();
    await finishNext();
    await finishNext();
    await queue.idle();
    expect(await queue.depth()).toEqual({ waiting: 0, active: 0 });
  });

  it('a newer push replaces the waiting review of an older head: a burst costs one review of the newest', async () => {
    const { queue, started, finishNext } = controlledQueue({ concurrency: 1 });
    await queue.add(job(9, 'busy'));
    expect(await queue.add(job(1, 'a'))).toBe('queued');
    expect(await queue.add(job(1, 'b'))).toBe('merged');
    expect(await queue.add(job(1, 'c'))).toBe('merged');

    await finishNext();
    expect(started.map((running) => running.headSha)).toEqual(['busy', 'c']);
  });

  it('merging keeps every line and a person\'s request: `full` and a command survive a later push', async () => {
    const { queue, started, finishNext } = controlledQueue({ concurrency: 1 });
    await queue.add(job(9, 'busy'));
    await queue.add(job(1, undefined, { mode: 'all', trigger: 'command' }));
    await queue.add(job(1, 'b'));

    await finishNext();
    expect(started[1]).toMatchObject({ headSha: 'b', mode: 'all', trigger: 'command' });
  });

  it('a pull request under review keeps its next review waiting, so that later pushes still fold into it', async () => {
    const { queue, started, finishNext } = controlledQueue({ concurrency: 2 });
    await queue.add(job(1, 'a'));
    await queue.add(job(1, 'b'));
    await queue.add(job(2, 'a'));

    // Pull request 2 takes the free slot; 1@b waits for 1@a.
    expect(started.map((running) => `${running.pullNumber}@${running.headSha}`)).toEqual(['1@a', '2@a']);
    await queue.add(job(1, 'c'));
    await finishNext();
    expect(started.map((running) => `${running.pullNumber}@${running.headSha}`)).toEqual(['1@a', '2@a', '1@c']);
  });

  it('refuses a new pull request past its limit, so a flood cannot grow memory', async () => {
    const { queue } = controlledQueue({ concurrency: 1, maxWaiting: 2 });
    await queue.add(job(1, 'a'));
    await queue.add(job(2, 'a'));
    await queue.add(job(3, 'a'));

    await expect(queue.add(job(4, 'a'))).rejects.toBeInstanceOf(QueueFullError);
    // A push to a waiting pull request still folds in.
    expect(await queue.add(job(3, 'b'))).toBe('merged');
  });

  it('reports a review that throws and goes on with the next', async () => {
    const { queue, started, failed, finishNext } = controlledQueue({ concurrency: 1 });
    await queue.add(job(1, 'a', { deliveryId: 'throws' }));
    await queue.add(job(2, 'a'));

    await finishNext();
    expect(failed.map((failing) => failing.deliveryId)).toEqual(['throws']);
    expect(started.map((running) => running.pullNumber)).toEqual([1, 2]);
  });

  it('on close, drops what waits, lets the running review finish, and takes nothing more', async () => {
    const { queue, started, finishNext } = controlledQueue({ concurrency: 1 });
    await queue.add(job(1, 'a'));
    await queue.add(job(2, 'a'));

    const closed = queue.close();
    expect(await queue.ready()).toBe(false);
    await finishNext();
    await closed;
    expect(started.map((running) => running.pullNumber)).toEqual([1]);
    await expect(queue.add(job(3, 'a'))).rejects.toThrow(/closed/);
  });
});
