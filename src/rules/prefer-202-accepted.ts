import * as ts from '../engine/compiler.js';
import type { FileFacts, FunctionFact, LoopFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { isInside } from './utils/functions.js';
import { handlerOf, iterableOf, largeCollectionOf, largeCollections, requestName, type LargeCollection } from './utils/handler-data.js';
import { itemName, perItemLoop } from './utils/loops.js';

/** A page of at most this many rows, with one request each, still answers in seconds. */
const MAX_PAGE = 100;
/** A local helper with at most this many queries and no loop is no-query-in-loop's `helper` finding. */
const MAX_HELPER_QUERIES = 3;

interface PerItemIo {
  call: ts.CallExpression;
  /** For messages: "an HTTP request (`fetch`)", "`deliver()`". */
  what: string;
}

export default defineRule({
  id: 'prefer-202-accepted',
  checklist: 'api.accepted',
  severity: 'moderate',
  docs: {
    description: 'Prefer a queued job and `202 Accepted` over request handlers that await outbound HTTP or async helpers once per row of an unbounded result or request-body array before answering.',
  },
  messages: {
    sequential:
      'This handler awaits {{what}} once per `{{item}}` of `{{collection}}` ({{origin}}) before it answers: 1,000 items at 100 ms each keep the client waiting 100 s, past the 60 s timeout of most proxies, and a client retry starts the whole loop again. Enqueue one job (`queue.add`, with the ids) and answer `202 Accepted` with the job id; let a worker run the loop and report progress.',
    parallel:
      '`Promise.all` starts {{what}} for every `{{item}}` of `{{collection}}` ({{origin}}) before the handler answers: 10,000 items open 10,000 requests at once and the response waits for the slowest. Enqueue one job (`queue.add`, with the ids) and answer `202 Accepted` with the job id; let a worker run the loop with bounded concurrency.',
  },
  applies: (facts) => facts.functions.some((f) => f.kinds.has('route-handler')),
  check(facts, ctx) {
    const byLoop = new Map<LoopFact, PerItemIo>();
    const collectionsOf = new Map<FunctionFact, Map<string, LargeCollection>>();
    for (const io of perItemIo(facts)) {
      const loop = perItemLoop(facts, facts.siteOf(io.call)?.loops ?? [], [...io.call.arguments]);
      const handler = handlerOf(loop?.fn);
      if (!loop || !handler || byLoop.has(loop)) continue;
      if (!collectionsOf.has(handler)) collectionsOf.set(handler, largeCollections(facts, handler, MAX_PAGE));
      const collection = largeCollectionOf(iterableOf(loop), collectionsOf.get(handler)!, requestName(handler));
      if (!collection) continue;
      byLoop.set(loop, io);
      ctx.report({
        node: loop.node,
        messageId: loop.parallel ? 'parallel' : 'sequential',
        data: { what: io.what, item: itemName(loop), collection: collection.name, origin: collection.origin },
        metric: {
          operation: `${io.what} per ${itemName(loop)} before the response (${facts.path}:${facts.line(loop.node)})`,
          current: loop.parallel ? 'N requests before answering' : 'N round-trips before answering',
          target: '202 Accepted, then a job',
        },
      });
    }
  },
});

/**
 * Awaited I/O that no per-item rule reports: outbound HTTP, and local async helpers that do
 * neither a few queries (no-query-in-loop) nor sends. Database reads and writes, `sendMail` and
 * queue adds per item are reported by their own rules (no-query-in-loop, no-write-in-loop,
 * no-send-in-loop) on their own lines, and fixing those (one batched query, `addBulk`) also
 * fixes the response time. Redis commands per item take well under a
 * millisecond each and are fixed by a pipeline, not by a queue.
 */
function perItemIo(facts: FileFacts): PerItemIo[] {
  const out: PerItemIo[] = [];
  const waited = (call: ts.CallExpression): boolean => ['awaited', 'returned'].includes(facts.usageOf(call).usage);
  for (const http of facts.httpCalls) {
    if (waited(http.node)) out.push({ call: http.node, what: `an HTTP request (\`${http.client}\`)` });
  }
  for (const local of facts.localCalls) {
    if (!local.target.isAsync || !waited(local.node) || isReportedElsewhere(facts, local.target)) continue;
    out.push({ call: local.node, what: `\`${local.target.name ?? 'helper'}()\`` });
  }
  return out.sort((a, b) => a.call.pos - b.call.pos);
}

function isReportedElsewhere(facts: FileFacts, target: FunctionFact): boolean {
  const queries = facts.queriesIn(target).length;
  if (queries > 0 && queries <= MAX_HELPER_QUERIES && !facts.loops.some((l) => l.fn === target)) return true;
  const within = (node: ts.Node): boolean => isInside(node, target);
  return facts.mailCalls.some((c) => within(c.node)) || facts.queueCalls.some((c) => within(c.node));
}
