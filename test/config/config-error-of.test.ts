import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configErrorOf, formatConfigError } from '../../src/config/index.js';

const FILE = '.github/perf-review.yml';
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
/** The Octokit the App's `context.config` goes through, without retries so a 500 is answered at once. */
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  auth: 'test',
  log: quiet,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** What Probot's `context.config` throws for this file content, read through the real plugin. */
async function thrownFor(content: string): Promise<unknown> {
  nock('https://api.github.com').get('/repos/acme/mail/contents/.github%2Fperf-review.yml').reply(200, content, { 'content-type': 'text/plain; charset=utf-8' });
  const octokit = new TestOctokit();
  return octokit.config.get({ owner: 'acme', repo: 'mail', path: FILE }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('configErrorOf: what Probot throws, in words a person can act on', () => {
  it('gives the YAML parser\'s message and position', async () => {
    const error = configErrorOf(await thrownFor('rules:\n  no-query-in-loop: off\n require-compression: off\n'), { file: FILE });
    expect(error).toEqual({ file: FILE, message: 'All mapping items must start at the same column', problems: ['All mapping items must start at the same column'], line: 3, column: 1 });
    expect(formatConfigError(error!)).toBe('.github/perf-review.yml:3:1: All mapping items must start at the same column');
  });

  it('says when the file is not a mapping', async () => {
    expect(configErrorOf(await thrownFor('just words\n'), { file: FILE })?.message).toBe('the file must hold keys such as `rules:` and `failOn:`');
  });

  it('leaves errors that are not the file\'s fault to the caller', async () => {
    nock('https://api.github.com').get('/repos/acme/mail/contents/.github%2Fperf-review.yml').reply(500, { message: 'Server Error' });
    const octokit = new TestOctokit();
    const thrown = await octokit.config.get({ owner: 'acme', repo: 'mail', path: FILE }).catch((error: unknown) => error);
    expect(configErrorOf(thrown, { file: FILE })).toBeUndefined();
    expect(configErrorOf(new Error('socket hang up'), { file: FILE })).toBeUndefined();
    expect(configErrorOf('not an error', { file: FILE })).toBeUndefined();
  });
});
