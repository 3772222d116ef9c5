import { Octokit } from '@octokit/rest';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILES_PER_QUERY, readSources } from '../../src/github/read-sources.js';
import type { ReviewTarget } from '../../src/github/review-target.js';
import { validateGraphqlRequest } from '../helpers/openapi.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const TARGET: ReviewTarget = { owner: 'Codertocat', repo: 'Hello-World', pullNumber: 2, headSha: SHA, title: 'Batch', repoUrl: 'https://github.com/Codertocat/Hello-World' };

interface Query {
  query: string;
  variables: Record<string, string>;
}

let queries: Query[];
let problems: string[];
let github: nock.Scope;

beforeEach(() => {
  nock.disableNetConnect();
  queries = [];
  problems = [];
  github = nock('https://api.github.com');
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
  expect(problems).toEqual([]);
});

/** A plain client: no retries, so each failure is one query; its failure logs are the test's to read. */
function client(): Octokit {
  const quiet = () => undefined;
  return new Octokit({ log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
}

function files(count: number, prefix = 'src/m') {
  return Array.from({ length: count }, (_, i) => ({ path: `${prefix}${i}.ts`, status: 'added' }));
}

function pathsOf(query: Query): string[] {
  return Object.entries(query.variables)
    .filter(([name]) => name.startsWith('e'))
    .map(([, expression]) => expression.slice(SHA.length + 1));
}

/** Answers each query: `answer` gets the paths it asks for and returns the HTTP status and body. */
function answerQueries(times: number, answer: (paths: string[]) => [number, object]) {
  github
    .post('/graphql')
    .times(times)
    .reply(async (request) => {
      const body = await request.clone().text();
      problems.push(...validateGraphqlRequest('POST', body));
      const query = JSON.parse(body) as Query;
      queries.push(query);
      return answer(pathsOf(query));
    });
}

function blobs(paths: string[]) {
  return { data: { repository: Object.fromEntries(paths.map((path, n) => [`f${n}`, { text: `// ${path}\n`, byteSize: path.length + 4, isBinary: false, isTruncated: false }])) } };
}

describe('readSources', () => {
  it(`reads ${FILES_PER_QUERY} files per GraphQL query, from the base repository at the head commit`, async () => {
    answerQueries(3, (paths) => [200, blobs(paths)]);
    const changed = [...files(250), { path: 'src/gone.ts', status: 'removed' }, { path: 'README.md', status: 'modified' }];

    const sources = await readSources(client(), TARGET, changed);

    expect(queries.map((query) => pathsOf(query).length)).toEqual([100, 100, 50]);
    expect(queries[0]!.variables).toMatchObject({ owner: 'Codertocat', repo: 'Hello-World', e0: `${SHA}:src/m0.ts` });
    expect(queries[0]!.query).toContain('f99: object(expression: $e99) { ... on Blob { text byteSize isBinary isTruncated } }');
    // In the order GitHub listed them; neither the removed file nor the README is asked for.
    expect(sources.map((source) => source.path)).toEqual(files(250).map((file) => file.path));
    expect(sources[249]).toEqual({ path: 'src/m249.ts', status: 'added', content: '// src/m249.ts\n' });
  });

  it('gives a reason for each file it cannot use, and reads the others', async () => {
    answerQueries(1, () => [
      200,
      {
        data: {
          repository: {
            f0: { text: 'export const a = 1;\n', byteSize: 20, isBinary: false, isTruncated: false },
            f1: { text: null, byteSize: 5_242_880, isBinary: false, isTruncated: true },
            f2: { text: null, byteSize: 188, isBinary: true, isTruncated: false },
            // A submodule: the Blob fragment selects nothing.
            f3: {},
            f4: null,
            f5: null,
          },
        },
        errors: [{ type: 'SERVICE_UNAVAILABLE', path: ['repository', 'f5'], message: 'Something went wrong' }],
      },
    ]);

    const sources = await readSources(client(), TARGET, files(6));

    expect(sources.map((source) => source.content ?? source.skipReason)).toEqual([
      'export const a = 1;\n',
      'larger than 1 MB (5.2 MB)',
      'binary content',
      'not a regular file at the head commit',
      'GitHub did not return its content (not found at the head commit)',
      'GitHub did not return its content (SERVICE_UNAVAILABLE)',
    ]);
  });

  it('halves a batch GitHub fails on with a server error, down to 25 files', async () => {
    // The first query of 100 fails, as GitHub does when an answer would take too long; 50 pass.
    answerQueries(1, () => [502, { message: 'Bad Gateway' }]);
    answerQueries(2, (paths) => [200, blobs(paths)]);

    const sources = await readSources(client(), TARGET, files(100));

    expect(queries.map((query) => pathsOf(query).length)).toEqual([100, 50, 50]);
    expect(sources.every((source) => source.content !== undefined)).toBe(true);
  });

  it('does not split what smaller batches would not cure: a refusal, or a batch of 25 files or fewer', async () => {
    answerQueries(1, () => [200, { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] }]);
    answerQueries(1, () => [502, { message: 'Bad Gateway' }]);

    const refused = await readSources(client(), TARGET, files(60));
    const failed = await readSources(client(), TARGET, files(20));

    expect(queries.map((query) => pathsOf(query).length)).toEqual([60, 20]);
    expect(new Set(refused.map((source) => source.skipReason))).toEqual(new Set(['GitHub did not return its content (FORBIDDEN)']));
    expect(new Set(failed.map((source) => source.skipReason))).toEqual(new Set(['GitHub did not return its content (HTTP 502)']));
  });
});
