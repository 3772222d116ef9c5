import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '../../bench/generate-repository.js';
import { measureWebhookLatency } from '../../bench/webhook-latency.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The measurement on a few deliveries, checked for correctness only: never on its timings. */
describe('measureWebhookLatency', () => {
  it('answers every signed delivery of the App started as `npm start` runs it', { timeout: 150_000 }, async () => {
    if (!existsSync(join(ROOT, 'dist', 'server.js'))) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    }
    const figures = await measureWebhookLatency({ concurrentDeliveries: 5, rounds: 1, files: 8, seed: DEFAULT_SEED, settleMs: 60_000 });

    expect(Object.values(figures.statusCodes).reduce((sum, n) => sum + n, 0)).toBe(5);
    for (const status of Object.keys(figures.statusCodes)) expect(['200', '202']).toContain(status);
    for (const value of [figures.p50Ms, figures.p99Ms, figures.maxMs]) expect(Number.isFinite(value)).toBe(true);
    expect(figures.p99Ms).toBeGreaterThanOrEqual(figures.p50Ms);
    expect(figures.reviewsCompletedAtEnd).toBeGreaterThan(0);
    expect(figures.unhandledRequests).toBe(0);
  });
});
