import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's one registry: what `/metrics` serves. Metrics are created here once, at start-up;
 * a second registration of the same name would throw.
 */
export const registry = new Registry();

// Event-loop lag, heap and GC: the figures that show whether analysis really stays off the loop.
collectDefaultMetrics({ register: registry });

/** What the queue holds, read on each scrape; set once by whoever owns the queue in this process. */
let depthSource: (() => Promise<QueueDepth>) | undefined;

export interface QueueDepth {
  waiting: number;
  active: number;
}

export function reportQueueDepthFrom(source: () => Promise<QueueDepth>): void {
  depthSource = source;
}

export const queueDepth = new Gauge({
  name: 'perf_review_queue_depth',
  help: 'Reviews in the queue, by state (waiting includes delayed and retrying jobs).',
  labelNames: ['state'],
  registers: [registry],
  async collect() {
    if (!depthSource) return;
    const depth = await depthSource();
    this.set({ state: 'waiting' }, depth.waiting);
    this.set({ state: 'active' }, depth.active);
  },
});

export const jobDuration = new Histogram({
  name: 'perf_review_job_duration_seconds',
  help: 'Time from the start of a review job to its end, by outcome.',
  labelNames: ['outcome'],
  // Reviews take from a second (a few files) to minutes (thousands, behind GitHub's rate limits).
  buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
  registers: [registry],
});

export const findingsTotal = new Counter({
  name: 'perf_review_findings_total',
  help: 'Findings reported by completed reviews.',
  registers: [registry],
});

export const githubRequests = new Counter({
  name: 'perf_review_github_requests_total',
  help: 'Requests sent to GitHub, by method and status (0: no answer).',
  labelNames: ['method', 'status'],
  registers: [registry],
});

export const githubRequestsPerReview = new Histogram({
  name: 'perf_review_github_requests_per_review',
  help: 'GitHub requests one review job made, an installation token request included when the cached one had expired.',
  buckets: [5, 10, 15, 20, 30, 50, 100, 200],
  registers: [registry],
});

export const webhookAnswers = new Histogram({
  name: 'perf_review_webhook_answer_seconds',
  help: 'Time from a webhook request to its answer, by event and status.',
  labelNames: ['event', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers: [registry],
});
