import { generateKeyPair } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import nock from 'nock';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeEach } from 'vitest';
import app from '../../src/app.js';
import { ReviewOctokit } from '../../src/github/review-octokit.js';
import { reviewQueueOf } from '../../src/queue/create-review-queue.js';
import { CHECK_RUN_ID, HEAD_SHA, REPO_PATH, blobShaOf } from '../fixtures/app/github.js';
import { validateRequest } from './openapi.js';

/**
 * The harness every App test runs in: a real Probot with the App loaded, GitHub mocked with nock,
 * and every request the App sends checked against GitHub's OpenAPI description.
 */

export const GITHUB_API = 'https://api.github.com';
export const APP_ID = 424242;
export const INSTALLATION_ID = 1;
/** Shaped like a real installation token, so a leak into the logs would be found by a search. */
export const INSTALLATION_TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';

export interface AppHarness {
  probot: Probot;
  /** The only way to mock GitHub in an App test: each request it answers is validated first. */
  github: nock.Scope;
  /** Every log line the App wrote, as JSON text. */
  logs: string[];
}

// Retries would turn one mocked 500 into several requests, and throttling would wait on real time.
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

/**
 * A limiter that lets each request through at once. The throttling plugin spaces writes 1 s apart
 * (3 s for those that notify someone): right for GitHub, a pure wait in a test.
 */
const UNSPACED = {
  key: () => ({ schedule: (_options: unknown, task: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve().then(() => task(...args)) }),
};

/** The production client (retries, throttling, its rate-limit handlers), with waits of milliseconds instead of seconds. */
const ProductionOctokit = ReviewOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { retryAfterBaseValue: 1 },
  throttle: { ...(options.throttle as object | undefined), retryAfterBaseValue: 1, write: UNSPACED, notifications: UNSPACED },
}));

export interface AppOptions {
  /** `production`: the App's own client, retrying and throttling as it does when deployed. */
  octokit?: 'test' | 'production';
}

let privateKey: Promise<string> | undefined;

/** A fresh key per test run: no key, even a test one, lives in the repository. */
export function testPrivateKey(): Promise<string> {
  privateKey ??= new Promise((resolve, reject) =>
    generateKeyPair(
      'rsa',
      { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } },
      (error, _publicKey, key) => (error ? reject(error) : resolve(key)),
    ),
  );
  return privateKey;
}

/**
 * The one guard around GitHub mocks that every harness uses: a nock scope whose answered requests
 * are all checked against GitHub's OpenAPI description, a fetch that counts what the client sends
 * (so a request answered elsewhere is caught), and, after each test, the list of problems: a
 * request that broke the description, reached no mock, was answered by another scope, or a mock
 * never called.
 */
export interface GitHubMockGuard {
  open(): nock.Scope;
  countingFetch: typeof fetch;
  close(): Promise<string[]>;
}

export function guardGitHubMocks(): GitHubMockGuard {
  const problems: string[] = [];
  let sent = 0;
  let validated = 0;
  const unmatched: Promise<void>[] = [];
  const onNoMatch = (request: Request) => {
    validated++;
    problems.push(`no mock for ${request.method} ${request.url}`);
    // Say also whether GitHub would have taken it: an unknown operation is the likelier mistake.
    unmatched.push(request.clone().text().then((body) => void problems.push(...validateRequest(request.method, request.url, body))));
  };
  return {
    open() {
      nock.disableNetConnect();
      nock.emitter.on('no match', onNoMatch);
      return nock(GITHUB_API).on('request', (request: Request, _interceptor: unknown, body: string) => {
        validated++;
        problems.push(...validateRequest(request.method, request.url, body));
      });
    },
    countingFetch: (...args: Parameters<typeof fetch>) => (sent++, fetch(...args)),
    async close() {
      nock.emitter.removeListener('no match', onNoMatch);
      await Promise.all(unmatched.splice(0));
      const failures = [
        ...problems,
        ...(validated !== sent ? [`${sent - validated} request(s) answered by a nock scope other than the harness's \`github\`, so not checked against GitHub's OpenAPI description`] : []),
        ...nock.pendingMocks().map((mock) => `expected but never sent: ${mock}`),
      ];
      problems.length = 0;
      sent = validated = 0;
      nock.cleanAll();
      return failures;
    },
  };
}

/** Fails the test that just ran with every problem the guard saw. */
export function throwMockProblems(failures: readonly string[]): void {
  if (failures.length > 0) throw new Error(`GitHub mock problems:\n- ${failures.join('\n- ')}`);
}

