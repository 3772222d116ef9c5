// First: it sets how the garbage collector treats what every later module allocates.
import './gc-settings.js';
import { run, type Probot } from 'probot';
import app from './app.js';
import { closeAnalysisPool } from './engine/pool/review-off-thread.js';
import { ReviewOctokit } from './github/review-octokit.js';
import { healthEndpoints } from './health/health-endpoints.js';
import { githubRequestMetrics } from './metrics/count-github-requests.js';
import { reportQueueDepthFrom } from './metrics/metrics.js';
import { observeWebhookAnswers } from './metrics/observe-webhook-answers.js';
import { reviewQueueOf } from './queue/create-review-queue.js';
import { queueSettingsOf } from './queue/queue-settings.js';
import type { ReviewQueue } from './queue/review-queue.js';
import { shutdownOn } from './shutdown-on.js';
import { warmUp } from './warm-up.js';

/**
 * `npm start`: Probot's runner, with the environment it documents (APP_ID, PRIVATE_KEY, PORT,
 * REDIS_URL for shared rate limits…), the client this App needs (`probot run` has no way to be
 * given one), health and metrics endpoints, and a shutdown that lets running reviews finish.
 */
const settings = queueSettingsOf();
observeWebhookAnswers(process.env.WEBHOOK_PATH || '/api/github/webhooks');
let queue: ReviewQueue | undefined;
let stopping = false;
/** Ready once warmed up: a load balancer that waits for /ready sends the first webhooks to a warm process. */
let warm = false;

const server = await run(
  (probot: Probot, { addHandler }) => {
    app(probot);
    queue = reviewQueueOf(probot);
    reportQueueDepthFrom(async () => (queue ? queue.depth() : { waiting: 0, active: 0 }));
    addHandler(healthEndpoints({ ready: async () => warm && !stopping && (await (queue?.ready() ?? false)) }));
    // Reviews run here unless they are queued on Redis for worker processes.
    void warmUp(probot, { analysis: !settings.redisUrl }).finally(() => (warm = true));
  },
  { Octokit: ReviewOctokit.plugin(githubRequestMetrics) },
);

// SIGINT stays Probot's own: it stops the server and exits at once, as a developer expects.
shutdownOn(['SIGTERM'], settings.shutdownGraceMs, async () => {
  stopping = true;
  await server.stop();
  // Embedded: waiting reviews are dropped (none has a check run yet), running ones finish.
  await queue?.close();
  await closeAnalysisPool();
});
