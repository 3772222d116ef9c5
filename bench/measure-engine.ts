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
): Promise<{ inThread: Timing; result: ReviewResult; withParents: Timing; withoutParents: Timing; ratio: number; cpuRatio: number }> {
  let result: ReviewResult | undefined;
  const paired = await timeInTurn(
    repeats,
    () => {
      result = review(inputs, { mode: 'all' });
    },
    parseAll(files, true),
  );
  const withoutParents = await timeRuns(repeats, parseAll(files, false));
  return { inThread: paired.a, result: result!, withParents: paired.b, withoutParents, ratio: median(paired.ratios), cpuRatio: median(paired.cpuRatios) };
}