/**
 * Registers the harness around each test of the calling file. After each test it fails when a
 * request broke GitHub's OpenAPI description, when a request reached no mock, when a mock was
 * never called, or when a request was answered by a nock scope that did not validate it.
 */
export function useApp(options: AppOptions = {}): AppHarness {
  const harness = { logs: [] as string[] } as AppHarness;
  const guard = guardGitHubMocks();

  beforeEach(async () => {
    harness.logs = [];
    harness.github = guard.open();
    harness.probot = new Probot({
      appId: APP_ID,
      privateKey: await testPrivateKey(),
      Octokit: options.octokit === 'production' ? ProductionOctokit : TestOctokit,
      log: pino({ level: 'debug' }, new Writable({ write: (chunk, _encoding, done) => (harness.logs.push(String(chunk)), done()) })),
      // Counts what the App sends (token requests included), to prove each one was validated.
      request: { fetch: guard.countingFetch },
    });
    await harness.probot.load(app);
  });

  afterEach(async () => throwMockProblems(await guard.close()));

  return harness;
}

/** The installation token request that precedes the App's first API call for an event. */
export function mockInstallationToken(github: nock.Scope, installationId = INSTALLATION_ID): nock.Scope {
  return github.post(`/app/installations/${installationId}/access_tokens`).reply(201, {
    token: INSTALLATION_TOKEN,
    expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    permissions: { checks: 'write', contents: 'read', issues: 'write', metadata: 'read', pull_requests: 'write' },
    repository_selection: 'all',
  });
}

// `any`: a recorded body is GitHub request JSON that a test asserts field by field.
export type JsonBody = Record<string, any>;

/**
 * Keeps the JSON body of each request a mock answers: `.reply(recorded.reply(201, { id: 1 }))`.
 * A body matcher would not do: nock 15 runs the matchers of every interceptor it tries, so one
 * would also see the bodies of requests meant for other mocks.
 */
export function recordBodies<T = JsonBody>(): { bodies: T[]; reply: (status: number, json?: nock.Body) => (request: Request) => Promise<[number, nock.Body]> } {
  const bodies: T[] = [];
  return {
    bodies,
    reply: (status, json = '') => async (request) => {
      const text = await request.clone().text();
      bodies.push((text ? JSON.parse(text) : undefined) as T);
      return [status, json];
    },
  };
}

type WebhookEvent = Parameters<Probot['receive']>[0];
type WebhookName = WebhookEvent['name'];

interface WebhookDefinition {
  name: string;
  examples: Record<string, unknown>[];
}

let definitions: WebhookDefinition[] | undefined;

/** A copy of one of GitHub's example payloads (`@octokit/webhooks-examples`), free to modify. */
export function examplePayload(name: WebhookName, index: number): Record<string, unknown> {
  definitions ??= JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8'),
  ) as WebhookDefinition[];
  const payload = definitions.find((definition) => definition.name === name)?.examples[index];
  if (!payload) throw new Error(`No example ${index} for the ${name} webhook`);
  return structuredClone(payload);
}

let deliveries = 0;

/** A delivery id no other delivery of the test run has. */
export function newDeliveryId(): string {
  return `delivery-${++deliveries}`;
}

/**
 * Delivers a webhook the way GitHub's middleware would hand it to the App, then waits for the
 * reviews it queued: the handler returns as soon as they are queued. Passing the id of an earlier
 * delivery is how GitHub redelivers it.
 */
export async function deliver(probot: Probot, name: WebhookName, payload: Record<string, unknown>, id = newDeliveryId()): Promise<void> {
  // The payload is one of GitHub's examples, possibly edited: its exact type is the event's.
  await probot.receive({ id, name, payload } as WebhookEvent);
  await reviewQueueOf(probot)?.idle();
}

/** Where Probot looks for the configuration: `.github/perf-review.yml`, the path encoded as one segment. */
export const CONFIG_CONTENTS = `/contents/${encodeURIComponent('.github/perf-review.yml')}`;

/**
 * The configuration as Probot reads it (raw, from the default branch): only for a file that
 * `_extends` another, whose chain only Probot follows.
 */
export function mockConfig(github: nock.Scope, yaml: string, repoPath = REPO_PATH): nock.Scope {
  return github.get(`${repoPath}${CONFIG_CONTENTS}`).reply(200, yaml, { 'content-type': 'text/plain; charset=utf-8' });
}

