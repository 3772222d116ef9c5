import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthEndpoints } from '../../src/health/health-endpoints.js';
import { countGitHubRequests, githubRequestMetrics } from '../../src/metrics/count-github-requests.js';
import { registry, reportQueueDepthFrom } from '../../src/metrics/metrics.js';
import { observeWebhookAnswers } from '../../src/metrics/observe-webhook-answers.js';

let server: Server;
let url: string;
let ready = true;

beforeAll(async () => {
  observeWebhookAnswers('/api/github/webhooks');
  reportQueueDepthFrom(async () => ({ waiting: 3, active: 1 }));
  const endpoints = healthEndpoints({ ready: async () => ready });
  server = createServer((request, response) => {
    void endpoints(request, response).then((handled) => {
      // The webhook path stands for Probot's middleware, which answers on its own.
      if (!handled) response.writeHead(request.url === '/api/github/webhooks' ? 200 : 404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('health and metrics endpoints', () => {
  it('/health answers while the process runs; /ready only while it can take work', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await (await fetch(`${url}/ping`)).text()).toBe('PONG');
    expect(await (await fetch(`${url}/ready`)).json()).toEqual({ status: 'ready' });
    ready = false;
    const notReady = await fetch(`${url}/ready`);
    ready = true;
    expect(notReady.status).toBe(503);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
  });

  it('/metrics serves queue depth, webhook answer times and GitHub requests in Prometheus\' text format', async () => {
    await fetch(`${url}/api/github/webhooks`, { method: 'POST', headers: { 'x-github-event': 'pull_request' } });
    // A header a sender made up is counted, under `other`: it cannot grow the label set.
    await fetch(`${url}/api/github/webhooks`, { method: 'POST', headers: { 'x-github-event': 'made-up-1' } });
    const hooks: ((request: (options: { method: string }) => Promise<{ status: number }>, options: { method: string }) => Promise<{ status: number }>)[] = [];
    const client = { hook: { wrap: (_name: string, hook: (typeof hooks)[number]) => hooks.push(hook), before: () => undefined } };
    githubRequestMetrics(client as unknown as Parameters<typeof githubRequestMetrics>[0]);
    await hooks[0]!(async () => ({ status: 201 }), { method: 'POST' });

    const response = await fetch(`${url}/metrics`);
    const text = await response.text();

    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(text).toContain('perf_review_queue_depth{state="waiting"} 3');
    expect(text).toContain('perf_review_queue_depth{state="active"} 1');
    expect(text).toContain('perf_review_webhook_answer_seconds_count{event="pull_request",status="200"} 1');
    expect(text).toContain('perf_review_webhook_answer_seconds_count{event="other",status="200"} 1');
    expect(text).toContain('perf_review_github_requests_total{method="POST",status="201"} 1');
    for (const name of ['perf_review_job_duration_seconds', 'perf_review_findings_total', 'perf_review_github_requests_per_review', 'nodejs_eventloop_lag_seconds']) {
      expect(text).toContain(`# TYPE ${name}`);
    }
    expect(await registry.getSingleMetricAsString('perf_review_webhook_answer_seconds')).not.toContain('made-up');
  });

  it('counts the requests of one client for the per-review figure', async () => {
    let before: (() => void) | undefined;
    const requests = countGitHubRequests({ hook: { before: (_name: string, hook: () => void) => (before = hook) } } as unknown as Parameters<typeof countGitHubRequests>[0]);
    before!();
    before!();
    expect(requests()).toBe(2);
  });
});
