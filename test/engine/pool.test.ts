import { access, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { review, type ReviewResult, type SourceInput } from '../../src/engine/index.js';
import { analysisThreadsOf, closeAnalysisPool, reviewOffThread } from '../../src/engine/pool/review-off-thread.js';

const root = join(import.meta.dirname, '..', '..');
const corpus = join(root, 'test', 'corpus');

/** The precision corpus: realistic modules with findings in most of them. */
async function corpusInputs(): Promise<SourceInput[]> {
  const entries = await readdir(corpus, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && /\.[cm]?[jt]sx?$/.test(entry.name)).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.sort().map(async (file) => ({ path: relative(corpus, file).replace(/\\/g, '/'), status: 'added', content: await readFile(file, 'utf8') })));
}

/** The duration differs from run to run; everything else must not. */
const comparable = (result: ReviewResult) => ({ ...result, stats: { ...result.stats, durationMs: 0 } });

/** How often a 5 ms timer fires while `work` runs: zero means the event loop was blocked throughout. */
async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

afterAll(() => closeAnalysisPool());

describe('reviewOffThread', () => {
  it('returns what review() returns on the same inputs', async () => {
    const inputs = await corpusInputs();
    const offThread = await reviewOffThread(inputs, { mode: 'all' });
    expect(offThread.findings.length).toBeGreaterThan(0);
    expect(comparable(offThread)).toEqual(comparable(review(inputs, { mode: 'all' })));
  });

  it('passes the options and changed-line filtering through', async () => {
    const inputs = (await corpusInputs()).map((input) => ({ ...input, status: 'modified', patch: '@@ -1,1 +1,1 @@\n+changed' }));
    const options = { mode: 'changed' as const, rules: { 'no-query-in-loop': 'off' as const }, batchLimit: 10 };
    expect(comparable(await reviewOffThread(inputs, options))).toEqual(comparable(review(inputs, options)));
  });

  it('returns plain data that survives a structured clone', async () => {
    const result = review(await corpusInputs(), { mode: 'all' });
    expect(structuredClone(result)).toEqual(result);
  });

  it('keeps the event loop free while a large analysis runs', async () => {
    const inputs = await corpusInputs();
    // Five copies of the corpus under different folders: seconds of analysis, far longer than a tick.
    const large = Array.from({ length: 5 }, (_, copy) => inputs.map((input) => ({ ...input, path: `copy-${copy}/${input.path}` }))).flat();
    // A warm thread, so that the ticks below are counted during the analysis and not the thread's start.
    await reviewOffThread(inputs.slice(0, 1), { mode: 'all' });

    let result: ReviewResult | undefined;
    const offThread = await ticksDuring(async () => {
      result = await reviewOffThread(large, { mode: 'all' });
    });
    expect(result?.stats.files).toBe(large.length);
    expect(offThread).toBeGreaterThan(0);
    // The same analysis on the event loop's own thread lets no timer fire: what the pool is for.
    expect(await ticksDuring(async () => review(large, { mode: 'all' }))).toBe(0);
  });

  it('rejects a review whose signal is aborted, and goes on serving others', async () => {
    const inputs = await corpusInputs();
    const controller = new AbortController();
    controller.abort();
    await expect(reviewOffThread(inputs, { mode: 'all' }, { signal: controller.signal })).rejects.toThrow(/abort/i);
    expect((await reviewOffThread(inputs.slice(0, 2), { mode: 'all' })).stats.files).toBe(2);
  });

  it('starts a new pool for the next review after it was closed', async () => {
    await closeAnalysisPool();
    await closeAnalysisPool();
    const result = await reviewOffThread([{ path: 'a.ts', content: 'export const a = 1;\n' }], { mode: 'all' });
    expect(result.analysed).toEqual(['a.ts']);
  });
});

describe('analysisThreadsOf', () => {
  it.each<[NodeJS.ProcessEnv, number, number, string]>([
    [{}, 2, 1, 'one core is left to the event loop, but there is always one thread'],
    [{}, 1, 1, 'a single core still gets one thread'],
    [{}, 8, 7, 'one thread per core but one'],
    [{ ANALYSIS_THREADS: '3' }, 8, 3, 'the setting wins'],
    [{ ANALYSIS_THREADS: ' 4 ' }, 2, 4, 'spaces around the number are forgiven'],
    [{ ANALYSIS_THREADS: '' }, 4, 3, 'an empty setting is no setting'],
  ])('%o on %i cores: %i (%s)', (env, cores, threads) => {
    expect(analysisThreadsOf(env, cores)).toBe(threads);
  });

  it.each(['0', '-1', '1.5', 'two', 'Infinity'])('refuses ANALYSIS_THREADS=%s with a message that names it', (value) => {
    expect(() => analysisThreadsOf({ ANALYSIS_THREADS: value }, 4)).toThrow(/ANALYSIS_THREADS/);
  });
});

const builtPool = join(root, 'dist', 'engine', 'pool', 'review-off-thread.js');
const built = await access(builtPool).then(
  () => true,
  () => false,
);

describe('the built analysis pool', () => {
  it.skipIf(!built)(`runs the compiled worker${built ? '' : ' (skipped: dist/engine/pool is missing; `npm test` builds it first)'}`, async () => {
    const pool = (await import(pathToFileURL(builtPool).href)) as typeof import('../../src/engine/pool/review-off-thread.js');
    const inputs = await corpusInputs();
    try {
      const result = await pool.reviewOffThread(inputs, { mode: 'all' });
      expect(comparable(result)).toEqual(comparable(review(inputs, { mode: 'all' })));
    } finally {
      await pool.closeAnalysisPool();
    }
  });
});