/** The title of the example pull request #2. */
export const EXAMPLE_TITLE = 'Update the README with new information.';

/**
 * The first page of the pull request's changed files (`pulls.listFiles`, 100 per page): what a
 * review asks first, by the pull request's number alone. `next` adds GitHub's link to page 2.
 */
export function mockFiles(github: nock.Scope, files: object[], options: { pull?: number; repoPath?: string; next?: boolean } = {}): nock.Scope {
  const { pull = 2, repoPath = REPO_PATH, next = false } = options;
  const link = `<${GITHUB_API}${repoPath}/pulls/${pull}/files?per_page=100&page=2>; rel="next"`;
  return github.get(`${repoPath}/pulls/${pull}/files`).query({ per_page: 100 }).reply(200, files, next ? { link } : {});
}

/** A file as GitHub's GraphQL `Blob` describes it; `error` stands for GitHub failing on that one object. */
export type BlobMock = string | { text?: string | null; byteSize?: number; isBinary?: boolean; isTruncated?: boolean } | { error: string } | null;

/** The first comment of a review thread, as the context read returns it. */
export interface ThreadMock {
  id: string;
  isResolved?: boolean;
  databaseId: number;
  body: string;
  path: string;
  line: number | null;
  /** Written by the App itself. */
  byApp?: boolean;
}

export interface ContextMock {
  pull?: number;
  sha?: string;
  title?: string;
  draft?: boolean;
  state?: 'OPEN' | 'CLOSED' | 'MERGED';
  changedFiles?: number;
  baseRef?: string;
  updatedAt?: string;
  repoPath?: string;
  /** `.github/perf-review.yml` on the default branch; absent, there is none. */
  config?: string;
  /** The organisation's, in its `.github` repository; absent, that repository does not exist. */
  orgConfig?: string;
  threads?: ThreadMock[];
  /** Issue comments of the pull request. */
  comments?: { databaseId: number; body: string; byApp?: boolean }[];
  /** The App's check run on the head commit, with the annotations it shows (or only how many: more than a page). */
  checkRun?: { id: number; annotations?: number; shown?: { path: string; start_line: number; title: string; message: string }[] };
  /** Contents the query may ask for, by path. */
  files?: Record<string, BlobMock>;
  /** GitHub failing on part of the query, as GraphQL answers it beside the data. */
  errors?: { type: string; path: (string | number)[]; message?: string }[];
}

/**
 * The review's context, read in one GraphQL query: the pull request, its review threads and
 * comments, the App's check run, the configuration and the first files' contents. The defaults are
 * the example pull request #2 of the pull_request payloads, with no configuration anywhere (the
 * organisation's `.github` repository does not exist). Returns the bodies of the queries it
 * answered and the paths of the contents each asked for.
 */
export function mockContext(github: nock.Scope, options: ContextMock = {}): { bodies: JsonBody[]; asked: string[][] } {
  const { pull = 2, sha = HEAD_SHA, title = EXAMPLE_TITLE, draft = false, state = 'OPEN', changedFiles = 1, baseRef = 'master', updatedAt = '2019-05-15T15:20:33Z', repoPath = REPO_PATH } = options;
  const [, , owner, name] = repoPath.split('/');
  const bodies: JsonBody[] = [];
  const asked: string[][] = [];
  github.post('/graphql').reply(async (request) => {
    const body = (await request.clone().json()) as { query: string; variables: Record<string, unknown> };
    bodies.push(body);
    if (!body.query.includes('organisation: repository(')) return [200, { errors: [{ message: 'the test expected the review context query here' }] }];
    const { data: blobs, errors, paths } = answerBlobs(body.variables, options.files ?? {}, sha);
    asked.push(paths);
    const run = options.checkRun;
    const annotations = run?.shown ?? [];
    const checkSuites = run
      ? [{ checkRuns: { nodes: [{ databaseId: run.id, annotations: { totalCount: run.annotations ?? annotations.length, nodes: annotations.map((a) => ({ path: a.path, title: a.title, message: a.message, location: { start: { line: a.start_line } } })) } }] } }]
      : [];
    const page = <T>(nodes: T[]) => ({ pageInfo: { hasNextPage: false, endCursor: nodes.length > 0 ? 'Y3Vyc29y' : null }, nodes });
    const repository = {
      url: `https://github.com/${owner}/${name}`,
      config: options.config !== undefined ? { text: options.config, isBinary: false } : null,
      pullRequest: {
        state,
        isDraft: draft,
        title,
        updatedAt,
        headRefOid: sha,
        baseRefName: baseRef,
        changedFiles,
        ...(body.query.includes('checkSuites') ? { commits: { nodes: [{ commit: { oid: sha, checkSuites: { nodes: checkSuites } } }] } } : {}),
        reviewThreads: page(
          (options.threads ?? []).map((thread) => ({
            id: thread.id,
            isResolved: thread.isResolved ?? false,
            comments: { nodes: [{ databaseId: thread.databaseId, body: thread.body, path: thread.path, line: thread.line, viewerDidAuthor: thread.byApp ?? true }] },
          })),
        ),
        comments: page((options.comments ?? []).map((comment) => ({ databaseId: comment.databaseId, body: comment.body, viewerDidAuthor: comment.byApp ?? true }))),
      },
      ...blobs,
    };
    const organisation = options.orgConfig !== undefined ? { config: { text: options.orgConfig, isBinary: false } } : null;
    const missingOrg = options.orgConfig === undefined ? [{ type: 'NOT_FOUND', path: ['organisation'], message: `Could not resolve to a Repository with the name '${owner}/.github'.` }] : [];
    const allErrors = [...missingOrg, ...errors, ...(options.errors ?? []).map((error) => ({ message: `${error.type} on ${error.path.join('.')}`, ...error }))];
    return [200, { data: { repository, organisation }, ...(allErrors.length > 0 ? { errors: allErrors } : {}) }];
  });
  return { bodies, asked };
}

