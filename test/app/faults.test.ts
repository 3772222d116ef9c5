import { describe, expect, it } from 'vitest';
import { REPO_PATH } from '../fixtures/app/github.js';
import { INSTALLATION_TOKEN, deliver, examplePayload, expectCheckRun, mockContext, mockInstallationToken, testPrivateKey, useApp } from '../helpers/github.js';

const OPENED = 12;

// The App's production client: retries and throttling on, with waits shortened to milliseconds.
const t = useApp({ octokit: 'production' });

const SECONDARY_RATE_LIMIT = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };

function listFiles() {
  return t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 });
}

/** The context read, and the summary and check run of a pull request with no changed file. */
function finishEmptyReview() {
  mockContext(t.github, { changedFiles: 0 });
  t.github.post(`${REPO_PATH}/issues/2/comments`).reply(201, { id: 90 });
  return { bodies: expectCheckRun(t.github).created };
}

/** The context read, then the check run that says why the review failed. */
function expectFailure() {
  mockContext(t.github, { changedFiles: 0 });
  return { bodies: expectCheckRun(t.github).created };
}

describe('faults', () => {
  it('retries a 500 on the file list and completes the review', async () => {
    mockInstallationToken(t.github);
    listFiles().reply(500, { message: 'Server Error' });
    listFiles().reply(200, []);
    const updates = finishEmptyReview();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
  });

  it('waits out a secondary rate limit for as long as Retry-After says, then goes on', async () => {
    mockInstallationToken(t.github);
    listFiles().reply(403, SECONDARY_RATE_LIMIT, { 'retry-after': '1' });
    listFiles().reply(200, []);
    const updates = finishEmptyReview();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
    const waits = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'Secondary rate limit: retrying in 1 s');
    expect(waits).toEqual([expect.objectContaining({ retryAfter: 1, retryCount: 0, retry: true, method: 'GET', path: '/repos/Codertocat/Hello-World/pulls/2/files' })]);
  });

  it('gives up after three secondary rate limits in a row, and says so on the check run', async () => {
    mockInstallationToken(t.github);
    listFiles().times(4).reply(403, SECONDARY_RATE_LIMIT, { 'retry-after': '0' });
    const updates = expectFailure();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    expect(updates.bodies).toEqual([
      expect.objectContaining({
        conclusion: 'failure',
        output: expect.objectContaining({ title: 'GitHub did not return the changed files (HTTP 403); the review did not run.' }),
      }),
    ]);
    // A rate limit is not a missing permission: no advice to change the installation.
    expect(updates.bodies[0]!.output.summary).not.toContain('missing a permission');
    expect(t.logs.join('')).toContain('Secondary rate limit: giving up after retries');
  });

  it('logs a failing review without the installation token, the JWT or the private key', async () => {
    mockInstallationToken(t.github);
    // A proxy that echoes credentials back in its error: the worst case for what reaches the log.
    const echo = `Upstream refused Authorization: token ${INSTALLATION_TOKEN} (Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjQyNDI0Mn0.c2lnbmF0dXJlLW9mLXRoZS1hcHA)`;
    listFiles().times(4).reply(502, { message: echo });
    const updates = expectFailure();

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', OPENED));

    const logs = t.logs.join('\n');
    expect(logs).toContain('Performance Review failed');
    expect(logs).toContain('[REDACTED]');
    const key = await testPrivateKey();
    const keyBody = key.split('\n').filter((line) => line && !line.startsWith('-----'));
    for (const secret of [INSTALLATION_TOKEN, 'eyJhbGciOiJSUzI1NiJ9', 'PRIVATE KEY', ...keyBody]) expect(logs).not.toContain(secret);
    // The check run is public to everyone who can read the pull request: the same holds there.
    expect(updates.bodies[0]!.output.summary).toContain('Upstream refused Authorization: token [REDACTED] (Bearer [REDACTED])');
    expect(JSON.stringify(updates.bodies)).not.toContain(INSTALLATION_TOKEN);
  });
});
