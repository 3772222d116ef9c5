import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, workflowAnnotation } from '../../src/actions/workflow-annotation.js';
import { unshownAnnotationsNote } from '../../src/actions/write-job-report.js';
import type { Finding } from '../../src/engine/index.js';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'no-query-in-loop',
    checklist: 'db.n-plus-one',
    severity: 'critical',
    path: 'src/routes/emails.ts',
    line: 8,
    column: 5,
    endLine: 10,
    message: 'Each `email` runs its own query (N+1).',
    messageId: 'queryInLoop',
    fingerprint: 'abc123',
    ...overrides,
  };
}

describe('workflowAnnotation', () => {
  it.each([
    ['critical', 'error'],
    ['moderate', 'warning'],
    ['minor', 'notice'],
  ] as const)('a %s finding is an ::%s command on its file and lines, titled with its rule', (severity, command) => {
    expect(workflowAnnotation(finding({ severity }))).toBe(`::${command} file=src/routes/emails.ts,line=8,endLine=10,title=no-query-in-loop::Each \`email\` runs its own query (N+1).`);
  });

  it('never ends before its start line', () => {
    expect(workflowAnnotation(finding({ endLine: 3 }))).toContain('line=8,endLine=8,');
  });

  // The runner reads the command up to the first raw newline, and `%XX` as an escape.
  it('escapes the message: %, carriage returns and newlines', () => {
    expect(workflowAnnotation(finding({ message: '100% of rows\r\nthen: more, more' }))).toMatch(/::100%25 of rows%0D%0Athen: more, more$/);
  });

  // In the properties `:` would end them and `,` start the next one.
  it('escapes a property: also colons and commas', () => {
    expect(workflowAnnotation(finding({ path: 'src/a,b:c%.ts' }))).toContain('file=src/a%2Cb%3Ac%25.ts,line=8');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    expect(escapeData('a:b,c')).toBe('a:b,c');
  });
});

describe('unshownAnnotationsNote', () => {
  it('says nothing while every annotation shows', () => {
    expect(unshownAnnotationsNote(Array.from({ length: 10 }, () => finding()))).toBeUndefined();
  });

  it('counts the findings past the runner\'s 10 per severity', () => {
    const findings = [...Array.from({ length: 12 }, () => finding()), ...Array.from({ length: 11 }, () => finding({ severity: 'minor' }))];
    expect(unshownAnnotationsNote(findings)).toBe(
      'GitHub shows 10 annotations of each severity per step: 3 findings have no annotation on the pull request, and this summary lists every one.',
    );
  });
});
