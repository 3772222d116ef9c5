import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GeneratedFile } from './generate-repository.js';

export interface PullRequestFixture {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  files: readonly GeneratedFile[];
}

export interface GitHubStandIn {
  url: string;
  /** Requests answered, by operation (`GET /repos/{owner}/{repo}/contents/{path}` …). */
  requests: Map<string, number>;
  /** Requests the stand-in does not know: a change in how the App talks to GitHub shows up here. */
  unhandled: string[];
  close(): Promise<void>;
}

/** Not GitHub's: a path of the webhook bench's stand-in process that only reads a request and answers 200, the floor of its client. */
export const SINK_PATH = '/bench/sink';

/** GitHub's largest page; the App asks for it. */
const PER_PAGE_MAX = 100;

/**
 * A local HTTP server that answers the REST and GraphQL calls a review makes, from a generated pull request
 * in which every file is new. It counts requests by operation so the benchmark can report them.
 */
export async function startGitHubStandIn(pr: PullRequestFixture): Promise<GitHubStandIn> {
  const requests = new Map<string, number>();
  const unhandled: string[] = [];
  const byPath = new Map(pr.files.map((file) => [file.path, file]));
  const prefix = `/repos/${pr.owner}/${pr.repo}`;

  const routes: { method: string; pattern: RegExp; operation: string; answer: (match: RegExpMatchArray, url: URL, body: string) => [number, unknown, Record<string, string>?] }[] = [
    { method: 'GET', pattern: /^\/commits\/[^/]+\/check-runs$/, operation: 'GET /commits/{ref}/check-runs', answer: () => [200, { total_count: 0, check_runs: [] }] },
    {
      method: 'GET',
      pattern: /^\/compare\/[^/]+$/,
      operation: 'GET /compare/{base}...{head}',
      // GitHub sends every changed file, up to 300, with each page of the comparison.
      answer: () => [200, { status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1, commits: [], files: pr.files.slice(0, 300).map(listedFile) }],
    },
    { method: 'POST', pattern: /^\/check-runs$/, operation: 'POST /check-runs', answer: () => [201, { id: 1 }] },
    { method: 'GET', pattern: /^\/check-runs\/\d+\/annotations$/, operation: 'GET /check-runs/{id}/annotations', answer: () => [200, []] },
    { method: 'PATCH', pattern: /^\/check-runs\/\d+$/, operation: 'PATCH /check-runs/{id}', answer: () => [200, { id: 1 }] },
    {
      method: 'GET',
      pattern: /^\/pulls\/\d+\/files$/,
      operation: 'GET /pulls/{n}/files',
      answer: (_match, url) => {
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), PER_PAGE_MAX);
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = pr.files.slice((page - 1) * perPage, page * perPage);
        const last = Math.ceil(pr.files.length / perPage);
        const link = page < last ? { link: `<${url.origin}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next", <${url.origin}${url.pathname}?per_page=${perPage}&page=${last}>; rel="last"` } : undefined;
        return [200, slice.map(listedFile), link];
      },
    },
    {
      method: 'GET',
      pattern: /^\/contents\/(.+)$/,
      operation: 'GET /contents/{path}',
      answer: (match) => {
        const file = byPath.get(decodeURIComponent(match[1]!));
        if (!file) return [404, { message: 'Not Found' }];
        return [200, { type: 'file', path: file.path, name: file.path.split('/').pop(), encoding: 'base64', size: file.content.length, content: Buffer.from(file.content).toString('base64') }];
      },
    },
    {
      method: 'GET',
      pattern: /^\/pulls\/\d+$/,
      operation: 'GET /pulls/{n}',
      // Any number is this pull request: a benchmark can send deliveries for many without them being merged.
      answer: (match) => [
        200,
        {
          number: Number(/\d+/.exec(match[0])![0]),
          state: 'open',
          title: 'Generated email platform',
          head: { sha: pr.headSha },
          base: { repo: { name: pr.repo, html_url: `https://github.com/${pr.owner}/${pr.repo}`, owner: { login: pr.owner } } },
          updated_at: new Date().toISOString(),
          changed_files: pr.files.length,
        },
      ],
    },
    { method: 'GET', pattern: /^\/pulls\/\d+\/comments$/, operation: 'GET /pulls/{n}/comments', answer: () => [200, []] },
    { method: 'POST', pattern: /^\/pulls\/\d+\/reviews$/, operation: 'POST /pulls/{n}/reviews', answer: () => [200, { id: 1 }] },
    { method: 'GET', pattern: /^\/issues\/\d+\/comments$/, operation: 'GET /issues/{n}/comments', answer: () => [200, []] },
    { method: 'POST', pattern: /^\/issues\/\d+\/comments$/, operation: 'POST /issues/{n}/comments', answer: () => [201, { id: 1 }] },
    { method: 'PATCH', pattern: /^\/issues\/comments\/\d+$/, operation: 'PATCH /issues/comments/{id}', answer: () => [200, { id: 1 }] },
  ];

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // The Host header, so that the `next` links Octokit follows come back here.
      const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
      if (request.method === 'POST' && url.pathname === '/graphql') {
        answerGraphql(Buffer.concat(chunks).toString('utf8'), response);
        return;
      }
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : undefined;
      const route = path === undefined ? undefined : routes.find((r) => r.method === request.method && r.pattern.test(path));
      if (!route || path === undefined) {
        unhandled.push(`${request.method} ${url.pathname}`);
        send(response, 404, { message: 'Not Found' });
        return;
      }
      requests.set(route.operation, (requests.get(route.operation) ?? 0) + 1);
      const [status, body, headers] = route.answer(path.match(route.pattern)!, url, Buffer.concat(chunks).toString('utf8'));
      send(response, status, body, headers);
    });
  });
  /**
   * The review's context (the pull request, no earlier comment or check run, no configuration, and
   * the first files' contents), and file contents in batches, as GitHub serves
   * `object(expression: "<sha>:<path>")` aliases; other queries are counted as unhandled.
   */
  function answerGraphql(body: string, response: ServerResponse): void {
    const { query, variables = {} } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    const aliases = [...query.matchAll(/(\w+): object\(expression: \$(\w+)\)/g)];
    const context = query.includes('organisation: repository(');
    if (aliases.length === 0 && !context) {
      unhandled.push(`POST /graphql ${query.replace(/\s+/g, ' ').slice(0, 60)}`);
      send(response, 200, { errors: [{ message: 'not served by the stand-in' }] });
      return;
    }
    const operation = context ? 'POST /graphql (review context and first contents)' : 'POST /graphql (file contents)';
    requests.set(operation, (requests.get(operation) ?? 0) + 1);
    const blobs = Object.fromEntries(
      aliases.map(([, alias, variable]) => {
        const expression = String(variables[variable!]);
        const file = expression.startsWith(`${pr.headSha}:`) ? byPath.get(expression.slice(pr.headSha.length + 1)) : undefined;
        return [alias, file ? { text: file.content, byteSize: Buffer.byteLength(file.content), isBinary: false, isTruncated: false } : null];
      }),
    );
    if (!context) {
      send(response, 200, { data: { repository: blobs } });
      return;
    }
    const empty = { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };
    const pullRequest = {
      state: 'OPEN',
      isDraft: false,
      title: 'Generated email platform',
      updatedAt: new Date().toISOString(),
      headRefOid: pr.headSha,
      baseRefName: 'main',
      changedFiles: pr.files.length,
      ...(query.includes('checkSuites') ? { commits: { nodes: [{ commit: { oid: pr.headSha, checkSuites: { nodes: [] } } }] } } : {}),
      reviewThreads: empty,
      comments: empty,
    };
    const repository = { url: `https://github.com/${pr.owner}/${pr.repo}`, config: null, pullRequest, ...blobs };
    // No `.github` repository in the owner's account: no organisation-wide configuration.
    send(response, 200, { data: { repository, organisation: null }, errors: [{ type: 'NOT_FOUND', path: ['organisation'], message: `Could not resolve to a Repository with the name '${pr.owner}/.github'.` }] });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unhandled,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Every file is new in the pull request: its patch adds each of its lines. */
function listedFile(file: GeneratedFile) {
  const lines = file.content.replace(/\n$/, '').split('\n');
  return {
    filename: file.path,
    status: 'added',
    additions: lines.length,
    deletions: 0,
    changes: lines.length,
    patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((line) => `+${line}`).join('\n')}`,
  };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}
