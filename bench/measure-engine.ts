import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { ts } from 'ts-morph';
import { review, type ReviewResult, type SourceInput } from '../src/engine/index.js';
import { closeAnalysisPool, reviewOffThread } from '../src/engine/pool/review-off-thread.js';
import type { GeneratedFile } from './generate-repository.js';
import { median, round, timeInTurn, timeRuns, type Timing } from './time-runs.js';

export interface PoolTiming {
  /** The first review on a new pool: starting a thread and loading the engine in it included. */
  coldMs: number;
  /** Later reviews on the warm thread, sending the sources and the result across included. */
  warm: Timing;
  result: ReviewResult;
}

export const inputsOf = (files: readonly GeneratedFile[]): SourceInput[] => files.map((file) => ({ path: file.path, status: 'added', content: file.content }));

/** The engine as the App and the CLI call it: every rule, whole files. */
export async function timeInThread(inputs: SourceInput[], repeats: number): Promise<{ timing: Timing; result: ReviewResult }> {
  let result: ReviewResult | undefined;
  const timing = await timeRuns(repeats, () => {
    result = review(inputs, { mode: 'all' });
  });
  return { timing, result: result! };
}

export async function timePool(inputs: SourceInput[], repeats: number): Promise<PoolTiming> {
  await closeAnalysisPool();
  const started = performance.now();
  let result = await reviewOffThread(inputs, { mode: 'all' });
  const coldMs = round(performance.now() - started);
  const warm = await timeRuns(repeats, async () => {
    result = await reviewOffThread(inputs, { mode: 'all' });
  });
  await closeAnalysisPool();
  return { coldMs, warm, result };
}

/** Parses every file with TypeScript's parser alone, with or without parent pointers. */
export const parseAll = (files: readonly GeneratedFile[], setParents: boolean) => (): void => {
  for (const file of files) ts.createSourceFile(file.path, file.content, ts.ScriptTarget.Latest, setParents, ts.ScriptKind.TS);
};

/**
 * perf-review in-thread and its floor, TypeScript's parser alone on the same text with parent
 * pointers set as every AST consumer needs them (perf-review, typescript-eslint), timed in turn:
 * the parser's own time swung 1.6x between series run one after the other on a shared machine,
 * while each pair of runs meets the same conditions. The ratio is the median of the pairs'.
 * Without parent pointers the parser is a little faster; that is timed after, for reference.
 */
export async function timeAgainstParser(
  inputs: SourceInput[],
  files: readonly GeneratedFile[],
  repeats: number,
): Promise<{ inThread: Timing; result: ReviewResult; gc: GcFigures; withParents: Timing; withoutParents: Timing; ratio: number; cpuRatio: number }> {
  let result: ReviewResult | undefined;
  const runs: [start: number, end: number][] = [];
  const collections = await observeCollections(() =>
    timeInTurn(
      repeats,
      () => {
        const start = performance.now();
        result = review(inputs, { mode: 'all' });
        runs.push([start, performance.now()]);
      },
      parseAll(files, true),
    ),
  );
  const paired = collections.value;
  const withoutParents = await timeRuns(repeats, parseAll(files, false));
  return {
    inThread: paired.a,
    result: result!,
    gc: gcFigures(collections.entries, runs.slice(1)),
    withParents: paired.b,
    withoutParents,
    ratio: median(paired.ratios, 2),
    cpuRatio: median(paired.cpuRatios, 2),
  };
}

/**
 * The garbage collector's pauses during each timed review: young-generation collections ("minor")
 * and the others. A review's objects die with their file, so its collections are many and short;
 * a sudden rise in the minor figure means something keeps dead syntax trees alive (bench/RESULTS.md).
 */
export interface GcFigures {
  minorMsPerRun: number[];
  medianMinorMs: number;
  medianMinorCount: number;
  medianOtherMs: number;
}

async function observeCollections<T>(work: () => Promise<T>): Promise<{ value: T; entries: PerformanceEntry[] }> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const value = await work();
  // Entries are delivered after the collection, on a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { value, entries };
}

function gcFigures(entries: PerformanceEntry[], runs: [number, number][]): GcFigures {
  const perRun = runs.map(([start, end]) => {
    const within = entries.filter((entry) => entry.startTime >= start && entry.startTime < end);
    const minor = within.filter((entry) => (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === MINOR);
    const sum = (list: PerformanceEntry[]) => round(list.reduce((total, entry) => total + entry.duration, 0));
    return { minorMs: sum(minor), minorCount: minor.length, otherMs: sum(within.filter((entry) => !minor.includes(entry))) };
  });
  return {
    minorMsPerRun: perRun.map((run) => run.minorMs),
    medianMinorMs: median(perRun.map((run) => run.minorMs)),
    medianMinorCount: median(perRun.map((run) => run.minorCount)),
    medianOtherMs: median(perRun.map((run) => run.otherMs)),
  };
}

/** A young-generation collection (a scavenge). */
const MINOR = constants.NODE_PERFORMANCE_GC_MINOR;
