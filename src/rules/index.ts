import type { Rule } from '../engine/rule.js';
import noBlockingSyncCall from './no-blocking-sync-call.js';
import noClientPerRequest from './no-client-per-request.js';
import noQueryInLoop from './no-query-in-loop.js';
import noSelectStar from './no-select-star.js';
import requireBodyLimit from './require-body-limit.js';
import requireCircuitBreaker from './require-circuit-breaker.js';
import requireCompression from './require-compression.js';
import requireGracefulShutdown from './require-graceful-shutdown.js';
import requireJobProgress from './require-job-progress.js';
import requireJobTiming from './require-job-timing.js';
import requirePoolMax from './require-pool-max.js';
import requirePoolRelease from './require-pool-release.js';
import requirePoolTimeouts from './require-pool-timeouts.js';
import requireSmtpPool from './require-smtp-pool.js';
import requireWorkerConcurrency from './require-worker-concurrency.js';

/** Every rule, sorted by id. A meta-test keeps this list, the rule files, tests and docs in step. */
export const RULES: readonly Rule[] = [
  noBlockingSyncCall,
  noClientPerRequest,
  noQueryInLoop,
  noSelectStar,
  requireBodyLimit,
  requireCircuitBreaker,
  requireCompression,
  requireGracefulShutdown,
  requireJobProgress,
  requireJobTiming,
  requirePoolMax,
  requirePoolRelease,
  requirePoolTimeouts,
  requireSmtpPool,
  requireWorkerConcurrency,
];
