import { describe, expect, it } from 'vitest';
import { reviewJobId } from '../../src/queue/review-job.js';
import { queueSettingsOf } from '../../src/queue/queue-settings.js';

describe('reviewJobId', () => {
  it('names repository, pull request, head and mode, whatever the case, and never holds BullMQ\'s separator', () => {
    const id = reviewJobId({ owner: 'Codertocat', repo: 'Hello-World', pullNumber: 2, headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821', mode: 'changed' });
    expect(id).toBe('codertocat/hello-world#2@ec26c3e57ca3a959ca5aad62de7213c562f8c821-changed');
    expect(reviewJobId({ owner: 'codertocat', repo: 'hello-world', pullNumber: 2, mode: 'all' })).toBe('codertocat/hello-world#2@head-all');
    expect(id).not.toContain(':');
  });
});

describe('queueSettingsOf', () => {
  it('has defaults for everything but REDIS_URL', () => {
    expect(queueSettingsOf({})).toEqual({ prefix: 'perf-review', concurrency: 2, maxWaiting: 1_000, lockDurationMs: 30_000, stalledIntervalMs: 30_000, shutdownGraceMs: 25_000 });
    expect(queueSettingsOf({ REDIS_URL: ' redis://cache:6379 ', REVIEW_CONCURRENCY: '4' })).toMatchObject({ redisUrl: 'redis://cache:6379', concurrency: 4 });
  });

  it('says which setting is wrong', () => {
    expect(() => queueSettingsOf({ REVIEW_CONCURRENCY: '0' })).toThrow('REVIEW_CONCURRENCY must be a whole number, at least 1 (got "0")');
    expect(() => queueSettingsOf({ REVIEW_LOCK_MS: 'soon' })).toThrow(/REVIEW_LOCK_MS/);
  });
});
