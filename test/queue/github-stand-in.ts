import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUMMARY_MARKER } from '../../src/review/markers.js';
import { EMAILS_ROUTE, addedPatch } from '../fixtures/app/sources.js';
import { validateRequest } from '../helpers/openapi.js';

/**
 * GitHub as the App's processes see it through GHE_HOST: pull requests of Codertocat/Hello-World,
 * each changing one file with an N+1, and what the App posts kept as state. Every request is
 * checked against GitHub's OpenAPI description.
 */

export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const APP_ID = 424242;

export interface CheckRun {
  id: number;
  sha: string;
  status: string;
  conclusion?: string;
}

export interface Posted {
  pull: number;
  body: string;
  commitId?: string;
}

export interface StandIn {
  url: string;
  host: string;
  /** Each pull request's head as GitHub shows it. */
  heads: Map<number, string>;
  checkRuns: CheckRun[];
  reviews: Posted[];
  summaries: Posted[];
  /** `METHOD /path` of every request, in order of arrival. */
  requests: string[];
  problems: string[];
  /** Called before each request is answered; the answer waits for the promise it returns. */
  beforeAnswer: (request: string) => Promise<void> | void;
  close(): Promise<void>;
}

/** The one changed file of pull request `pull`: its path carries the number. */
export function changedFileOf(pull: number): string {
  return `src/routes/pull-${pull}.ts`;
}

