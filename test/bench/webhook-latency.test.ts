import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '../../bench/generate-repository.js';
import { appAnswersOf, measureWebhookLatency, type WebhookLatency } from '../../bench/webhook-latency.js';
import { buildOnce, redisAnswers } from '../queue/processes.js';

/** What every run must show, whatever its timings. */
function expectComplete(figures: WebhookLatency, deliveries: number, rounds: number): void {
  expect(Object.values(figures.statusCodes).reduce((sum, n) => sum + n, 0)).toBe(deliveries * rounds);
  for (const status of Object.keys(figures.statusCodes)) expect(['200', '202']).toContain(status);
  for (const value of [figures.p50Ms, figures.p99Ms, figures.maxMs]) expect(Number.isFinite(value)).toBe(true);
  // The client's own floor, measured on the same number of deliveries against a server that does nothing.
  for (const value of Object.values(figures.clientFloor)) expect(Number.isFinite(value)).toBe(true);
  expect(figures.clientFloor.p99Ms).toBeGreaterThanOrEqual(figures.clientFloor.p50Ms);
  expect(figures.p99Ms).toBeGreaterThanOrEqual(figures.p50Ms);
  expect(figures.byRound).toHaveLength(rounds);
  expect(Math.max(...figures.byRound.map((round) => round.maxMs))).toBe(figures.maxMs);
  // The App counted each delivery it answered, on its own clock.
  expect(figures.appAnswers.count).toBe(deliveries * rounds);
  expect(figures.appAnswers.within100Ms).toBeLessThanOrEqual(figures.appAnswers.count);
  expect(figures.reviewsQueued).toBe(deliveries * rounds);
  expect(figures.reviewsCompletedAtEnd).toBeGreaterThan(0);
  expect(figures.unhandledRequests).toBe(0);
}

const withRedis = await redisAnswers();

/** The measurement on a few deliveries, checked for correctness only: never on its timings. */
describe('measureWebhookLatency', () => {
  it('answers every signed delivery of the App started as `npm start` runs it', { timeout: 150_000 }, async () => {
    buildOnce();
    const figures = await measureWebhookLatency({ concurrentDeliveries: 3, rounds: 2, files: 8, seed: DEFAULT_SEED, settleMs: 60_000 });
    expect(figures).toMatchObject({ queue: 'embedded', workers: 0 });
    expectComplete(figures, 3, 2);
  });

  it.skipIf(!withRedis)('measures the Redis set-up too: the App queues, one worker process reviews', { timeout: 150_000 }, async () => {
    buildOnce();
    const figures = await measureWebhookLatency({ concurrentDeliveries: 5, rounds: 1, files: 8, seed: DEFAULT_SEED, settleMs: 60_000, queue: 'redis' });
    expect(figures).toMatchObject({ queue: 'redis', workers: 1 });
    expectComplete(figures, 5, 1);
  });
});

describe('appAnswersOf', () => {
  it('reads the answers to pull_request deliveries from the App metrics, and nothing else', () => {
    const metrics = [
      '# HELP perf_review_webhook_answer_seconds Time from a webhook request to its answer, by event and status.',
      'perf_review_webhook_answer_seconds_bucket{le="0.005",event="pull_request",status="200"} 7',
      'perf_review_webhook_answer_seconds_bucket{le="0.01",event="pull_request",status="200"} 9',
      'perf_review_webhook_answer_seconds_bucket{le="0.025",event="pull_request",status="200"} 10',
      'perf_review_webhook_answer_seconds_bucket{le="0.1",event="pull_request",status="200"} 10',
      'perf_review_webhook_answer_seconds_bucket{le="0.1",event="pull_request",status="500"} 1',
      'perf_review_webhook_answer_seconds_bucket{le="0.1",event="check_run",status="200"} 4',
      'perf_review_webhook_answer_seconds_sum{event="pull_request",status="200"} 0.04',
      'perf_review_webhook_answer_seconds_sum{event="pull_request",status="500"} 0.05',
      'perf_review_webhook_answer_seconds_count{event="pull_request",status="200"} 10',
      'perf_review_webhook_answer_seconds_count{event="pull_request",status="500"} 1',
      'perf_review_webhook_answer_seconds_count{event="check_run",status="200"} 4',
    ].join('\n');
    // Every status counts: a refused delivery was answered too.
    expect(appAnswersOf(metrics)).toEqual({ count: 11, meanMs: 8.2, within5Ms: 7, within10Ms: 9, within25Ms: 10, within100Ms: 11 });
  });
});
