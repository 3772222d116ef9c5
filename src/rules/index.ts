import type { Rule } from '../engine/rule.js';
import noQueryInLoop from './no-query-in-loop.js';
import requireBodyLimit from './require-body-limit.js';
import requireCircuitBreaker from './require-circuit-breaker.js';
import requireCompression from './require-compression.js';
import requireJobProgress from './require-job-progress.js';
import requireJobTiming from './require-job-timing.js';

/** Every rule, sorted by id. A meta-test keeps this list, the rule files, tests and docs in step. */
export const RULES: readonly Rule[] = [
  noQueryInLoop,
  requireBodyLimit,
  requireCircuitBreaker,
  requireCompression,
  requireJobProgress,
  requireJobTiming,
];
