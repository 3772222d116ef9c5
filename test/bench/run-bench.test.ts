import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '../../bench/generate-repository.js';
import { runBench, type BenchReport } from '../../bench/run-bench.js';

const cliBuilt = await access(join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js')).then(
  () => true,
  () => false,
);

/**
 * The benchmark's code on a tiny input, checked for correctness only: its figures come from a
 * shared machine and never decide whether the tests pass.
 */
describe('runBench on a tiny repository', () => {
  let report: BenchReport;

  it('runs every part once and prints one JSON document', { timeout: 240_000 }, async () => {
    report = await runBench({
      sizes: [8],
      seed: DEFAULT_SEED,
      repeats: 1,
      eslintRepeats: 1,
      eslintFiles: 3,
      cliRepeats: cliBuilt ? 1 : 0,
      memoryFiles: 8,
      endToEndFiles: 8,
      // test/bench/webhook-latency.test.ts runs the App's server for it.
      webhookDeliveries: 0,
      webhookRounds: 0,
      webhookFiles: 0,
      webhookQueues: [],
      warmUp: false,
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.sizes).toHaveLength(1);
  });

  it('finds every seeded problem with perf-review, and nothing else, in-thread and through the pool', () => {
    const [size] = report.sizes;
    expect(size!.files).toBe(8);
    expect(size!.seededProblems).toBeGreaterThan(0);
    expect(size!.perfReview.seededMissed).toEqual([]);
    expect(size!.perfReview.seededFound).toBe(size!.seededProblems);
    expect(size!.perfReview.unexpectedFindings).toBe(0);
    expect(size!.perfReview.findings).toBe(size!.seededProblems);
    expect(size!.perfReview.pool.sameResult).toBe(true);
  });

  it('runs the ESLint peer with type information on the files it was given', () => {
    const { eslint } = report.sizes[0]!;
    expect(eslint.files).toBe(3);
    expect(eslint.expectedMissed).toEqual([]);
    expect(eslint.unexpectedFindings).toBe(0);
    const reported = Object.values(eslint.findingsByRule).reduce((sum, n) => sum + n, 0);
    expect(reported).toBe(eslint.expectedFound);
    // The type-aware rule is the one that proves the type information reached ESLint.
    expect(eslint.findingsByRule['@typescript-eslint/no-floating-promises']).toBeGreaterThan(0);
  });

  it('reports figures that add up', () => {
    const [size] = report.sizes;
    for (const timing of [size!.perfReview.inThread, size!.perfReview.pool.warm, size!.typescriptParser.withParents, size!.eslint.runs]) {
      expect(timing.runsMs).toHaveLength(1);
      expect(timing.medianMs).toBe(timing.runsMs[0]);
    }
    // The collector's pauses of each timed review are counted, whatever they are.
    expect(size!.perfReview.gc.minorMsPerRun).toHaveLength(1);
    expect(size!.perfReview.gc.medianMinorMs).toBeGreaterThanOrEqual(0);
    // One pair of runs timed in turn: the ratio is that pair's.
    expect(size!.ratioToParser).toBeCloseTo(size!.perfReview.inThread.runsMs[0]! / size!.typescriptParser.withParents.runsMs[0]!, 1);
    expect(size!.ratioToEslint).toBeGreaterThan(0);
    expect(report.targets.map((t) => t.name)).toHaveLength(5);
    const memory = report.memory;
    if ('skipped' in memory) throw new Error('memory was not measured');
    for (const place of [memory.inThread, memory.pool]) {
      expect(place.files).toBe(8);
      expect(place.peakRssMb).toBeGreaterThanOrEqual(place.baselineRssMb);
    }
  });

  it('reviews a pull request end to end against the GitHub stand-in, counting its requests', () => {
    const endToEnd = report.app.endToEnd;
    if ('skipped' in endToEnd) throw new Error('the end-to-end review was not run');
    // Every line of the pull request is new: the App reports what the engine finds in the files.
    expect(endToEnd.outcome).toMatchObject({ status: 'completed', findings: report.sizes[0]!.seededProblems });
    expect(endToEnd.unhandledRequests).toEqual([]);
    expect(Object.values(endToEnd.requestsByOperation).reduce((sum, n) => sum + n, 0)).toBe(endToEnd.githubRequests);
    expect(endToEnd.requestsByOperation['GET /pulls/{n}/files']).toBe(1);
    // Measured in webhook-latency.test.ts, which starts the App's server.
    expect(report.app.webhookLatency).toEqual({ skipped: 'not requested' });
    expect(report.app.webhookLatencyRedis).toEqual({ skipped: 'not requested' });
  });

  it.skipIf(!cliBuilt)(`times perf-review --all over the corpus${cliBuilt ? '' : ' (skipped: dist/cli/main.js is missing; `npm test` builds it first)'}`, () => {
    if ('skipped' in report.cli) throw new Error(report.cli.skipped);
    expect(report.cli.files).toBeGreaterThan(50);
    expect(report.cli.filesPerSecond).toBeGreaterThan(0);
  });
});