/** Answers the `f<n>: object(oid: $e<n>)` (or `expression: "<sha>:<path>"`) fields of a query from `files`. */
function answerBlobs(variables: Record<string, unknown>, files: Record<string, BlobMock>, sha: string) {
  const byBlob = new Map(Object.keys(files).map((path) => [blobShaOf(path), path]));
  const data: Record<string, unknown> = {};
  const errors: object[] = [];
  const paths: string[] = [];
  for (const [name, value] of Object.entries(variables).filter(([key]) => /^e\d+$/.test(key))) {
    const alias = `f${name.slice(1)}`;
    const expression = String(value);
    const path = /^[0-9a-f]{40}$/.test(expression) ? (byBlob.get(expression) ?? `(unknown blob) ${expression}`) : expression.startsWith(`${sha}:`) ? expression.slice(sha.length + 1) : `(another commit) ${expression}`;
    paths.push(path);
    const file = files[path];
    if (file && typeof file === 'object' && 'error' in file) {
      data[alias] = null;
      errors.push({ type: file.error, path: ['repository', alias], message: `${file.error} on ${path}` });
    } else if (typeof file === 'string') {
      data[alias] = { text: file, byteSize: Buffer.byteLength(file), isBinary: false, isTruncated: false };
    } else {
      data[alias] = file === undefined ? null : file;
    }
  }
  return { data, errors, paths };
}

/**
 * Contents read after the context, in a GraphQL query of their own (a pull request of more than
 * 100 files). One interceptor answers one query from `files`; a path it does not list is not found.
 * Returns the paths each query asked for, in order.
 */
export function mockBlobs(github: nock.Scope, files: Record<string, BlobMock>, options: { sha?: string; times?: number } = {}): string[][] {
  const { sha = HEAD_SHA, times = 1 } = options;
  const asked: string[][] = [];
  github
    .post('/graphql')
    .times(times)
    .reply(async (request) => {
      const { variables } = (await request.clone().json()) as { variables: Record<string, string> };
      const { data, errors, paths } = answerBlobs(variables, files, sha);
      asked.push(paths);
      return [200, { data: { repository: data }, ...(errors.length > 0 ? { errors } : {}) }];
    });
  return asked;
}

/**
 * The check run a review creates once its analysis is done, completed with its verdict (or in
 * progress when the analysis is slow), and the updates that follow. Returns the bodies of each.
 */
export function expectCheckRun(github: nock.Scope, options: { id?: number; repoPath?: string; updates?: number } = {}): { created: JsonBody[]; updates: JsonBody[] } {
  const { id = CHECK_RUN_ID, repoPath = REPO_PATH, updates = 0 } = options;
  const created = recordBodies();
  const updated = recordBodies();
  github.post(`${repoPath}/check-runs`).reply(created.reply(201, { id }));
  if (updates > 0) github.patch(`${repoPath}/check-runs/${id}`).times(updates).reply(updated.reply(200, { id }));
  return { created: created.bodies, updates: updated.bodies };
}
