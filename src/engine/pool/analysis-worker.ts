import { review } from '../index.js';
import type { EngineOptions, ReviewResult, SourceInput } from '../types.js';

export interface AnalysisTask {
  inputs: SourceInput[];
  options: EngineOptions;
}

/**
 * Runs in a pool thread. The result crosses back by structured clone, so it must stay plain data:
 * ReviewResult holds only strings, numbers, arrays and plain objects, never AST nodes.
 */
export default function analyse({ inputs, options }: AnalysisTask): ReviewResult {
  return review(inputs, options);
}
