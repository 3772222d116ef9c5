import { describe, expect, it } from 'vitest';
import { renderJson, renderText } from '../../src/review/index.js';
import { adviceOf } from '../../src/review/advice.js';
import { DEFAULT_DOCS_BASE, docsUrlFor } from '../../src/review/docs.js';
import { finding, result } from './result-fixture.js';

describe('renderJson', () => {
  it('holds the contract fields of each finding, then the checklist, skipped files and stats', () => {
    const json = JSON.parse(renderJson(result([finding()], {}, { skipped: [{ path: 'src/x.ts', reason: 'minified' }] }), { failOn: 'critical' }));
    expect(Object.keys(json.findings[0]).slice(0, 8)).toEqual(['rule', 'checklist', 'severity', 'path', 'line', 'column', 'endLine', 'message']);
    expect(json.findings[0]).toMatchObject({ rule: 'no-query-in-loop', checklist: 'db.n-plus-one', severity: 'critical', path: 'src/emails.ts', line: 14, column: 5, endLine: 15 });
    expect(json.checklist).toHaveLength(39);
    expect(json.skipped).toEqual([{ path: 'src/x.ts', reason: 'minified' }]);
    expect(json.stats.files).toBe(3);
    expect(json.conclusion).toBe('failure');
  });
});

describe('renderText', () => {
  it('prints path:line:column  severity  rule  message, aligned, then one total line', () => {
    const text = renderText(result([finding(), finding({ path: 'src/a.ts', line: 3, column: 1, severity: 'minor', message: 'Short.' })]), { failOn: 'critical' });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^src\/emails\.ts:14:5  critical  no-query-in-loop  Each `email`/);
    expect(lines[1]).toBe('src/a.ts:3:1        minor     no-query-in-loop  Short.');
    expect(lines.at(-1)).toBe('2 findings (1 critical, 0 moderate, 1 minor) in 3 files; fails --fail-on critical.');
  });

  it('says so when nothing is found, and lists skipped files', () => {
    const text = renderText(result([], {}, { skipped: [{ path: 'src/bad.ts', reason: 'does not parse' }] }), { failOn: 'critical' });
    expect(text).toBe('skipped  src/bad.ts  does not parse\n\nNo performance problems found in 3 files, 1 skipped.\n');
  });
});

describe('adviceOf', () => {
  it('is the last sentence, ignoring full stops inside inline code', () => {
    expect(adviceOf('Bad thing: it costs. Use `a.b(...). C` instead.')).toBe('Use `a.b(...). C` instead.');
    expect(adviceOf('Only one sentence here.')).toBe('Only one sentence here.');
  });
});

describe('docsUrlFor', () => {
  it('joins the base and the rule id, whether or not the base ends with a slash', () => {
    expect(docsUrlFor('no-query-in-loop', DEFAULT_DOCS_BASE)).toBe('https://github.com/perf-review/perf-review/blob/main/docs/rules/no-query-in-loop.md');
    expect(docsUrlFor('x', 'https://internal/docs')).toBe('https://internal/docs/x.md');
  });
});
