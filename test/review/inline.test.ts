import { describe, expect, it } from 'vitest';
import { renderInlineComment } from '../../src/review/inline.js';
import { fingerprintMarker, fingerprintsIn } from '../../src/review/markers.js';
import { finding } from './result-fixture.js';

const docs = 'https://docs.example/rules/no-query-in-loop.md';

describe('renderInlineComment', () => {
  it('gives severity, the message, the rule doc and ends with the fingerprint marker', () => {
    const f = finding();
    const body = renderInlineComment(f, docs);
    expect(body.split('\n')[0]).toBe(`🔴 **Critical** · [\`no-query-in-loop\`](${docs}) · No N+1 queries (use joins or batch loading)`);
    expect(body).toContain(f.message);
    expect(body.trimEnd().endsWith(fingerprintMarker(f.fingerprint))).toBe(true);
    expect(fingerprintsIn(body)).toEqual([f.fingerprint]);
    expect(body).not.toContain('```suggestion');
  });

  it('marks each severity with its own emoji', () => {
    expect(renderInlineComment(finding({ severity: 'moderate' }), docs)).toMatch(/^🟠 \*\*Moderate\*\*/);
    expect(renderInlineComment(finding({ severity: 'minor' }), docs)).toMatch(/^🟡 \*\*Minor\*\*/);
  });

  it('offers the fix as a GitHub suggestion block', () => {
    const body = renderInlineComment(finding({ fix: "const rows = await db.select({ id: emails.id }).from(emails);\n" }), docs);
    expect(body).toContain("```suggestion\nconst rows = await db.select({ id: emails.id }).from(emails);\n```");
  });

  it('a fix that holds a code fence gets a longer fence, so it cannot close the block early', () => {
    const body = renderInlineComment(finding({ fix: 'const md = `\n```\n`;' }), docs);
    expect(body).toContain('````suggestion\nconst md = `\n```\n`;\n````');
  });

  it('an empty fix is still a suggestion: deleting the lines', () => {
    expect(renderInlineComment(finding({ fix: '' }), docs)).toContain('```suggestion\n\n```');
  });
});
