import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, formatConfigError, parseConfig, type ConfigError, type PerfReviewConfig } from '../../src/config/index.js';

const FILE = '.github/perf-review.yml';

function config(text: string): PerfReviewConfig {
  const parsed = parseConfig(text, { file: FILE });
  if ('error' in parsed) throw new Error(`expected a valid configuration, got: ${parsed.error.message}`);
  return parsed.config;
}

function error(text: string): ConfigError {
  const parsed = parseConfig(text, { file: FILE });
  if (!('error' in parsed)) throw new Error('expected an error');
  return parsed.error;
}

describe('parseConfig: valid files', () => {
  it('reads every key of the contract', () => {
    expect(
      config(`
rules:
  no-query-in-loop: off
  db.select-columns: minor
  require-compression: critical
include: ["src/**"]
exclude: ["**/*.test.ts"]
failOn: moderate
maxInlineComments: 10
reviewEvent: REQUEST_CHANGES
skipDrafts: true
tenantKeys: [tenantId, companyId]
batchLimit: 500
`),
    ).toEqual({
      rules: { 'no-query-in-loop': 'off', 'db.select-columns': 'minor', 'require-compression': 'critical' },
      include: ['src/**'],
      exclude: ['**/*.test.ts'],
      failOn: 'moderate',
      maxInlineComments: 10,
      reviewEvent: 'REQUEST_CHANGES',
      skipDrafts: true,
      tenantKeys: ['tenantId', 'companyId'],
      batchLimit: 500,
    });
  });

  it('gives every default for an empty file, a file of comments and a document marker alone', () => {
    expect(config('')).toEqual(DEFAULT_CONFIG);
    expect(config('# perf-review settings\n# none yet\n')).toEqual(DEFAULT_CONFIG);
    expect(config('---\n')).toEqual(DEFAULT_CONFIG);
  });

  it('has the contract\'s defaults', () => {
    expect(DEFAULT_CONFIG).toEqual({
      rules: {},
      include: [],
      exclude: [],
      failOn: 'critical',
      maxInlineComments: 25,
      reviewEvent: 'COMMENT',
      skipDrafts: false,
      tenantKeys: ['appId', 'tenantId', 'orgId', 'accountId', 'workspaceId'],
      batchLimit: 1000,
    });
  });

  it('fills in the keys a file leaves out', () => {
    expect(config('failOn: none\n')).toEqual({ ...DEFAULT_CONFIG, failOn: 'none' });
  });

  it('reads `off` as the word, not YAML 1.1\'s false', () => {
    expect(config('rules:\n  no-query-in-loop: off\n').rules).toEqual({ 'no-query-in-loop': 'off' });
  });

  it('reports `_extends` apart and does not treat it as a setting', () => {
    const parsed = parseConfig('_extends: acme/.github\nfailOn: minor\n', { file: FILE });
    expect(parsed).toEqual({ config: { ...DEFAULT_CONFIG, failOn: 'minor' }, extends: 'acme/.github' });
  });
});

