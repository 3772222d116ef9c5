import type { Rule } from '../engine/rule.js';
import noBlockingSyncCall from './no-blocking-sync-call.js';
import noQueryInLoop from './no-query-in-loop.js';
import noSelectStar from './no-select-star.js';
import requireBodyLimit from './require-body-limit.js';
import requireCircuitBreaker from './require-circuit-breaker.js';
import requireCompression from './require-compression.js';
import requireJobProgress from './require-job-progress.js';
import requireJobTiming from './require-job-timing.js';
import requireWorkerConcurrency from './require-worker-concurrency.js';

/** Every rule, sorted by id. A meta-test keeps this list, the rule files, tests and docs in step. */
export const RULES: readonly Rule[] = [
  noBlockingSyncCall,
  noQueryInLoop,
  noSelectStar,
  requireBodyLimit,
  requireCircuitBreaker,
  requireCompression,
  requireJobProgress,
  requireJobTiming,
  requireWorkerConcurrency,
];
