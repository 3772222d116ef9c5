import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { ReviewResult } from '../src/engine/index.js';
import { measureEndToEnd, type EndToEnd } from './end-to-end.js';
import { DEFAULT_SEED, findingKey, generateRepository } from './generate-repository.js';
import { measureCli, type CliRun } from './measure-cli.js';
import { measureWebhookLatency, type WebhookLatency, type WebhookQueue } from './webhook-latency.js';
import { measureEslintPeer, type PeerFigures } from './measure-eslint-peer.js';
import { inputsOf, parseAll, timeAgainstParser, timeInThread, timePool, type GcFigures, type PoolTiming } from './measure-engine.js';
import { measurePeakMemory, type PeakMemory } from './peak-memory.js';
import { repoRoot } from './repo-root.js';
import { perSecond, round, withRate, type Rate, type Timing } from './time-runs.js';

export interface BenchOptions {
  /** Repository sizes, in files. */
  sizes: number[];
  seed: number;
  /** Runs of perf-review and of the parser per size. */
  repeats: number;
  /** Runs of the ESLint peer per size: each one type-checks the whole project. */
  eslintRepeats: number;
  /** Lint only the first n files of each size (all of them when absent). */
  eslintFiles?: number;
  /** Runs of the CLI over the corpus; 0 skips it. */
  cliRepeats: number;
  /** Files of the analysis whose peak memory is measured; 0 skips it. */
  memoryFiles: number;
  /** Files of the pull request reviewed end to end; 0 skips it. */
  endToEndFiles: number;
  /** Deliveries sent at once to the App's webhook endpoint, per round; 0 skips it. */
  webhookDeliveries: number;
  /** Rounds of concurrent deliveries. */
  webhookRounds: number;
  /** Files of the pull request each delivery has reviewed. */
  webhookFiles: number;
  /** Set-ups measured, in order: the App's own queue (`embedded`), and/or Redis with one worker process. */
  webhookQueues: WebhookQueue[];
  /** Only these parts (`webhook`); all of them when absent. */
  only?: 'webhook';
  /** Spend the JIT's first runs on another repository before measuring (off for quick checks). */
  warmUp: boolean;
  /** Progress lines, so that a long run shows where it is (stdout carries only the JSON). */
  log?: (line: string) => void;
}

/** Between rounds of deliveries: long enough that later rounds meet reviews under way and completing. */
const WEBHOOK_ROUND_PAUSE_MS = 3_000;

export const DEFAULT_OPTIONS: BenchOptions = {
  sizes: [100, 1000],
  seed: DEFAULT_SEED,
  repeats: 5,
  eslintRepeats: 2,
  cliRepeats: 5,
  memoryFiles: 1000,
  endToEndFiles: 300,
  webhookDeliveries: 50,
  webhookRounds: 4,
  webhookFiles: 100,
  webhookQueues: ['embedded'],
  warmUp: true,
};

export interface SizeReport {
  files: number;
  lines: number;
  seededProblems: number;
  perfReview: {
    inThread: Rate<Timing>;
    /** Garbage-collector pauses during the in-thread runs. */
    gc: GcFigures;
    pool: Omit<PoolTiming, 'result'> & {
      linesPerSecond: number;
      /** The pool's result equals the in-thread one (apart from its duration). */
      sameResult: boolean;
    };
    findings: number;
    seededFound: number;
    /** Seeded problems perf-review did not report (at most 10 shown). */
    seededMissed: { path: string; line: number; rule: string }[];
    /** Findings on lines where no problem was seeded: each one is a false positive. */
    unexpectedFindings: number;
  };
  typescriptParser: { withParents: Rate<Timing>; withoutParents: Rate<Timing> };
  /**
   * perf-review's time over the parser's (with parent pointers) on the same files: the median of
   * the ratios of runs timed in turn, one of each per pair.
   */
  ratioToParser: number;
  /** The same ratio in CPU time, less disturbed by other work on the machine. */
  ratioToParserCpu: number;
  eslint: PeerFigures;
  /** perf-review's time per line over ESLint's, on the same generated code. */
  ratioToEslint: number;
}

export interface BenchReport {
  benchmark: 'perf-review';
  version: string;
  date: string;
  machine: { node: string; platform: string; cpu: string; cores: number; memoryGb: number };
  seed: number;
  repeats: number;
  sizes: SizeReport[];
  cli: CliRun | { skipped: string };
  memory: { inThread: PeakMemory; pool: PeakMemory } | { skipped: string };
  app: {
    endToEnd: EndToEnd | { skipped: string };
    webhookLatency: WebhookLatency | { skipped: string };
    /** The same with REDIS_URL set and one `perf-review-worker` process running the reviews. */
    webhookLatencyRedis: WebhookLatency | { skipped: string };
  };
  targets: { name: string; target: string; measured: number | null; met: boolean | null }[];
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const all = options.only === undefined;
  if (all && options.warmUp) await warmUp(options.seed, log);

  const sizes: SizeReport[] = [];
  if (all) for (const size of options.sizes) sizes.push(await measureSize(size, options, log));

