import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/index.js';
import { fixedComments, type ReviewScope } from '../../src/github/fixed-comments.js';
import type { PostedComment } from '../../src/github/list-review-comments.js';

// Lines 1-2 of a.ts were added; line 3 is context.
const PATCH = '@@ -1,1 +1,3 @@\n+const a = 1;\n+const b = 2;\n const c = 3;';

function comment(id: number, path: string, line: number | null, fingerprint = `fp${id}`, byApp = true): PostedComment {
  return { id, path, line, fingerprints: [fingerprint], byApp };
}

const reported = (fingerprint: string) => ({ fingerprint }) as Finding;

function scope(extra: Partial<ReviewScope> = {}): ReviewScope {
  return { mode: 'changed', analysed: new Map([['a.ts', PATCH]]), changed: new Set(['a.ts', 'b.ts']), ...extra };
}

describe('fixedComments', () => {
  it.each([
    ['its finding is gone from a changed line', comment(1, 'a.ts', 1), scope(), true],
    ['its line changed under it (outdated)', comment(1, 'a.ts', null), scope(), true],
    ['its file is no longer changed or was deleted', comment(1, 'gone.ts', 4), scope(), true],
    ['every line is reviewed (`/perf-review full`)', comment(1, 'a.ts', 3), scope({ mode: 'all' }), true],
    // The review of changed lines did not look at a context line: nothing is known about it.
    ['it sits on a line the review did not look at', comment(1, 'a.ts', 3), scope(), false],
    ['its file was not analysed (excluded, unreadable, does not parse)', comment(1, 'b.ts', 1), scope(), false],
    ['GitHub cut the file list short', comment(1, 'gone.ts', 4), scope({ changed: undefined }), false],
    ['a person wrote it', comment(1, 'a.ts', 1, 'fp1', false), scope(), false],
  ])('%s: %s', (_case, posted, reviewScope, fixed) => {
    expect(fixedComments([posted], [], reviewScope)).toEqual(fixed ? [posted] : []);
  });

  it('keeps a comment whose finding is still reported, wherever it moved', () => {
    expect(fixedComments([comment(1, 'a.ts', 1, 'same')], [reported('same')], scope())).toEqual([]);
  });
});
