import { defineRule } from '../engine/rule.js';
import type { LoopFact } from '../engine/facts/index.js';
import { itemName, perItemLoop } from './utils/loops.js';

/** A local helper that runs at most this many queries and no loop is "a query", for N+1 purposes. */
const MAX_HELPER_QUERIES = 3;

export default defineRule({
  id: 'no-query-in-loop',
  checklist: 'db.n-plus-one',
  severity: 'critical',
  docs: {
    description: 'Disallow database queries issued once per item of a loop or array callback (N+1).',
  },
  messages: {
    sequential:
      'Each `{{item}}` runs its own `{{verb}}` query (N+1): 100 items cost 101 round-trips, one after another. Load them in one query before the loop (`inArray(...)`, `WHERE id = ANY($1)` or a join) and group the rows in memory.',
    parallel:
      '`Promise.all` starts one `{{verb}}` query per `{{item}}` (N+1): 100 items take 100 round-trips and can empty the connection pool at once. Load them in one query (`inArray(...)`, `WHERE id = ANY($1)`) and group the rows in memory.',
    helper:
      '`{{name}}()` queries the database and runs once per `{{item}}` (N+1): 100 items cost 100 extra round-trips. Pass it the whole list and load the rows in one query.',
  },
  applies: (facts) => facts.queries.length > 0,
  check(facts, ctx) {
    for (const query of facts.queries) {
      // Writes per item are no-write-in-loop's (db.bulk): it knows ordered and per-group writes.
      if (query.shape.op === 'write') continue;
      const loop = perItemLoop(facts, query.loops, query.args);
      if (!loop) continue;
      const messageId = loop.parallel ? 'parallel' : 'sequential';
      ctx.report({
        node: query.node,
        messageId,
        data: { item: itemName(loop), verb: query.shape.verb },
        metric: metric(`${query.shape.verb} per ${itemName(loop)}`, facts.path, facts.line(query.node), loop),
      });
    }
    for (const call of facts.localCalls) {
      const queries = facts.queriesIn(call.target);
      if (queries.length === 0 || queries.length > MAX_HELPER_QUERIES) continue;
      // A helper that writes (a migration, an ordered update) is no N+1 read: writes are no-write-in-loop's.
      if (queries.some((q) => q.shape.op === 'write')) continue;
      if (facts.loops.some((l) => l.fn === call.target)) continue;
      const loop = perItemLoop(facts, call.loops, [...call.node.arguments]);
      if (!loop) continue;
      const name = call.target.name ?? 'helper';
      ctx.report({
        node: call.node,
        messageId: 'helper',
        data: { name, item: itemName(loop) },
        metric: metric(`${name}() per ${itemName(loop)}`, facts.path, facts.line(call.node), loop),
      });
    }
  },
});

function metric(operation: string, path: string, line: number, loop: LoopFact) {
  return {
    operation: `${operation} (${path}:${line})`,
    current: loop.parallel ? '1 + N round-trips (N at once)' : '1 + N round-trips',
    target: '2',
  };
}
