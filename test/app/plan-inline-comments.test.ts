import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/index.js';
import { MAX_COMMENT_BODY } from '../../src/github/limits.js';
import { planInlineComments } from '../../src/github/plan-inline-comments.js';
import { renderInlineComment } from '../../src/review/inline.js';
import { fingerprintMarker, fingerprintsIn } from '../../src/review/markers.js';

const PATCH = '@@ -0,0 +1,3 @@\n+const a = 1;\n+const b = 2;\n+const c = 3;';

function finding(line: number, extra: Partial<Finding> = {}): Finding {
  return {
    rule: 'no-query-in-loop',
    checklist: 'db.n-plus-one',
    severity: 'critical',
    path: 'src/a.ts',
    line,
    column: 1,
    endLine: line,
    message: 'Each id runs its own query (N+1). Load them in one query.',
    messageId: 'loop',
    fingerprint: `f${line}`.replace(/\D/g, 'a').padEnd(16, '0'),
    ...extra,
  };
}

const render = (f: Finding) => renderInlineComment(f, 'https://example.test/docs/no-query-in-loop.md');
const plan = (findings: Finding[], commented: string[] = [], max?: number) =>
  planInlineComments(findings, new Map([['src/a.ts', PATCH]]), new Set(commented), render, max);

describe('planInlineComments', () => {
  it('comments on diff lines, up to maxInlineComments, and sends the rest to the summary with the reason', () => {
    const result = plan([finding(1), finding(2), finding(3), finding(9)], [], 2);
    expect(result.comments.map((c) => c.line)).toEqual([1, 2]);
    expect(result.notInline.map((n) => [n.finding.line, n.reason])).toEqual([
      [3, 'past the 2 inline comments one review may post (`maxInlineComments`)'],
      [9, 'line 9 is outside the diff'],
    ]);
  });

  it('skips a finding already commented, before counting against the cap', () => {
    const first = finding(1);
    const result = plan([first, finding(2)], [first.fingerprint], 1);
    expect(result.comments.map((c) => c.line)).toEqual([2]);
    expect(result.notInline).toEqual([]);
  });

  it('cuts a body past GitHub\'s 65,536 characters with a note, keeping the fingerprint marker last', () => {
    const long = finding(1, { message: `${'x'.repeat(MAX_COMMENT_BODY)} Load them in one query.` });
    const [comment] = plan([long]).comments;
    expect(comment!.body.length).toBeLessThanOrEqual(MAX_COMMENT_BODY);
    expect(comment!.body).toContain('…cut here: GitHub allows no longer comment.');
    expect(comment!.body.endsWith(fingerprintMarker(long.fingerprint))).toBe(true);
    expect(fingerprintsIn(comment!.body)).toEqual([long.fingerprint]);
  });

  it('drops a long suggestion before cutting anything: a cut suggestion would be wrong code', () => {
    const withFix = finding(1, { fix: `const a = ${'1 + '.repeat(MAX_COMMENT_BODY / 4)}1;` });
    const [comment] = plan([withFix]).comments;
    expect(comment!.body).not.toContain('```suggestion');
    expect(comment!.body).not.toContain('…cut here');
    expect(comment!.body).toContain(withFix.message);
  });
});
