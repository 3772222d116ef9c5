import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

/** The App's and the workers' built entries, run as users run them, each in its own process. */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const REDIS_URL = 'redis://127.0.0.1:6379';
export const SECRET = 'a-webhook-secret-for-tests';

/** Whether the Redis these tests need answers; CI starts one (`.ci/run`). */
export async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Removes every key a test run made: its prefix is its own. */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

export function buildOnce(): void {
  if (existsSync(`${ROOT}dist/worker.js`) && existsSync(`${ROOT}dist/server.js`)) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

let key: string | undefined;

function privateKey(): string {
  key ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  }).privateKey;
  return key;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface Running {
  child: ChildProcess;
  /** Everything the process wrote, stdout and stderr. */
  output: () => string;
  /** Its JSON log lines with this message. */
  logs: (message: string) => Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** `node <entry>` with the environment the App and the workers share in production. */
export function start(entry: 'dist/server.js' | 'dist/worker.js', env: Record<string, string>): Running {
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      APP_ID: '424242',
      PRIVATE_KEY: privateKey(),
      REDIS_URL,
      HOST: '127.0.0.1',
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // `close`, not `exit`: by then everything the process wrote has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const logs = (message: string) =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === message);
  return { child, output: () => output, logs, exited };
}

export async function stop(running: Running | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (!running) return null;
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill(signal);
  return running.exited;
}

export async function waitFor(what: string, ready: () => boolean | Promise<boolean>, describe: () => string = () => '', timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

let deliveries = 0;

/** A signed `pull_request.synchronize` delivery, as GitHub sends it. */
export function pushDelivery(appUrl: string, push: { installation: number; pull: number; sha: string; updatedAt: string }): Promise<Response> {
  const payload = synchronizeExample();
  payload.installation = { id: push.installation };
  payload.number = push.pull;
  const pullRequest = payload.pull_request as Record<string, unknown>;
  pullRequest.number = push.pull;
  pullRequest.updated_at = push.updatedAt;
  (pullRequest.head as Record<string, unknown>).sha = push.sha;
  const body = JSON.stringify(payload);
  return fetch(`${appUrl}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': `queue-test-${process.pid}-${++deliveries}`,
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
    body,
  });
}

let example: string | undefined;

function synchronizeExample(): Record<string, unknown> {
  example ??= JSON.stringify(
    (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as { name: string; examples: unknown[] }[]).find(
      (definition) => definition.name === 'pull_request',
    )!.examples[22],
  );
  return JSON.parse(example) as Record<string, unknown>;
}