describe('parseConfig: invalid settings name the key and the problem', () => {
  const cases: [string, string, string][] = [
    ['a rule set to an unknown severity', 'rules:\n  no-query-in-loop: high\n', 'rules.no-query-in-loop: must be one of off, minor, moderate, critical (found "high")'],
    ['a rule left empty', 'rules:\n  no-query-in-loop:\n', 'rules.no-query-in-loop: must be one of off, minor, moderate, critical (it is empty)'],
    ['rules as a list', 'rules: [no-query-in-loop]\n', 'rules: must be a mapping of keys to values'],
    ['include as one string', 'include: src/**\n', 'include: must be a list'],
    ['an empty glob', 'exclude: ["src/**", ""]\n', 'exclude[1]: must not be empty'],
    ['a glob that is a number', 'exclude: [1]\n', 'exclude[0]: must be text'],
    ['an unknown failOn', 'failOn: high\n', 'failOn: must be one of critical, moderate, minor, none (found "high")'],
    ['maxInlineComments as text', 'maxInlineComments: many\n', 'maxInlineComments: must be a whole number'],
    ['a negative maxInlineComments', 'maxInlineComments: -1\n', 'maxInlineComments: must be at least 0'],
    ['a reviewEvent GitHub would refuse here', 'reviewEvent: APPROVE\n', 'reviewEvent: must be one of COMMENT, REQUEST_CHANGES (found "APPROVE")'],
    ['skipDrafts as a word', 'skipDrafts: sometimes\n', 'skipDrafts: must be true or false'],
    ['tenantKeys empty', 'tenantKeys: []\n', 'tenantKeys: must list at least 1 entry'],
    ['tenantKeys as one name', 'tenantKeys: tenantId\n', 'tenantKeys: must be a list'],
    ['a fractional batchLimit', 'batchLimit: 2.5\n', 'batchLimit: must be a whole number'],
    ['a zero batchLimit', 'batchLimit: 0\n', 'batchLimit: must be at least 1'],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => {
      const problem = error(text);
      expect(problem.message).toBe(message);
      expect(problem.file).toBe(FILE);
    });
  }

  it('names an unknown key and suggests the one meant', () => {
    expect(error('failon: none\n').message).toBe(
      'failon: unknown key (did you mean failOn?); the keys are rules, include, exclude, failOn, maxInlineComments, reviewEvent, skipDrafts, tenantKeys, batchLimit',
    );
    expect(error('colour: blue\n').message).toMatch(/^colour: unknown key; the keys are rules, /);
  });

  it('names an unknown rule id and lists the close ones', () => {
    expect(error('rules:\n  no-query-in-loops: off\n').message).toMatch(/^rules\.no-query-in-loops: unknown rule or checklist id; did you mean no-query-in-loop\b/);
    expect(error('rules:\n  zzz: off\n').message).toBe('rules.zzz: unknown rule or checklist id; perf-review --list-rules prints the rule ids');
  });

  it('lists every problem, in the order of the file, at the first one\'s line and column', () => {
    const problem = error('failOn: high\nrules:\n  nope-rule: off\nbatchLimit: 0\n');
    expect(problem.problems).toEqual([
      'failOn: must be one of critical, moderate, minor, none (found "high")',
      expect.stringMatching(/^rules\.nope-rule: unknown rule or checklist id/),
      'batchLimit: must be at least 1',
    ]);
    expect(problem.message).toBe(problem.problems.join('; '));
    expect([problem.line, problem.column]).toEqual([1, 9]);
  });

  it('points at the key for an unknown key and at the value for a bad one', () => {
    expect(error('skipDrafts: false\nrules:\n  nope-rule: off\n')).toMatchObject({ line: 3, column: 3 });
    expect(error('skipDrafts: false\nmaxInlineComments: -5\n')).toMatchObject({ line: 2, column: 20 });
  });

  it('refuses a file that is not a mapping of keys', () => {
    expect(error('- rules\n- failOn\n').message).toBe('the file must hold keys such as `rules:` and `failOn:`');
    expect(error('just some words\n').message).toBe('the file must hold keys such as `rules:` and `failOn:`');
  });
});

describe('parseConfig: YAML that does not parse', () => {
  it('gives the parser\'s message with its line and column', () => {
    const problem = error('rules:\n  no-query-in-loop: off\n require-compression: off\n');
    expect(problem).toMatchObject({ file: FILE, line: 3, column: 1, message: 'All mapping items must start at the same column' });
    expect(formatConfigError(problem)).toBe('.github/perf-review.yml:3:1: All mapping items must start at the same column');
  });

  it('refuses a key given twice rather than keeping one silently', () => {
    expect(error('failOn: none\nfailOn: critical\n')).toMatchObject({ line: 2, column: 1, message: 'Map keys must be unique' });
  });

  it('reports an unclosed list', () => {
    expect(error('include: ["src/**"\n').message).toMatch(/\]/);
  });

  it('reports an alias to no anchor', () => {
    expect(error('failOn: *level\n').message).toMatch(/alias/i);
  });
});
