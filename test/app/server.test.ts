import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateRequest } from '../helpers/openapi.js';

/**
 * The App as users run it: the command `npm start` runs, in its own process, with GitHub replaced
 * by a local stand-in through the Enterprise settings (GHE_HOST, GHE_PROTOCOL).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'a-webhook-secret-for-tests';
const WEBHOOK_PATH = '/api/github/webhooks';

interface Received {
  method: string;
  url: string;
  body: string;
}

let standIn: Server;
let app: ChildProcess;
let appUrl: string;
let output = '';
const received: Received[] = [];
const problems: string[] = [];
/** What the App asked GitHub before it was ready. */
let startUpRequests: string[] = [];
let startUpProblems: string[] = [];

const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
/** The pull request whose review is slow: many generated files to analyse. */
const SLOW_PULL = 7;
const SLOW_FILES = 100;

/** A module of plain functions and one N+1 (one finding per file). Each copy differs by its index. */
function generatedModule(n: number): string {
  const lines = [
    `import { eq } from 'drizzle-orm';`,
    `import { db } from '../db';`,
    `import { users } from '../db/schema';`,
    '',
    `export async function loadUsers${n}(ids: string[]) {`,
    `  const rows = [];`,
    `  for (const id of ids) rows.push(await db.select({ id: users.id }).from(users).where(eq(users.id, id)).limit(1));`,
    `  return rows;`,
    `}`,
  ];
  for (let i = 0; i < 40; i++) {
    lines.push(
      '',
      `export function format${n}x${i}(items: { id: string; total: number }[]): string {`,
      `  const sorted = [...items].sort((a, b) => a.total - b.total);`,
      `  return sorted.map((item) => \`\${item.id}: \${(item.total * ${i + 1}).toFixed(2)}\`).join('\\n');`,
      `}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Released by the slow test once it has the webhook's answer, so the review cannot finish before
 * it; after 5 s regardless, so an App that waited for its review fails the test instead of hanging.
 */
let releaseContents: () => void = () => undefined;
const CONTENTS_HOLD_MS = 5_000;

/**
 * Answers like GitHub for a repository without configuration: pull request #2 has no changed
 * files, #7 has many; checks each request against the OpenAPI description.
 */
async function answer(request: IncomingMessage, body: string): Promise<{ status: number; json: unknown; headers?: Record<string, string> }> {
  received.push({ method: request.method!, url: request.url!, body });
  problems.push(...validateRequest(request.method!, request.url!, body));
  const path = request.url!.replace(/\?.*/, '');
  if (path.endsWith('/access_tokens')) {
    return { status: 201, json: { token: 'ghs_standin', expires_at: new Date(Date.now() + 3_600_000).toISOString() } };
  }
  if (path.endsWith(`/pulls/${SLOW_PULL}/files`)) {
    const files = Array.from({ length: SLOW_FILES }, (_, n) => ({ filename: `src/generated/module-${n}.ts`, status: 'added', additions: 210, deletions: 0, changes: 210 }));
    return { status: 200, json: files };
  }
  if (path === '/api/graphql') {
    const { variables } = JSON.parse(body) as { variables: Record<string, unknown> };
    const number = Number(variables.number);
    if (number === SLOW_PULL) {
      await new Promise<void>((resolve) => {
        releaseContents = resolve;
        setTimeout(resolve, CONTENTS_HOLD_MS);
      });
    }
    const blobs = Object.entries(variables)
      .filter(([name]) => /^e\d+$/.test(name))
      .map(([name, expression]) => {
        const text = generatedModule(Number(/module-(\d+)/.exec(String(expression))![1]));
        return [`f${name.slice(1)}`, { text, byteSize: text.length, isBinary: false, isTruncated: false }];
      });
    const page = { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };
    const pullRequest = {
      state: 'OPEN',
      isDraft: false,
      title: 'Update the README',
      updatedAt: '2019-05-15T15:20:33Z',
      headRefOid: HEAD_SHA,
      baseRefName: 'master',
      changedFiles: number === SLOW_PULL ? SLOW_FILES : 0,
      commits: { nodes: [{ commit: { oid: HEAD_SHA, checkSuites: { nodes: [] } } }] },
      reviewThreads: page,
      comments: page,
    };
    // A repository without configuration, whose organisation has no `.github` repository.
    return {
      status: 200,
      json: {
        data: { repository: { url: 'https://github.com/Codertocat/Hello-World', config: null, pullRequest, ...Object.fromEntries(blobs) }, organisation: null },
        errors: [{ type: 'NOT_FOUND', path: ['organisation'], message: "Could not resolve to a Repository with the name 'Codertocat/.github'." }],
      },
    };
  }
  if (request.method === 'GET') return { status: 200, json: [] };
  return { status: request.method === 'POST' ? 201 : 200, json: { id: 1 } };
}

/** Waits until the stand-in has received a request that `matches`. */
async function waitForRequest(matches: (request: Received) => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!received.some(matches)) {
    if (Date.now() > deadline) throw new Error(`No such request within 20 s; received:\n${received.map((r) => `${r.method} ${r.url}`).join('\n')}\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Until /ready answers 200: the App has warmed up (its start-up request to GitHub included). */
async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`The App exited with ${app.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The App did not start within 20 s:\n${output}`);
}

function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function post(name: string, body: string, signature: string): Promise<Response> {
  return fetch(`${appUrl}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': name,
      'x-github-delivery': `delivery-${Date.now()}`,
      'x-hub-signature-256': signature,
    },
    body,
  });
}

function example(name: string, index: number): string {
  const file = createRequire(import.meta.url).resolve('@octokit/webhooks-examples/api.github.com/index.json');
  const definitions = JSON.parse(readFileSync(file, 'utf8')) as { name: string; examples: unknown[] }[];
  return JSON.stringify(definitions.find((definition) => definition.name === name)!.examples[index]);
}

beforeAll(async () => {
  if (!existsSync(`${ROOT}dist/server.js`)) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }
  standIn = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      void answer(request, body).then(({ status, json }) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json)));
    });
  });
  const gitHubPort = await listen(standIn);
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  // `npm start` itself would put npm between the test and the App; its command is run directly.
  const start = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ');
  if (start[0] !== 'node') throw new Error(`npm start no longer runs node: ${start.join(' ')}`);
  app = spawn(process.execPath, start.slice(1), {
    cwd: ROOT,
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
  app.stdout!.on('data', (chunk) => (output += chunk));
  app.stderr!.on('data', (chunk) => (output += chunk));
  await waitUntilReady(appUrl);
  startUpRequests = received.map((request) => `${request.method} ${request.url}`);
  startUpProblems = [...problems];
});

afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once('exit', resolve));
    app.kill('SIGTERM');
    await exited;
  }
  await new Promise((resolve) => (standIn ? standIn.close(resolve) : resolve(undefined)));
});

beforeEach(() => {
  received.length = 0;
  problems.length = 0;
});

describe('npm start', () => {
  it('asks GitHub for its App once at start-up, before it is ready: the credentials are checked then', async () => {
    expect(startUpRequests).toEqual(['GET /api/v3/app']);
    expect(startUpProblems).toEqual([]);
    expect((await fetch(`${appUrl}/ready`)).status).toBe(200);
  });

  it('refuses a delivery whose signature is wrong, without calling GitHub', async () => {
    const body = example('pull_request', 12);
    const response = await post('pull_request', body, sign(body, 'not-the-secret'));

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    // The refusal is decided before any handler runs; give a stray request the time to arrive anyway.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toEqual([]);
  });

  it('accepts a signed ping', async () => {
    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    const response = await post('ping', body, sign(body));

    expect(response.status).toBe(200);
    expect(received).toEqual([]);
  });

  it('accepts a signed pull_request and reviews it against the configured GitHub', async () => {
    const body = example('pull_request', 12);
    const response = await post('pull_request', body, sign(body));

    expect(response.status, output).toBe(200);
    // The answer comes once the review is queued; the review follows.
    await waitForRequest((request) => request.method === 'POST' && request.url.endsWith('/check-runs'));
    const calls = received.map((request) => `${request.method} ${request.url!.replace(/\?.*/, '')}`);
    expect(calls).toEqual([
      'POST /api/v3/app/installations/1/access_tokens',
      'GET /api/v3/repos/Codertocat/Hello-World/pulls/2/files',
      'POST /api/graphql',
      'POST /api/v3/repos/Codertocat/Hello-World/issues/2/comments',
      'POST /api/v3/repos/Codertocat/Hello-World/check-runs',
    ]);
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(problems).toEqual([]);
  });

  it('answers a webhook before the analysis of its pull request has finished', async () => {
    const payload = JSON.parse(example('pull_request', 12)) as { number: number; pull_request: { number: number } };
    payload.number = payload.pull_request.number = SLOW_PULL;
    const body = JSON.stringify(payload);

    const response = await post('pull_request', body, sign(body));
    const completedBeforeAnswer = received.some((request) => request.url.includes('/check-runs') && request.body.includes('"completed"'));
    releaseContents();

    expect(response.status, output).toBe(200);
    expect(completedBeforeAnswer).toBe(false);
    // Created completed, or shown in progress first when the analysis is slow: either way it ends completed.
    const completes = (request: Received) => request.url.includes('/check-runs') && request.body.includes('"completed"');
    await waitForRequest(completes);
    const completion = JSON.parse(received.findLast(completes)!.body) as { conclusion: string; output: { annotations: unknown[] } };
    // The generated files are full of findings: the analysis did run, after the answer.
    expect(completion).toMatchObject({ conclusion: 'failure' });
    expect(received.filter((request) => request.url.includes('graphql'))).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
