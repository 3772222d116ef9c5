import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { EngineOptions, ReviewResult, SourceInput } from '../types.js';
import type { AnalysisTask } from './analysis-worker.js';

/**
 * Long enough that a burst of reviews reuses warm threads (a new thread spends a few hundred
 * milliseconds loading the compiler and the rules), short enough that a quiet App gives the memory
 * of the extra ones back (a warmed pool keeps its first thread: `warmAnalysisPool`).
 */
export const IDLE_THREAD_TIMEOUT_MS = 60_000;

let pool: Piscina<AnalysisTask, ReviewResult> | undefined;

/** What a warm-up reviews: a small handler with an N+1, so the thread loads the engine and runs its rules once. */
const WARM_UP_INPUT: SourceInput = {
  path: 'src/warm-up.ts',
  status: 'added',
  content: [
    "import { Pool } from 'pg';",
    '',
    'const pool = new Pool();',
    '',
    'export async function totals(ids: string[]): Promise<number[]> {',
    '  const totals: number[] = [];',
    "  for (const id of ids) totals.push((await pool.query('select total from orders where id = $1', [id])).rows[0].total);",
    '  return totals;',
    '}',
    '',
  ].join('\n'),
};

/**
 * Reviews files on a worker thread, so that a 1,000-file analysis never delays the event loop that
 * answers webhooks. Each call is one job: the thread builds its own project and drops it afterwards,
 * so nothing of one review stays in memory for the next. Aborting `signal` drops a queued review
 * and ends the thread of a running one (the pool starts another).
 */
export function reviewOffThread(inputs: SourceInput[], options: EngineOptions, { signal }: { signal?: AbortSignal } = {}): Promise<ReviewResult> {
  pool ??= createPool();
  return pool.run({ inputs, options }, signal ? { signal } : {});
}

/**
 * For a process that serves reviews: starts the pool with one thread that stays (about 80 MB of RSS), and
 * resolves once that thread has loaded the engine and reviewed a small module. The first review then
 * starts at once, instead of starting a thread (half a second, most of it compiling the compiler) and
 * competing with the webhooks of the same burst for the CPU.
 */
export function warmAnalysisPool(): Promise<ReviewResult> {
  pool ??= createPool({ keepOneThread: true });
  return pool.run({ inputs: [WARM_UP_INPUT], options: { mode: 'all' } });
}

/** Waits for running analyses to finish, then ends the threads; the next review starts a new pool. */
export async function closeAnalysisPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}

/**
 * One thread fewer than the machine's cores, so the main thread keeps a core for webhooks and
 * GitHub I/O; `ANALYSIS_THREADS` overrides it (a container's CPU quota is not what `os` reports).
 */
export function analysisThreadsOf(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const configured = env.ANALYSIS_THREADS?.trim();
  if (configured === undefined || configured === '') return Math.max(1, cores - 1);
  const threads = Number(configured);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`ANALYSIS_THREADS must be a whole number of threads, at least 1 (got "${configured}")`);
  }
  return threads;
}

function createPool({ keepOneThread = false } = {}): Piscina<AnalysisTask, ReviewResult> {
  return new Piscina<AnalysisTask, ReviewResult>({
    filename: workerUrl(),
    // Unless kept warm: no thread until the first review, and none kept once reviews stop.
    minThreads: keepOneThread ? 1 : 0,
    maxThreads: analysisThreadsOf(),
    idleTimeout: IDLE_THREAD_TIMEOUT_MS,
    // Analysis is synchronous: a second task on the same thread would only wait behind the first.
    concurrentTasksPerWorker: 1,
    // The queue in front of the pool bounds how many reviews wait; a limit here would drop them.
    maxQueue: Infinity,
  });
}

/**
 * Built code runs the compiled worker next to this file. Run from TypeScript sources (the tests),
 * there is no compiled worker: a small entry registers a transpiling loader and loads the .ts, so
 * tests exercise the current sources rather than a possibly stale build.
 */
function workerUrl(): string {
  const fromSources = import.meta.url.endsWith('.ts');
  return new URL(fromSources ? './source-worker.mjs' : './analysis-worker.js', import.meta.url).href;
}
