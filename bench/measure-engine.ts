import { ts } from 'ts-morph';
import { review, type ReviewResult, type SourceInput } from '../src/engine/index.js';
import { closeAnalysisPool, reviewOffThread } from '../src/engine/pool/review-off-thread.js';
import type { GeneratedFile } from './generate-repository.js';
import { round, timeRuns, type Timing } from './time-runs.js';

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

/**
 * The floor: TypeScript's parser alone on the same text, with parent pointers set as every AST
 * consumer needs them (perf-review, typescript-eslint). Without them the parser is a little faster;
 * both are reported.
 */
export async function timeParser(files: readonly GeneratedFile[], repeats: number): Promise<{ withParents: Timing; withoutParents: Timing }> {
  const parse = (setParents: boolean) => () => {
    for (const file of files) ts.createSourceFile(file.path, file.content, ts.ScriptTarget.Latest, setParents, ts.ScriptKind.TS);
  };
  const withParents = await timeRuns(repeats, parse(true));
  const withoutParents = await timeRuns(repeats, parse(false));
  return { withParents, withoutParents };
}
