import type { Rule } from '../engine/rule.js';
import noBlockingSyncCall from './no-blocking-sync-call.js';
import noBufferConcatInLoop from './no-buffer-concat-in-loop.js';
import noClientPerRequest from './no-client-per-request.js';
import noDuplicateRead from './no-duplicate-read.js';
import noFloatingPromise from './no-floating-promise.js';
import noHeavySyncInHandler from './no-heavy-sync-in-handler.js';
import noListenerLeak from './no-listener-leak.js';
import noLongLivedClosureCapture from './no-long-lived-closure-capture.js';
import noQueryInLoop from './no-query-in-loop.js';
import noSelectStar from './no-select-star.js';
import noSendInLoop from './no-send-in-loop.js';
import noSqlInterpolation from './no-sql-interpolation.js';
import noUnboundedModuleCollection from './no-unbounded-module-collection.js';
import noWriteInLoop from './no-write-in-loop.js';
import prefer202Accepted from './prefer-202-accepted.js';
import preferCountQuery from './prefer-count-query.js';
import preferPromiseAll from './prefer-promise-all.js';
import preferStreaming from './prefer-streaming.js';
import requireBackpressure from './require-backpressure.js';
import requireBodyLimit from './require-body-limit.js';
import requireCacheInvalidation from './require-cache-invalidation.js';
import requireCacheTtl from './require-cache-ttl.js';
import requireCircuitBreaker from './require-circuit-breaker.js';
import requireCompression from './require-compression.js';
import requireGracefulShutdown from './require-graceful-shutdown.js';
import requireIndexForWhere from './require-index-for-where.js';
import requireInsertChunking from './require-insert-chunking.js';
import requireJobProgress from './require-job-progress.js';
import requireJobTiming from './require-job-timing.js';
import requireListPagination from './require-list-pagination.js';
import requirePoolMax from './require-pool-max.js';
import requirePoolRelease from './require-pool-release.js';
import requirePoolTimeouts from './require-pool-timeouts.js';
import requireQueryLimit from './require-query-limit.js';
import requireRejectionHandler from './require-rejection-handler.js';
import requireRequestTimeout from './require-request-timeout.js';
import requireSmtpPool from './require-smtp-pool.js';
import requireTenantCacheKey from './require-tenant-cache-key.js';
import requireWorkerConcurrency from './require-worker-concurrency.js';

/** Every rule, sorted by id. A meta-test keeps this list, the rule files, tests and docs in step. */
export const RULES: readonly Rule[] = [
  noBlockingSyncCall,
  noBufferConcatInLoop,
  noClientPerRequest,
  noDuplicateRead,
  noFloatingPromise,
  noHeavySyncInHandler,
  noListenerLeak,
  noLongLivedClosureCapture,
  noQueryInLoop,
  noSelectStar,
  noSendInLoop,
  noSqlInterpolation,
  noUnboundedModuleCollection,
  noWriteInLoop,
  prefer202Accepted,
  preferCountQuery,
  preferPromiseAll,
  preferStreaming,
  requireBackpressure,
  requireBodyLimit,
  requireCacheInvalidation,
  requireCacheTtl,
  requireCircuitBreaker,
  requireCompression,
  requireGracefulShutdown,
  requireIndexForWhere,
  requireInsertChunking,
  requireJobProgress,
  requireJobTiming,
  requireListPagination,
  requirePoolMax,
  requirePoolRelease,
  requirePoolTimeouts,
  requireQueryLimit,
  requireRejectionHandler,
  requireRequestTimeout,
  requireSmtpPool,
  requireTenantCacheKey,
  requireWorkerConcurrency,
];
