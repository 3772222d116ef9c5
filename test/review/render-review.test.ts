import { describe, expect, it } from 'vitest';
import { CHECKLIST } from '../../src/engine/checklist.js';
import { review } from '../../src/engine/index.js';
import { renderReview } from '../../src/review/index.js';
import { SUMMARY_MARKER } from '../../src/review/markers.js';
import { ctx, finding, result } from './result-fixture.js';

/** The lines of one `## ` section, without its heading. */
function section(summary: string, heading: string): string[] {
  const lines = summary.split('\n');
  const start = lines.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

const n1 = finding({ metric: { operation: 'select per email (src/emails.ts:14)', current: '1 + N round-trips', target: '2' } });
const pagination = finding({
  rule: 'require-pagination',
  checklist: 'api.pagination',
  severity: 'moderate',
  path: 'src/routes.ts',
  line: 7,
  message: 'The list endpoint returns every row: one tenant with a million emails sends a million rows. Add a `limit` and a cursor.',
  messageId: 'unbounded',
});
const compression = finding({
  rule: 'require-compression',
  checklist: 'api.compression',
  severity: 'minor',
  path: 'src/app.ts',
  line: 3,
  message: 'Responses are sent uncompressed: large JSON lists cost bandwidth. Register `@fastify/compress`.',
  messageId: 'missing',
});

describe('renderReview: the output template', () => {
  const summary = renderReview(result([compression, pagination, n1]), ctx).summary;
  const lines = summary.split('\n');

  it('starts with the hidden marker, then the headings of the template in order', () => {
    expect(lines[0]).toBe(SUMMARY_MARKER);
    const expected = [
      '# Performance Review: src/emails.ts, src/worker.ts',
      '**Date:** 2025-03-14',
      '**Reviewer:** Performance Agent',
      '## Executive Summary',
      '## Findings',
      '### Critical',
      '### Moderate',
      '### Minor',
      '## Checklist Results',
      '## Performance Metrics',
      '## Recommended Actions',
    ];
    const positions = expected.map((heading) => lines.indexOf(heading));
    expect(positions.every((p) => p > 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('summarises counts per severity, files analysed and the gate in the executive summary', () => {
    const text = section(summary, '## Executive Summary').join(' ');
    expect(text).toContain('3 findings (1 critical, 1 moderate, 1 minor) in the changed lines of 3 analysed files.');
    expect(text).toContain('1 finding reaches the merge gate (`failOn: critical`), so the check fails.');
  });

  it('lists each finding under its severity with a link to the line and to the rule doc', () => {
    const findings = section(summary, '## Findings');
    const critical = findings.slice(findings.indexOf('### Critical'), findings.indexOf('### Moderate'));
    expect(critical).toContain(
      `- [\`src/emails.ts:14\`](https://github.com/acme/mail/blob/abc123/src/emails.ts#L14) [\`no-query-in-loop\`](https://docs.example/rules/no-query-in-loop.md): ${n1.message}`,
    );
    const minor = findings.slice(findings.indexOf('### Minor'));
    expect(minor.join('\n')).toContain('[`src/app.ts:3`](https://github.com/acme/mail/blob/abc123/src/app.ts#L3) [`require-compression`]');
  });

  it('groups the checklist under the specification sections', () => {
    const checklist = section(summary, '## Checklist Results');
    const sections = [...new Set(CHECKLIST.map((item) => item.section))];
    expect(sections).toHaveLength(8);
    expect(checklist.filter((line) => line.startsWith('### '))).toEqual(sections.map((s) => `### ${s}`));
  });

  it('numbers the recommended actions most severe first, each with its place and the advice', () => {
    const actions = section(summary, '## Recommended Actions').filter((line) => /^\d+\. /.test(line));
    expect(actions).toEqual([
      '1. **Critical** [`src/emails.ts:14`](https://github.com/acme/mail/blob/abc123/src/emails.ts#L14): Load them in one query before the loop (`inArray(...)`, `WHERE id = ANY($1)` or a join) and group the rows in memory.',
      '2. **Moderate** [`src/routes.ts:7`](https://github.com/acme/mail/blob/abc123/src/routes.ts#L7): Add a `limit` and a cursor.',
      '3. **Minor** [`src/app.ts:3`](https://github.com/acme/mail/blob/abc123/src/app.ts#L3): Register `@fastify/compress`.',
    ]);
  });

  it('fails the check when a finding reaches failOn, with a title of counts', () => {
    const rendered = renderReview(result([compression, pagination, n1]), ctx);
    expect(rendered.conclusion).toBe('failure');
    expect(rendered.title).toBe('1 critical, 1 moderate, 1 minor findings');
    expect(renderReview(result([pagination]), ctx).conclusion).toBe('success');
    expect(renderReview(result([pagination]), { ...ctx, failOn: 'moderate' }).conclusion).toBe('failure');
    expect(renderReview(result([n1, n1]), ctx).title).toBe('2 critical findings');
  });
});

describe('renderReview: checklist results', () => {
  const statuses = { 'db.n-plus-one': 'attention', 'db.select-columns': 'passed', 'db.limit': 'not-applicable' } as const;
  const summary = renderReview(result([n1, n1], statuses), ctx).summary;
  const items = section(summary, '## Checklist Results').filter((line) => line.startsWith('- ['));

  it('has one line for each of the 39 items, in the contract order', () => {
    expect(items).toHaveLength(39);
    CHECKLIST.forEach((item, i) => expect(items[i]).toContain(item.text));
  });

  it('writes each status in its own form', () => {
    expect(items[0]).toBe('- [ ] No N+1 queries (use joins or batch loading) - NEEDS ATTENTION (2)');
    expect(items[1]).toBe('- [x] SELECT only required columns (no SELECT *)');
    expect(items[3]).toBe('- [ ] LIMIT used on list queries - not applicable to this change');
    expect(items[2]).toBe('- [ ] Appropriate indexes exist for WHERE clauses - manual check: an index for each new WHERE or ORDER BY column');
  });

  it('ticks only what a rule checked and found clean', () => {
    expect(items.filter((line) => line.startsWith('- [x]'))).toEqual(['- [x] SELECT only required columns (no SELECT *)']);
  });
});

describe('renderReview: nothing found', () => {
  const rendered = renderReview(result([]), ctx);
  const summary = rendered.summary;

  it('says None. under each severity and passes', () => {
    const findings = section(summary, '## Findings').filter((line) => line.trim() !== '');
    expect(findings).toEqual(['### Critical', 'None.', '### Moderate', 'None.', '### Minor', 'None.']);
    expect(rendered.conclusion).toBe('success');
    expect(rendered.title).toBe('No performance problems found in 3 files');
    expect(section(summary, '## Executive Summary').join(' ')).toContain('No performance problems found in the changed lines of 3 analysed files.');
  });

  it('says nothing measurable was flagged instead of an empty metrics table', () => {
    const metrics = section(summary, '## Performance Metrics').join('\n');
    expect(metrics).toContain('Nothing measurable was flagged');
    expect(metrics).not.toContain('|');
  });

  it('recommends no action', () => {
    expect(section(summary, '## Recommended Actions').join(' ')).toContain('No finding to fix.');
  });

  it('a gate of none says so', () => {
    expect(renderReview(result([n1]), { ...ctx, failOn: 'none' }).summary).toContain('The merge gate is off (`failOn: none`), so the check passes.');
  });
});

describe('renderReview: performance metrics', () => {
  it('has one row per finding with a metric, with static figures and Needs work', () => {
    const metrics = section(renderReview(result([pagination, n1]), ctx).summary, '## Performance Metrics').filter((line) => line.startsWith('|'));
    expect(metrics).toEqual([
      '| Query/Operation | Current | Target | Status |',
      '|-----------------|---------|--------|--------|',
      '| select per email (src/emails.ts:14) | 1 + N round-trips | 2 | Needs work |',
    ]);
  });

  it('escapes pipes and newlines inside cells', () => {
    const odd = finding({ metric: { operation: 'a | b\nc', current: 'x|y', target: '2' } });
    const metrics = section(renderReview(result([odd]), ctx).summary, '## Performance Metrics');
    expect(metrics).toContain('| a \\| b<br>c | x\\|y | 2 | Needs work |');
  });
});

describe('renderReview: what could not be analysed or posted', () => {
  const summary = renderReview(result([n1], {}, { skipped: [{ path: 'src/broken.ts', reason: "does not parse: ')' expected. (line 3)" }] }), {
    ...ctx,
    notInline: [{ finding: pagination, reason: 'line 7 is outside the diff' }],
    notes: ['The App cannot write checks in this repository; the verdict is in this comment only.'],
  }).summary;

  it('lists skipped files with reasons, findings not posted inline and notes inside Findings', () => {
    const findings = section(summary, '## Findings').join('\n');
    expect(findings).toContain("### Files not analysed\n\n- `src/broken.ts`: does not parse: ')' expected. (line 3)");
    expect(findings).toContain('### Not commented inline');
    expect(findings).toContain('[`src/routes.ts:7`](https://github.com/acme/mail/blob/abc123/src/routes.ts#L7) [`require-pagination`](https://docs.example/rules/require-pagination.md)');
    expect(findings).toContain('(line 7 is outside the diff)');
    expect(findings).toContain('### Notes\n\n- The App cannot write checks in this repository; the verdict is in this comment only.');
    expect(section(summary, '## Executive Summary').join(' ')).toContain('(1 file skipped)');
  });

  it('keeps a newline in the title or a message from breaking the markdown', () => {
    const rendered = renderReview(result([finding({ message: 'First line\nsecond line. Do this.' })]), { ...ctx, title: 'a\nb' }).summary;
    expect(rendered.split('\n')[1]).toBe('# Performance Review: a b');
    expect(rendered).toContain('): First line second line. Do this.');
  });
});

describe('renderReview: size limit', () => {
  it('shortens long lists to fit maxLength, keeping the template and the most severe findings', () => {
    const many = Array.from({ length: 400 }, (_, i) => finding({ line: i + 1, fingerprint: `f${i}` }));
    const full = renderReview(result(many), ctx).summary;
    const max = 20_000;
    expect(full.length).toBeGreaterThan(max);
    const short = renderReview(result(many), { ...ctx, maxLength: max }).summary;
    expect(short.length).toBeLessThanOrEqual(max);
    expect(short).toContain('## Recommended Actions');
    expect(short).toContain('src/emails.ts:1`');
    expect(short).toMatch(/…and \d+ more/);
  });
});

describe('renderReview over the engine', () => {
  it('renders what review() finds in a real file', () => {
    const code = `
import { db } from './db';
export async function list() {
  const rows = await db.select({ id: emails.id }).from(emails).limit(100);
  for (const email of rows) {
    email.events = await db.select({ id: emailEvents.id }).from(emailEvents).where(eq(emailEvents.emailId, email.id));
  }
  return rows;
}`;
    const reviewed = review([{ path: 'src/emails.ts', content: code }], { mode: 'all' });
    const rendered = renderReview(reviewed, ctx);
    expect(rendered.conclusion).toBe('failure');
    expect(rendered.summary).toContain('[`src/emails.ts:6`](https://github.com/acme/mail/blob/abc123/src/emails.ts#L6) [`no-query-in-loop`]');
    expect(rendered.summary).toContain('- [ ] No N+1 queries (use joins or batch loading) - NEEDS ATTENTION (1)');
    expect(section(rendered.summary, '## Checklist Results').filter((line) => line.startsWith('- ['))).toHaveLength(39);
  });
});
