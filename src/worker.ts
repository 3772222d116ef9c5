#!/usr/bin/env node
// First: it sets how the garbage collector treats what every later module allocates.
import './gc-settings.js';
import { createServer } from 'node:http';
import { createProbot } from 'probot';
import { closeAnalysisPool } from './engine/pool/review-off-thread.js';
import { ReviewOctokit } from './github/review-octokit.js';
import { healthEndpoints } from './health/health-endpoints.js';
import { githubRequestMetrics } from './metrics/count-github-requests.js';
import { reportQueueDepthFrom } from './metrics/metrics.js';
import { queueSettingsOf } from './queue/queue-settings.js';
import { startReviewWorker } from './queue/review-worker.js';
import { shutdownOn } from './shutdown-on.js';
import { warmUp } from './warm-up.js';

/**
 * `perf-review-worker` (`npm run worker`): runs the reviews the App queues on Redis. Same image
 * and environment as the App (APP_ID, PRIVATE_KEY, REDIS_URL, GHE_HOST…), no webhook secret: it
 * answers no webhook, only /health, /ready and /metrics on PORT.
 */
const settings = queueSettingsOf();
if (!settings.redisUrl) {
  console.error('perf-review-worker: REDIS_URL is not set. Workers run the reviews an App queues on Redis; without Redis the App runs them itself.');
  process.exit(2);
}
// Probot's own reading of the environment, so the worker's client matches the App's: the same
// GitHub (GHE_HOST), the same retries and throttling, and rate limits shared through Redis.
const probot = await createProbot({ overrides: { Octokit: ReviewOctokit.plugin(githubRequestMetrics) } }).ready();
const log = probot.log.child({ name: 'worker' });
const worker = startReviewWorker(probot, { ...settings, redisUrl: settings.redisUrl }, log);
reportQueueDepthFrom(worker.depth);

let stopping = false;
let warm = false;
void warmUp(probot, { analysis: true }).finally(() => (warm = true));
const endpoints = healthEndpoints({ ready: async () => warm && !stopping && (await worker.ready()) });
const http = createServer((request, response) => {
  endpoints(request, response).then(
    (handled) => void (handled || response.writeHead(404).end()),
    () => void response.writeHead(500).end(),
  );
});
http.listen(Number(process.env.PORT ?? 3000), process.env.HOST, () => {
  log.info({ address: http.address(), concurrency: settings.concurrency }, 'Review worker started');
});

shutdownOn(['SIGTERM', 'SIGINT'], settings.shutdownGraceMs, async () => {
  stopping = true;
  log.info('Stopping: finishing running reviews');
  // Waits for the running jobs; one cut short by the grace period goes back to Redis when its lock expires.
  await worker.close();
  await closeAnalysisPool();
  http.close();
});