  if (all) log('perf-review --all over test/corpus');
  const cli = all && options.cliRepeats > 0 ? await measureCli(options.cliRepeats) : { skipped: 'not requested' };
  if (all) log(`peak memory of ${options.memoryFiles} files`);
  const memory =
    all && options.memoryFiles > 0
      ? { inThread: await measurePeakMemory(options.memoryFiles, options.seed, 'in-thread'), pool: await measurePeakMemory(options.memoryFiles, options.seed, 'pool') }
      : { skipped: 'not requested' };
  if (all) log(`end-to-end review of ${options.endToEndFiles} files`);
  const endToEnd = all && options.endToEndFiles > 0 ? await measureEndToEnd(options.endToEndFiles, options.seed) : { skipped: 'not requested' };
  const webhookLatencyOf = async (queue: WebhookQueue): Promise<WebhookLatency | { skipped: string }> => {
    if (options.webhookDeliveries === 0 || options.webhookRounds === 0 || !options.webhookQueues.includes(queue)) return { skipped: 'not requested' };
    log(`webhook latency (${queue} queue): ${options.webhookRounds} rounds of ${options.webhookDeliveries} concurrent deliveries`);
    return measureWebhookLatency({ concurrentDeliveries: options.webhookDeliveries, rounds: options.webhookRounds, files: options.webhookFiles, seed: options.seed, pauseMs: WEBHOOK_ROUND_PAUSE_MS, queue });
  };
  const webhookLatency = await webhookLatencyOf('embedded');
  const webhookLatencyRedis = await webhookLatencyOf('redis');

  const largest = sizes.at(-1);
  return {
    benchmark: 'perf-review',
    version: await version(),
    date: new Date().toISOString(),
    machine: machine(),
    seed: options.seed,
    repeats: options.repeats,
    sizes,
    cli,
    memory,
    app: {
      endToEnd,
      webhookLatency,
      webhookLatencyRedis,
    },
    targets: [
      target('analysis time ÷ TypeScript parser time', '≤ 2', largest?.ratioToParser, (x) => x <= 2),
      target('analysis time per line ÷ ESLint peer time per line', '< 1', largest?.ratioToEslint, (x) => x < 1),
      target('peak RSS of the analysis of 1,000 files (MB)', '< 512', 'skipped' in memory ? undefined : memory.inThread.peakRssMb, (x) => x < 512),
      target('GitHub requests of one review ÷ (5 + files/50)', '≤ 1', 'githubRequests' in endToEnd ? round(endToEnd.githubRequests / endToEnd.githubRequestBudget, 2) : undefined, (x) => x <= 1),
      // A fast refusal is no answer: met only when every delivery was accepted.
      target('webhook answer p99 with 50 concurrent deliveries (ms)', '< 100', 'skipped' in webhookLatency ? undefined : webhookLatency.p99Ms, (x) => x < 100 && !('skipped' in webhookLatency) && acceptedAll(webhookLatency.statusCodes)),
    ],
  };
}

function acceptedAll(statusCodes: Record<string, number>): boolean {
  return Object.keys(statusCodes).every((status) => status === '200' || status === '202');
}

/** The first runs of a process pay for JIT compilation: spend that on a different, small repository. */
async function warmUp(seed: number, log: (line: string) => void): Promise<void> {
  log('warming up');
  const warm = generateRepository(40, seed + 1);
  await timeInThread(inputsOf(warm.files), 2);
  for (let run = 0; run < 2; run++) parseAll(warm.files, true)();
}

async function measureSize(size: number, options: BenchOptions, log: (line: string) => void): Promise<SizeReport> {
  const repository = generateRepository(size, options.seed);
  const inputs = inputsOf(repository.files);

  log(`${size} files: perf-review in-thread and the TypeScript parser, in turn`);
  const measured = await timeAgainstParser(inputs, repository.files, options.repeats);
  const inThread = { timing: measured.inThread, result: measured.result };
  log(`${size} files: perf-review through the pool`);
  const pool = await timePool(inputs, options.repeats);

  const seededKeys = new Set(repository.problems.map(findingKey));
  const foundKeys = new Set(inThread.result.findings.map(findingKey));
  const missed = repository.problems.filter((problem) => !foundKeys.has(findingKey(problem)));

  log(`${size} files: ESLint peer`);
  const peer = await measureEslintPeer({ files: size, seed: options.seed, lint: options.eslintFiles ?? size, repeats: options.eslintRepeats, warmUp: options.warmUp });

  const lines = repository.lines;
  const msPerLine = inThread.timing.medianMs / lines;
  return {
    files: repository.files.length,
    lines,
    seededProblems: repository.problems.length,
    perfReview: {
      inThread: withRate(inThread.timing, lines),
      gc: measured.gc,
      pool: { coldMs: pool.coldMs, warm: pool.warm, linesPerSecond: perSecond(lines, pool.warm.medianMs), sameResult: comparable(pool.result) === comparable(inThread.result) },
      findings: inThread.result.findings.length,
      seededFound: repository.problems.length - missed.length,
      seededMissed: missed.slice(0, 10).map(({ path, line, rule }) => ({ path, line, rule })),
      unexpectedFindings: inThread.result.findings.filter((finding) => !seededKeys.has(findingKey(finding))).length,
    },
    typescriptParser: { withParents: withRate(measured.withParents, lines), withoutParents: withRate(measured.withoutParents, lines) },
    ratioToParser: measured.ratio,
    ratioToParserCpu: measured.cpuRatio,
    eslint: peer,
    ratioToEslint: round(msPerLine / (peer.runs.medianMs / peer.lines), 3),
  };
}

/** Everything but the duration, which differs from run to run. */
const comparable = (result: ReviewResult) => JSON.stringify({ ...result, stats: { ...result.stats, durationMs: 0 } });

function target(name: string, goal: string, measured: number | undefined, met: (value: number) => boolean): BenchReport['targets'][number] {
  return { name, target: goal, measured: measured ?? null, met: measured === undefined ? null : met(measured) };
}

function machine(): BenchReport['machine'] {
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: round(totalmem() / 1024 ** 3),
  };
}

async function version(): Promise<string> {
  return (JSON.parse(await readFile(join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
