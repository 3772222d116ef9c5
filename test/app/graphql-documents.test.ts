import { validate } from '@octokit/graphql-schema';
import { describe, expect, it } from 'vitest';
import { COMMENTS_QUERY, THREADS_QUERY, reviewContextQuery } from '../../src/github/read-review-context.js';
import { THREADS_QUERY as RESOLVE_LOOKUP_QUERY } from '../../src/github/resolve-threads.js';
import { HEAD_SHA, blobShaOf } from '../fixtures/app/github.js';

/**
 * Every GraphQL document the App sends, checked against GitHub's public schema
 * (`@octokit/graphql-schema`). The harness also checks each document a test sends; these cover the
 * shapes a test might not reach.
 */
const files = [
  { path: 'src/a.ts', status: 'added', patch: '@@ -0,0 +1 @@\n+a', sha: blobShaOf('src/a.ts') },
  // Listed without a blob id: read by its path at the head.
  { path: 'src/b.ts', status: 'modified', patch: '@@ -1 +1 @@\n-b\n+b' },
];

describe('GraphQL documents', () => {
  it.each([
    ['an App, a push, files by blob id and by path', { appId: 424242, headSha: HEAD_SHA, files }],
    ['a plain token (no check run looked up), no head known', { appId: undefined, files }],
    ['no files', { appId: 424242, files: [] }],
  ])('the review context query is valid: %s', (_case, request) => {
    const { query, variables } = reviewContextQuery(request);
    expect(validate(query)).toEqual([]);
    // Each variable it declares is given, and none it does not.
    const declared = [...query.matchAll(/\$(\w+):/g)].map((match) => match[1]).filter((name) => !['owner', 'repo', 'number'].includes(name!));
    expect(Object.keys(variables).sort()).toEqual(declared.sort());
  });

  it('the context query reads a file without a blob id only when the head is known', () => {
    expect(reviewContextQuery({ appId: 1, files }).query).not.toContain('$e1');
    expect(reviewContextQuery({ appId: 1, files, headSha: HEAD_SHA }).variables).toMatchObject({ e0: blobShaOf('src/a.ts'), e1: `${HEAD_SHA}:src/b.ts` });
  });

  it.each([
    ['the next page of review threads', THREADS_QUERY],
    ['the next page of issue comments', COMMENTS_QUERY],
    ['review threads of comments read through REST', RESOLVE_LOOKUP_QUERY],
    ['resolving threads', 'mutation ($t0: ID!, $t1: ID!) {\n  t0: resolveReviewThread(input: { threadId: $t0 }) { thread { id } }\n  t1: resolveReviewThread(input: { threadId: $t1 }) { thread { id } }\n}'],
  ])('%s: valid', (_case, query) => {
    expect(validate(query)).toEqual([]);
  });
});
