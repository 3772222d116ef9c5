/**
 * The specification's 39 checklist items with the contract's stable ids. The text is shown
 * verbatim in the summary; `manual` says what a person should look at when no rule decides it.
 */
export type Severity = 'critical' | 'moderate' | 'minor';

export const SEVERITIES: readonly Severity[] = ['critical', 'moderate', 'minor'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export interface ChecklistItem {
  id: string;
  section: string;
  text: string;
  severity: Severity;
  manual: string;
}

export const CHECKLIST = [
  { id: 'db.n-plus-one', section: 'Database Queries', text: 'No N+1 queries (use joins or batch loading)', severity: 'critical', manual: 'queries issued once per row of an earlier result' },
  { id: 'db.select-columns', section: 'Database Queries', text: 'SELECT only required columns (no SELECT *)', severity: 'moderate', manual: 'queries that read every column' },
  { id: 'db.indexes', section: 'Database Queries', text: 'Appropriate indexes exist for WHERE clauses', severity: 'minor', manual: 'an index for each new WHERE or ORDER BY column' },
  { id: 'db.limit', section: 'Database Queries', text: 'LIMIT used on list queries', severity: 'moderate', manual: 'list queries without a LIMIT' },
  { id: 'db.prepared', section: 'Database Queries', text: 'Prepared statements for repeated queries', severity: 'moderate', manual: 'SQL text built from values instead of parameters' },
  { id: 'db.bulk', section: 'Database Queries', text: 'Bulk operations use batch inserts/updates', severity: 'critical', manual: 'inserts or updates issued one row at a time' },
  { id: 'db.count', section: 'Database Queries', text: 'COUNT queries are optimized (use estimates if acceptable)', severity: 'minor', manual: 'exact counts of large tables on hot paths' },
  { id: 'pool.pg-size', section: 'Connection Pooling', text: 'PostgreSQL pool configured with appropriate size', severity: 'moderate', manual: 'the `max` of each PostgreSQL pool against the server\'s connection limit' },
  { id: 'pool.redis-reuse', section: 'Connection Pooling', text: 'Redis connection reused (not created per request)', severity: 'critical', manual: 'Redis clients created per request or per job' },
  { id: 'pool.smtp', section: 'Connection Pooling', text: 'SMTP connection pool configured', severity: 'moderate', manual: 'SMTP transports created without `pool: true`' },
  { id: 'pool.exhaustion', section: 'Connection Pooling', text: 'Pool exhaustion handled gracefully', severity: 'moderate', manual: 'clients checked out of a pool and released in `finally`' },
  { id: 'pool.timeouts', section: 'Connection Pooling', text: 'Connection timeouts configured', severity: 'minor', manual: 'connection and idle timeouts on each pool' },
  { id: 'mem.stream', section: 'Memory Management', text: 'Large data sets streamed, not loaded entirely', severity: 'moderate', manual: 'exports and imports that load whole result sets or files' },
  { id: 'mem.listeners', section: 'Memory Management', text: 'Event listeners removed when done', severity: 'critical', manual: 'listeners and intervals added per request or job' },
  { id: 'mem.closures', section: 'Memory Management', text: "Closures don't capture unnecessary variables", severity: 'minor', manual: 'long-lived callbacks that capture request-sized objects' },
  { id: 'mem.buffers', section: 'Memory Management', text: 'Buffers released after use', severity: 'minor', manual: 'buffers accumulated without a bound' },
  { id: 'mem.growing', section: 'Memory Management', text: 'No growing arrays in long-running processes', severity: 'critical', manual: 'module-level collections that only grow' },
  { id: 'async.blocking', section: 'Async Patterns', text: 'No blocking operations in event loop', severity: 'critical', manual: 'synchronous I/O or CPU-heavy work on request paths' },
  { id: 'async.offload', section: 'Async Patterns', text: 'Heavy computation offloaded to workers', severity: 'moderate', manual: 'CPU-heavy work done inside request handlers' },
  { id: 'async.parallel', section: 'Async Patterns', text: 'Promise.all for parallel independent operations', severity: 'moderate', manual: 'independent awaits run one after another' },
  { id: 'async.errors', section: 'Async Patterns', text: 'Proper error handling in async code', severity: 'moderate', manual: 'promise chains and async callbacks without error handling' },
  { id: 'async.floating', section: 'Async Patterns', text: 'No floating promises (unhandled)', severity: 'critical', manual: 'promises neither awaited, returned nor caught' },
  { id: 'async.abort', section: 'Async Patterns', text: 'AbortSignal used for timeouts', severity: 'moderate', manual: 'outbound requests without a timeout or signal' },
  { id: 'cache.hot', section: 'Caching', text: 'Frequently accessed data cached in Redis', severity: 'moderate', manual: 'hot reads that could be cached' },
  { id: 'cache.invalidation', section: 'Caching', text: 'Cache invalidation strategy defined', severity: 'minor', manual: 'writes to cached data without invalidation' },
  { id: 'cache.ttl', section: 'Caching', text: 'TTL set appropriately', severity: 'moderate', manual: 'cache writes without an expiry' },
  { id: 'cache.tenant-key', section: 'Caching', text: 'Cache keys include tenant context', severity: 'moderate', manual: 'cache keys without the tenant id' },
  { id: 'batch.bulk-send', section: 'Batch Processing', text: 'Bulk email sends batched efficiently', severity: 'critical', manual: 'emails or jobs sent one recipient at a time' },
  { id: 'batch.db-chunk', section: 'Batch Processing', text: 'Database operations batched (1000 records max)', severity: 'minor', manual: 'bulk writes of unbounded size' },
  { id: 'batch.concurrency', section: 'Batch Processing', text: 'Worker concurrency configured appropriately', severity: 'moderate', manual: 'the `concurrency` of each BullMQ worker' },
  { id: 'batch.backpressure', section: 'Batch Processing', text: 'Backpressure handling for queues', severity: 'moderate', manual: 'producers that enqueue without waiting' },
  { id: 'api.pagination', section: 'API Performance', text: 'Pagination on all list endpoints', severity: 'moderate', manual: 'list endpoints without a limit or cursor' },
  { id: 'api.size-limit', section: 'API Performance', text: 'Response size limits enforced', severity: 'minor', manual: 'body and response size limits of each server' },
  { id: 'api.compression', section: 'API Performance', text: 'Compression enabled for large responses', severity: 'minor', manual: 'compression where each server is created' },
  { id: 'api.accepted', section: 'API Performance', text: 'Heavy operations return 202 Accepted', severity: 'moderate', manual: 'long operations done before the response' },
  { id: 'worker.timing', section: 'Worker Performance', text: 'Job processing time tracked', severity: 'minor', manual: 'duration metrics for each job processor' },
  { id: 'worker.circuit-breaker', section: 'Worker Performance', text: 'Circuit breaker for external services', severity: 'minor', manual: 'a breaker around outbound calls in processors' },
  { id: 'worker.shutdown', section: 'Worker Performance', text: 'Graceful shutdown implemented', severity: 'moderate', manual: 'SIGTERM handlers that close workers and servers' },
  { id: 'worker.progress', section: 'Worker Performance', text: 'Job progress updates for long operations', severity: 'minor', manual: '`job.updateProgress` in long processors' },
] as const satisfies readonly ChecklistItem[];

export type ChecklistId = (typeof CHECKLIST)[number]['id'];

const byId = new Map<string, ChecklistItem>(CHECKLIST.map((item) => [item.id, item]));

export function checklistItem(id: string): ChecklistItem | undefined {
  return byId.get(id);
}
