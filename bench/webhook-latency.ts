import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generateRepository } from './generate-repository.js';
import { startGitHubStandIn } from './github-stand-in.js';
import { repoRoot } from './repo-root.js';
import { round } from './time-runs.js';

export interface WebhookLatencyOptions {
  /** Deliveries sent at once in each round. */
  concurrentDeliveries: number;
  rounds: number;
  /** Files of the pull request every delivery asks a review of. */
  files: number;
  seed: number;
  /** Pause between rounds, so that later rounds land while reviews run. */
  pauseMs?: number;
  /** After the last answer, how long to wait at most for the queued reviews to complete. */
  settleMs?: number;
}

export interface WebhookLatency {
  concurrentDeliveries: number;
  rounds: number;
  files: number;
  /** From sending a delivery to its response status, over every delivery of every round. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Response status → deliveries answered with it (0: no answer). */
  statusCodes: Record<string, number>;
  /** Reviews whose check run was completed between the first delivery and the last answer. */
  reviewsCompletedDuringMeasurement: number;
  /** Reviews asked for: one a delivery, each for its own pull request. */
  reviewsQueued: number;
  /** Reviews completed once the queue was given `settleMs` after the last answer. */
  reviewsCompletedAtEnd: number;
  /** Requests to GitHub the stand-in did not know. */
  unhandledRequests: number;
}

const SECRET = 'bench-webhook-secret';
const WEBHOOK_PATH = '/api/github/webhooks';
const HEAD_SHA = 'e'.repeat(40);
const START_TIMEOUT_MS = 20_000;
const KILL_AFTER_MS = 5_000;
const DEFAULT_SETTLE_MS = 30_000;

/**
 * The webhook answer latency of the App as `npm start` runs it, in its own process, against a
 * local GitHub stand-in (through the Enterprise settings GHE_HOST and GHE_PROTOCOL) that serves a
 * generated pull request: `rounds` bursts of `concurrentDeliveries` signed `pull_request`
 * synchronize deliveries, each for its own pull request so none is merged into another, sent
 * while the reviews of the earlier ones run.
 */
