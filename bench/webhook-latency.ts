import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { SINK_PATH } from './github-stand-in.js';
import { nodeArgsFor, siblingModule } from './node-args-for.js';
import { repoRoot } from './repo-root.js';
import { round } from './time-runs.js';
import type { StandInMessage } from './webhook-stand-in-child.js';

/**
 * Where the App queues its reviews: `embedded`, in its own process (no REDIS_URL, as `npm start`
 * runs out of the box); `redis`, on Redis, with one `perf-review-worker` process running them.
 */
export type WebhookQueue = 'embedded' | 'redis';

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
  /** `embedded` when absent. */
  queue?: WebhookQueue;
  /** The Redis of the `redis` set-up; each run uses keys of its own and removes them. */
  redisUrl?: string;
}

export interface WebhookLatency {
  queue: WebhookQueue;
  /** Processes that run reviews beside the App: 0 in the embedded set-up. */
  workers: number;
  concurrentDeliveries: number;
  rounds: number;
  files: number;
  /**
   * The same rounds sent to a server that only reads each delivery and answers 200 (in the
   * stand-in's process, before the App gets anything): the part of the figures below that is the
   * client, the network stack and a bare HTTP server, not the App.
   */
  clientFloor: { p50Ms: number; p99Ms: number; maxMs: number };
  /** From sending a delivery to its response status, over every delivery of every round. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The same per round, in order: whether one round (the first, the one that meets the first analysis) stands out. */
  byRound: { p50Ms: number; maxMs: number }[];
  /**
   * The App's own count of its answers (its `perf_review_webhook_answer_seconds` histogram, read
   * from /metrics at the end): from the request's arrival in its HTTP server to the end of the
   * answer. The difference to the figures above is time in the network stack, queued behind other
   * deliveries before the App reads them, and in the client.
   */
  appAnswers: { count: number; meanMs: number; within5Ms: number; within10Ms: number; within25Ms: number; within100Ms: number };
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
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The webhook answer latency of the App as `npm start` runs it, in its own process, against a
 * local GitHub stand-in (through the Enterprise settings GHE_HOST and GHE_PROTOCOL) that serves a
 * generated pull request: `rounds` bursts of `concurrentDeliveries` signed `pull_request`
 * synchronize deliveries, each for its own pull request so none is merged into another, sent
 * while the reviews of the earlier ones run. The stand-in runs in a third process, so that this
 * one does nothing but send the deliveries and time them.
 */
export async function measureWebhookLatency(options: WebhookLatencyOptions): Promise<WebhookLatency> {
  const queue = options.queue ?? 'embedded';
  // An installation of its own: Probot's request throttling keeps its state in Redis per
  // installation, and a worker stopped mid-request by an earlier run would hold up this one's.
  const template = { ...pullRequestExample(), installation: { id: randomInt(1_000_000, 2 ** 31) } };
  const github = await startStandIn(options, template);
  const redis = queue === 'redis' ? { url: options.redisUrl ?? DEFAULT_REDIS_URL, prefix: `perf-review-bench-${randomUUID().slice(0, 8)}` } : undefined;
  const children: ChildProcess[] = [];
  try {
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const env = appEnvironment(port, github.port, redis);
    const app = startProcess('start', env);
    children.push(app.child);
    // Ready, not only listening: as a load balancer that checks /ready, the first round meets a warm App.
    await waitUntil(`${appUrl}/ready`, app);
    if (redis) {
      // The worker serves /health, /ready and /metrics on its own port; ready once Redis answers it.
      const worker = startProcess('worker', { ...env, PORT: String(await freePort()) });
      children.push(worker.child);
      await waitUntil(`http://127.0.0.1:${worker.port}/ready`, worker);
    }

    const clientFloor = await measureClientFloor(`http://127.0.0.1:${github.port}${SINK_PATH}`, template, options);
    const latencies: number[] = [];
    const byRound: WebhookLatency['byRound'] = [];
    const statusCodes: Record<string, number> = {};
    let pull = 1;
    for (let burst = 0; burst < options.rounds; burst++) {
      if (burst > 0 && options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      const bodies = Array.from({ length: options.concurrentDeliveries }, () => payloadFor(template, pull++));
      const answers = await Promise.all(bodies.map((body) => deliver(`${appUrl}${WEBHOOK_PATH}`, body)));
      for (const { ms, status } of answers) {
        latencies.push(ms);
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      }
      const thisRound = answers.map(({ ms }) => ms).sort((a, b) => a - b);
      byRound.push({ p50Ms: round(percentile(thisRound, 0.5)), maxMs: round(thisRound.at(-1) ?? Number.NaN) });
    }
    const completedDuring = (await github.figures()).completed;
    const appAnswers = appAnswersOf(await (await fetch(`${appUrl}/metrics`)).text());
    // The answers did not wait for the reviews; a bounded wait shows that the reviews do complete.
    const deadline = Date.now() + (options.settleMs ?? DEFAULT_SETTLE_MS);
    let figures = await github.figures();
    while (figures.completed < pull - 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      figures = await github.figures();
    }

    latencies.sort((a, b) => a - b);
    return {
      queue,
      workers: redis ? 1 : 0,
      concurrentDeliveries: options.concurrentDeliveries,
      rounds: options.rounds,
      files: options.files,
      clientFloor,
      p50Ms: round(percentile(latencies, 0.5)),
      p99Ms: round(percentile(latencies, 0.99)),
      maxMs: round(latencies.at(-1) ?? Number.NaN),
      byRound,
      appAnswers,
      statusCodes,
      reviewsCompletedDuringMeasurement: completedDuring,
      reviewsQueued: pull - 1,
      reviewsCompletedAtEnd: figures.completed,
      unhandledRequests: figures.unhandled,
    };
  } finally {
    // The worker first: the App's shutdown waits for nothing in the Redis set-up.
    for (const child of children.reverse()) await stop(child);
    github.close();
    if (redis) await deleteKeys(redis.url, [`${redis.prefix}:*`, `b_octokit-*-${template.installation.id}_*`]);
  }
}

interface StandIn {
  /** Where the App finds "GitHub Enterprise". */
  port: number;
  figures(): Promise<{ completed: number; unhandled: number }>;
  close(): void;
}

/** The stand-in's process (webhook-stand-in-child.ts), spoken to over IPC. */
async function startStandIn(options: WebhookLatencyOptions, template: PullRequestPayload): Promise<StandIn> {
  const args = [String(options.files), String(options.seed), template.repository.owner.login, template.repository.name, HEAD_SHA];
  const child = spawn(process.execPath, nodeArgsFor(siblingModule(import.meta.url, 'webhook-stand-in-child'), args), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T extends StandInMessage>(is: (message: StandInMessage) => message is T) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: StandInMessage) => {
        if (!is(message)) return;
        child.off('message', onMessage).off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`The GitHub stand-in exited with ${code}`));
      child.on('message', onMessage).once('exit', onExit);
    });
  const ready = await next((message): message is Extract<StandInMessage, { ready: true }> => 'ready' in message);
  return {
    port: ready.port,
    figures: async () => {
      const answer = next((message): message is Extract<StandInMessage, { figures: true }> => 'figures' in message);
      child.send('figures');
      return answer;
    },
    close: () => child.connected && child.disconnect(),
  };
}

