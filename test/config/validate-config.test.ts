import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig } from '../../src/config/index.js';

const FILE = '.github/perf-review.yml';

/** What Probot's `context.config` hands the App: an object already parsed and merged. */
describe('validateConfig on objects', () => {
  it('fills in the defaults', () => {
    expect(validateConfig({ failOn: 'minor', rules: { 'db.n-plus-one': 'moderate' } }, { file: FILE })).toEqual({
      config: { ...DEFAULT_CONFIG, failOn: 'minor', rules: { 'db.n-plus-one': 'moderate' } },
    });
  });

  it('treats no file (null) and an empty object as every default', () => {
    expect(validateConfig(null, { file: FILE })).toEqual({ config: DEFAULT_CONFIG });
    expect(validateConfig(undefined, { file: FILE })).toEqual({ config: DEFAULT_CONFIG });
    expect(validateConfig({}, { file: FILE })).toEqual({ config: DEFAULT_CONFIG });
  });

  it('tolerates the `_extends` Probot may leave behind', () => {
    expect(validateConfig({ _extends: '.github', skipDrafts: true }, { file: FILE })).toEqual({
      config: { ...DEFAULT_CONFIG, skipDrafts: true },
      extends: '.github',
    });
  });

  it('names the file and every problem, without a position it cannot know', () => {
    const result = validateConfig({ failOn: 'never', maxInlineComments: '25', surprise: 1 }, { file: FILE });
    expect(result).toEqual({
      error: {
        file: FILE,
        problems: [
          expect.stringMatching(/^surprise: unknown key/),
          'failOn: must be one of critical, moderate, minor, none (found "never")',
          'maxInlineComments: must be a whole number',
        ],
        message: expect.stringContaining('failOn: must be one of'),
      },
    });
  });

  it('copies what it returns, so the caller\'s object cannot change the settings later', () => {
    const given = { exclude: ['dist/**'], rules: { 'no-query-in-loop': 'off' } };
    const result = validateConfig(given, { file: FILE });
    given.exclude.push('src/**');
    given.rules['no-query-in-loop'] = 'critical';
    expect(result).toMatchObject({ config: { exclude: ['dist/**'], rules: { 'no-query-in-loop': 'off' } } });
  });

  it('does not change DEFAULT_CONFIG', () => {
    expect(Object.isFrozen(DEFAULT_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONFIG.tenantKeys)).toBe(true);
  });
});