export async function startGitHubStandIn(options: { delayMs?: number } = {}): Promise<StandIn> {
  const state = {
    heads: new Map<number, string>(),
    checkRuns: [] as CheckRun[],
    reviews: [] as Posted[],
    summaries: [] as Posted[],
    requests: [] as string[],
    problems: [] as string[],
    beforeAnswer: (() => undefined) as StandIn['beforeAnswer'],
  };

  /**
   * The review's context (the pull request, the App's check run and summary comment, no
   * configuration) with the contents of its one file, and later batches of contents.
   */
  const answerGraphql = (query: string, variables: Record<string, unknown>): unknown => {
    const blobs = Object.fromEntries(
      Object.entries(variables)
        .filter(([name]) => /^e\d+$/.test(name))
        .map(([name, value]) => {
          // By the blob id the file list gives, or by `<head>:<path>`.
          const known = /^[0-9a-f]{40}$/.test(String(value)) || /^[0-9a-f]{40}:src\/routes\/pull-\d+\.ts$/.test(String(value));
          return [`f${name.slice(1)}`, known ? { text: EMAILS_ROUTE.content, byteSize: EMAILS_ROUTE.content.length, isBinary: false, isTruncated: false } : null];
        }),
    );
    if (!query.includes('organisation: repository(')) return { data: { repository: blobs } };
    const n = Number(variables.number);
    const head = state.heads.get(n);
    const page = <T>(nodes: T[]) => ({ pageInfo: { hasNextPage: false, endCursor: null }, nodes });
    const runs = state.checkRuns.filter((run) => run.sha === head);
    const checkSuites = runs.length > 0 ? [{ checkRuns: { nodes: [{ databaseId: runs[0]!.id, annotations: { totalCount: 0, nodes: [] } }] } }] : [];
    const pullRequest = {
      state: 'OPEN',
      isDraft: false,
      title: `Pull request ${n}`,
      updatedAt: '2024-03-01T10:00:00Z',
      headRefOid: head,
      baseRefName: 'main',
      changedFiles: 1,
      ...(query.includes('checkSuites') ? { commits: { nodes: [{ commit: { oid: head, checkSuites: { nodes: checkSuites } } }] } } : {}),
      reviewThreads: page([]),
      comments: page(state.summaries.filter((summary) => summary.pull === n).map((summary, i) => ({ databaseId: n * 1_000 + i, body: summary.body, viewerDidAuthor: true }))),
    };
    const repository = { url: `https://github.com/${OWNER}/${REPO}`, config: null, pullRequest, ...blobs };
    // No `.github` repository in the owner's account: no organisation-wide configuration.
    return { data: { repository, organisation: null }, errors: [{ type: 'NOT_FOUND', path: ['organisation'], message: `Could not resolve to a Repository with the name '${OWNER}/.github'.` }] };
  };

  const answer = (method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): [number, unknown] => {
    const repoPath = `/api/v3/repos/${OWNER}/${REPO}`;
    if (/^\/api\/v3\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      return [201, { token: 'ghs_standin', expires_at: new Date(Date.now() + 3_600_000).toISOString() }];
    }
    // Every App and worker process asks for its App once at start-up, to check its credentials.
    if (method === 'GET' && path === '/api/v3/app') return [200, { id: 424242, slug: 'perf-review', name: 'perf-review' }];
    if (path.includes('/contents/')) return [404, { message: 'Not Found' }];
    if (method === 'POST' && path === '/api/graphql') return [200, answerGraphql(String(body.query ?? ''), (body.variables ?? {}) as Record<string, unknown>)];
    const commitRuns = new RegExp(`^${repoPath}/commits/([0-9a-f]{40})/check-runs$`).exec(path);
    if (method === 'GET' && commitRuns) {
      const runs = state.checkRuns.filter((run) => run.sha === commitRuns[1]);
      return [200, { total_count: runs.length, check_runs: runs.map((run) => ({ id: run.id, name: 'Performance Review', app: { id: APP_ID }, output: { annotations_count: 0 } })) }];
    }
    if (method === 'POST' && path === `${repoPath}/check-runs`) {
      // A quick review creates its run completed, with its conclusion, in one request.
      const run: CheckRun = { id: state.checkRuns.length + 1, sha: String(body.head_sha), status: String(body.status), ...(body.conclusion ? { conclusion: String(body.conclusion) } : {}) };
      state.checkRuns.push(run);
      return [201, { id: run.id }];
    }
    const runUpdate = new RegExp(`^${repoPath}/check-runs/(\\d+)$`).exec(path);
    if (method === 'PATCH' && runUpdate) {
      const run = state.checkRuns[Number(runUpdate[1]) - 1]!;
      Object.assign(run, body.status ? { status: body.status } : {}, body.conclusion ? { conclusion: body.conclusion } : {});
      return [200, { id: run.id }];
    }
    const summaryUpdate = new RegExp(`^${repoPath}/issues/comments/(\\d+)$`).exec(path);
    if (method === 'PATCH' && summaryUpdate) {
      const id = Number(summaryUpdate[1]);
      const pullNumber = Math.floor(id / 1_000);
      const summary = state.summaries.filter((posted) => posted.pull === pullNumber)[id % 1_000];
      if (!summary) return [404, { message: 'Not Found' }];
      summary.body = String(body.body);
      return [200, { id }];
    }
    const pull = new RegExp(`^${repoPath}/(pulls|issues)/(\\d+)(/files|/comments|/reviews)?$`).exec(path);
    if (pull) {
      const [, kind, number, rest] = pull;
      const n = Number(number);
      if (kind === 'pulls' && rest === undefined && method === 'GET') {
        const base = { repo: { name: REPO, html_url: `https://github.com/${OWNER}/${REPO}`, owner: { login: OWNER } } };
        return [200, { number: n, title: `Pull request ${n}`, state: 'open', draft: false, head: { sha: state.heads.get(n) }, updated_at: '2024-03-01T10:00:00Z', base }];
      }
      if (kind === 'pulls' && rest === '/files') {
        const content = EMAILS_ROUTE.content;
        return [200, query.get('page') ? [] : [{ filename: changedFileOf(n), status: 'added', additions: 11, deletions: 0, changes: 11, patch: addedPatch(content) }]];
      }
      if (kind === 'pulls' && rest === '/comments') return [200, []];
      if (kind === 'pulls' && rest === '/reviews' && method === 'POST') {
        state.reviews.push({ pull: n, body: JSON.stringify(body.comments), commitId: String(body.commit_id) });
        return [200, { id: state.reviews.length }];
      }
      if (kind === 'issues' && rest === '/comments' && method === 'GET') {
        return [200, state.summaries.filter((summary) => summary.pull === n).map((summary, i) => ({ id: n * 1_000 + i, body: summary.body, user: { login: 'perf-review[bot]', type: 'Bot' } }))];
      }
      if (kind === 'issues' && rest === '/comments' && method === 'POST') {
        state.summaries.push({ pull: n, body: String(body.body) });
        return [201, { id: n * 1_000 + state.summaries.filter((summary) => summary.pull === n).length - 1 }];
      }
    }
    return [404, { message: `The stand-in has no answer for ${method} ${path}` }];
  };

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      const method = request.method!;
      const url = new URL(request.url!, 'http://stand-in');
      const line = `${method} ${url.pathname}`;
      state.requests.push(line);
      state.problems.push(...validateRequest(method, request.url!, text));
      void (async () => {
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        await state.beforeAnswer(line);
        const [status, json] = answer(method, url.pathname, url.searchParams, text ? (JSON.parse(text) as Record<string, unknown>) : {});
        if (status === 404 && !url.pathname.includes('/contents/')) state.problems.push(`unexpected request: ${line}`);
        // The client may be gone (a killed worker): its answer goes nowhere.
        if (!response.destroyed) response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as StandIn;
}

/** The summary comment the App posted holds links to the code at the head it reviewed. */
export function reviewedHeadOf(summary: string): string | undefined {
  if (!summary.startsWith(SUMMARY_MARKER)) return undefined;
  return /\/blob\/([0-9a-f]{40})\//.exec(summary)?.[1];
}