function appEnvironment(port: number, gitHubPort: number, redis: { url: string; prefix: string } | undefined): NodeJS.ProcessEnv {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
  return {
    PATH: process.env.PATH,
    APP_ID: '424242',
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    GHE_HOST: `127.0.0.1:${gitHubPort}`,
    GHE_PROTOCOL: 'http',
    LOG_LEVEL: 'warn',
    ...(redis ? { REDIS_URL: redis.url, REVIEW_QUEUE_PREFIX: redis.prefix } : {}),
  };
}

interface Started {
  child: ChildProcess;
  port: string;
  output: { text: string };
}

/** `npm start` or `npm run worker`: what the script runs, without npm in between. */
function startProcess(script: 'start' | 'worker', env: NodeJS.ProcessEnv): Started {
  const root = repoRoot();
  const command = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[script]!.split(' ');
  if (command[0] !== 'node') throw new Error(`npm run ${script} no longer runs node: ${command.join(' ')}`);
  const child = spawn(process.execPath, command.slice(1), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { text: '' };
  // Keep only the end: a long run's warnings would otherwise pile up.
  const keep = (chunk: Buffer) => (output.text = (output.text + chunk.toString('utf8')).slice(-4_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, port: env.PORT!, output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Waiting reviews are dropped on SIGTERM; SIGKILL if running ones hold it up.
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  await exited;
  clearTimeout(timer);
}

/** The run's queue keys, and the throttling state Probot kept for its installation. */
async function deleteKeys(url: string, patterns: string[]): Promise<void> {
  const redis = new Redis(url);
  try {
    for (const pattern of patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    await redis.quit();
  }
}

/** Bucket bounds of `perf_review_webhook_answer_seconds` this report reads. */
const APP_BUCKETS = { within5Ms: '0.005', within10Ms: '0.01', within25Ms: '0.025', within100Ms: '0.1' } as const;

/** The App's own figures for `pull_request` deliveries, from its Prometheus text. */
export function appAnswersOf(metrics: string): WebhookLatency['appAnswers'] {
  const lines = metrics.split('\n').filter((line) => line.includes('event="pull_request"'));
  const sum = (prefix: string) => lines.filter((line) => line.startsWith(`perf_review_webhook_answer_seconds_${prefix}`)).reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  const count = sum('count{');
  const within = Object.fromEntries(Object.entries(APP_BUCKETS).map(([name, bound]) => [name, sum(`bucket{le="${bound}",`)])) as Record<keyof typeof APP_BUCKETS, number>;
  return { count, meanMs: round(count > 0 ? (sum('sum{') / count) * 1000 : Number.NaN), ...within };
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

/**
 * One delivery on a connection of its own, as GitHub's deliveries arrive, with Node's own HTTP
 * client: with `fetch`, a round of 50 to a server that did nothing took 18–46 ms, with this 11–36 ms.
 */
function deliver(url: string, body: string): Promise<{ ms: number; status: number }> {
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-github-event': 'pull_request',
    'x-github-delivery': randomUUID(),
    'x-hub-signature-256': signature,
  };
  const sent = performance.now();
  return new Promise((resolve) => {
    const request = httpRequest(url, { method: 'POST', headers, agent: false, timeout: 30_000 }, (response) => {
      const ms = performance.now() - sent;
      response.resume();
      response.on('end', () => resolve({ ms, status: response.statusCode ?? 0 }));
      response.on('error', () => resolve({ ms, status: 0 }));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve({ ms: performance.now() - sent, status: 0 }));
    request.end(body);
  });
}

/**
 * The client's floor: one untimed round (the client's own JIT compilation), then `rounds` timed
 * rounds of the same deliveries to the stand-in's sink, which reads each one and answers 200. The
 * App gets nothing from it.
 */
async function measureClientFloor(sinkUrl: string, template: PullRequestPayload, options: WebhookLatencyOptions): Promise<WebhookLatency['clientFloor']> {
  const burst = () => Promise.all(Array.from({ length: options.concurrentDeliveries }, (_, n) => deliver(sinkUrl, payloadFor(template, n + 1))));
  await burst();
  const latencies: number[] = [];
  for (let n = 0; n < options.rounds; n++) {
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, Math.min(options.pauseMs!, 500)));
    const answers = await burst();
    if (answers.some(({ status }) => status !== 200)) throw new Error('The stand-in\'s sink did not answer every delivery');
    latencies.push(...answers.map(({ ms }) => ms));
  }
  latencies.sort((a, b) => a - b);
  return { p50Ms: round(percentile(latencies, 0.5)), p99Ms: round(percentile(latencies, 0.99)), maxMs: round(latencies.at(-1) ?? Number.NaN) };
}

async function waitUntil(url: string, { child, output }: Started): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}:\n${output.text}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${START_TIMEOUT_MS / 1000} s:\n${output.text}`);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