export async function measureWebhookLatency(options: WebhookLatencyOptions): Promise<WebhookLatency> {
  const repository = generateRepository(options.files, options.seed);
  const template = pullRequestExample();
  const owner = template.repository.owner.login;
  const repo = template.repository.name;
  const github = await startGitHubStandIn({ owner, repo, pullNumber: 1, headSha: HEAD_SHA, files: repository.files });
  let completed = 0;
  const front = createServer((request, response) => void forward(request, response, github.url, () => completed++));
  let app: ChildProcess | undefined;
  try {
    const gitHubPort = await listen(front);
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const started = startApp(port, gitHubPort);
    app = started.child;
    await waitUntilServing(appUrl, started.child, started.output);

    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    let pull = 1;
    for (let burst = 0; burst < options.rounds; burst++) {
      if (burst > 0 && options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      const bodies = Array.from({ length: options.concurrentDeliveries }, () => payloadFor(template, pull++));
      const answers = await Promise.all(bodies.map((body) => deliver(appUrl, body)));
      for (const { ms, status } of answers) {
        latencies.push(ms);
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      }
    }
    const completedDuring = completed;
    // The answers did not wait for the reviews; a bounded wait shows that the reviews do complete.
    const deadline = Date.now() + (options.settleMs ?? DEFAULT_SETTLE_MS);
    while (completed < pull - 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

    latencies.sort((a, b) => a - b);
    return {
      concurrentDeliveries: options.concurrentDeliveries,
      rounds: options.rounds,
      files: options.files,
      p50Ms: round(percentile(latencies, 0.5)),
      p99Ms: round(percentile(latencies, 0.99)),
      maxMs: round(latencies.at(-1) ?? Number.NaN),
      statusCodes,
      reviewsCompletedDuringMeasurement: completedDuring,
      reviewsQueued: pull - 1,
      reviewsCompletedAtEnd: completed,
      unhandledRequests: github.unhandled.length,
    };
  } finally {
    if (app && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app!.once('exit', resolve));
      // Waiting reviews are dropped on SIGTERM; SIGKILL if running ones hold it up.
      app.kill('SIGTERM');
      const timer = setTimeout(() => app!.kill('SIGKILL'), KILL_AFTER_MS);
      await exited;
      clearTimeout(timer);
    }
    await new Promise((resolve) => front.close(resolve));
    await github.close();
  }
}

interface PullRequestPayload {
  action: string;
  number: number;
  installation?: { id: number };
  repository: { name: string; owner: { login: string } };
  pull_request: { number: number; head: { sha: string }; updated_at?: string; changed_files?: number };
}

function pullRequestExample(): PullRequestPayload {
  const file = createRequire(import.meta.url).resolve('@octokit/webhooks-examples/api.github.com/index.json');
  const definitions = JSON.parse(readFileSync(file, 'utf8')) as { name: string; examples: PullRequestPayload[] }[];
  return definitions.find((definition) => definition.name === 'pull_request')!.examples.find((example) => example.installation)!;
}

function payloadFor(template: PullRequestPayload, pull: number): string {
  const payload = structuredClone(template);
  payload.action = 'synchronize';
  payload.number = payload.pull_request.number = pull;
  payload.pull_request.head.sha = HEAD_SHA;
  payload.pull_request.updated_at = new Date().toISOString();
  delete payload.pull_request.changed_files;
  return JSON.stringify(payload);
}

async function deliver(appUrl: string, body: string): Promise<{ ms: number; status: number }> {
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  const sent = performance.now();
  try {
    const response = await fetch(`${appUrl}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const ms = performance.now() - sent;
    await response.arrayBuffer();
    return { ms, status: response.status };
  } catch {
    return { ms: performance.now() - sent, status: 0 };
  }
}

/**
 * GitHub Enterprise's layout in front of the stand-in: installation tokens here, REST under
 * `/api/v3` and GraphQL at `/api/graphql` passed on. Counts completed check runs.
 */
async function forward(request: IncomingMessage, response: ServerResponse, target: string, onCompleted: () => void): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = request.url ?? '/';
  if (request.method === 'POST' && /\/app\/installations\/\d+\/access_tokens$/.test(url)) {
    response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'ghs_bench', expires_at: new Date(Date.now() + 3_600_000).toISOString() }));
    return;
  }
  // No organisation-wide configuration: the `.github` repository is not the stand-in's.
  if (/^\/api\/v3\/repos\/[^/]+\/\.github\//.test(url)) {
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
    return;
  }
  if (request.method === 'PATCH' && /\/check-runs\/\d+$/.test(url) && body.toString('utf8').includes('"completed"')) onCompleted();
  const path = url.startsWith('/api/v3/') ? url.slice('/api/v3'.length) : url.startsWith('/api/graphql') ? url.slice('/api'.length) : url;
  try {
    const answer = await fetch(`${target}${path}`, { method: request.method!, headers: { 'content-type': 'application/json' }, ...(body.length > 0 ? { body } : {}) });
    const headers: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
    const link = answer.headers.get('link');
    if (link) headers.link = link;
    response.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
  } catch {
    response.writeHead(502).end();
  }
}

function startApp(port: number, gitHubPort: number): { child: ChildProcess; output: { text: string } } {
  const root = repoRoot();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
  // What `npm start` runs, without npm in between.
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ');
  if (start[0] !== 'node') throw new Error(`npm start no longer runs node: ${start.join(' ')}`);
  const child = spawn(process.execPath, start.slice(1), {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      APP_ID: '424242',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: `127.0.0.1:${gitHubPort}`,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { text: '' };
  // Keep only the end: a long run's warnings would otherwise pile up.
  const keep = (chunk: Buffer) => (output.text = (output.text + chunk.toString('utf8')).slice(-4_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output };
}

async function waitUntilServing(url: string, child: ChildProcess, output: { text: string }): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The App exited with ${child.exitCode}:\n${output.text}`);
    try {
      if ((await fetch(`${url}/ping`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The App did not start within ${START_TIMEOUT_MS / 1000} s:\n${output.text}`);
}

async function listen(server: ReturnType<typeof createServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
