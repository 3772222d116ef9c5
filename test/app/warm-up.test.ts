import { describe, expect, it } from 'vitest';
import { closeAnalysisPool, warmAnalysisPool } from '../../src/engine/pool/review-off-thread.js';
import { checkAppCredentials } from '../../src/github/check-app-credentials.js';
import { warmUp } from '../../src/warm-up.js';
import { INSTALLATION_TOKEN, useApp } from '../helpers/github.js';

/** What a serving process does before /ready: the start-up check of its credentials and a warm analysis thread. */
describe('warm-up', () => {
  const harness = useApp();

  it('says in the log that GitHub accepts the credentials, and names the App', async () => {
    harness.github.get('/app').reply(200, { id: 424242, slug: 'perf-review', name: 'perf-review', owner: { login: 'acme' } });

    await checkAppCredentials(harness.probot);

    expect(harness.logs.join('')).toContain("GitHub accepts the App's credentials (perf-review)");
  });

  it('says which settings to look at when GitHub refuses the credentials, and does not throw', async () => {
    harness.github.get('/app').reply(401, { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest' });

    await expect(checkAppCredentials(harness.probot)).resolves.toBeUndefined();

    const warning = harness.logs.find((line) => line.includes('Start-up check'));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, status: 401, msg: expect.stringContaining('APP_ID or PRIVATE_KEY does not match a GitHub App') });
  });

  it('serves anyway when GitHub cannot be reached, and says so', async () => {
    harness.github.get('/app').replyWithError('connect ECONNREFUSED 127.0.0.1:443');

    await expect(checkAppCredentials(harness.probot)).resolves.toBeUndefined();

    expect(harness.logs.join('')).toContain('GitHub could not be asked');
    expect(harness.logs.join('')).not.toContain(INSTALLATION_TOKEN);
  });

  it('starts the analysis thread, which reviews its sample and finds the N+1 in it', { timeout: 30_000 }, async () => {
    try {
      const result = await warmAnalysisPool();
      expect(result.findings.map((finding) => finding.rule)).toContain('no-query-in-loop');
    } finally {
      await closeAnalysisPool();
    }
  });

  it('warms up in one call and logs how long it took', { timeout: 30_000 }, async () => {
    harness.github.get('/app').reply(200, { id: 424242, slug: 'perf-review', name: 'perf-review' });
    try {
      await warmUp(harness.probot, { analysis: true });
    } finally {
      await closeAnalysisPool();
    }
    expect(harness.logs.join('')).toMatch(/Warmed up in \d+ ms/);
  });
});
