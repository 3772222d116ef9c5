import { defineRule } from '../engine/rule.js';
import { unboundedList } from './utils/db-reads.js';
import { schemaOf, schemaPartOf, SCHEMA_SOURCE } from './utils/drizzle-schema.js';
import { perItemLoop } from './utils/loops.js';

export default defineRule({
  id: 'require-query-limit',
  checklist: 'db.limit',
  severity: 'moderate',
  docs: {
    description: 'Require a limit (`.limit()`, `take`, `LIMIT`) on queries that return a list of rows.',
  },
  messages: {
    missing:
      'This `{{verb}}` on `{{table}}` has no limit: it returns every matching row, however many there are. At a million emails a day a tenant grows past a million rows within weeks, and one call then loads hundreds of MB and holds a connection for seconds. Bound it with {{bound}}; if you really need every row, read them in batches with a cursor or stream them.',
  },
  summarise: schemaPartOf,
  prepare: schemaOf,
  prepareFrom: SCHEMA_SOURCE,
  applies: (facts) => facts.queries.some((q) => q.shape.op === 'read'),
  check(facts, ctx) {
    const unique = ctx.project.uniqueIn(facts);
    for (const query of facts.queries) {
      // Start-up code (cache warm-ups, scripts) reads whole tables on purpose, once.
      if (facts.isStartup(query.fn)) continue;
      // A query per item of a loop is an N+1 (no-query-in-loop): its fix, one batch load, is not a limit.
      if (perItemLoop(facts, query.loops, query.args)) continue;
      const list = unboundedList(facts, query, unique);
      if (!list) continue;
      ctx.report({
        node: query.node,
        messageId: 'missing',
        data: { verb: query.shape.verb, table: list.table, bound: list.bound },
        metric: { operation: `${query.shape.verb} ${list.table} (${facts.path}:${facts.line(query.node)})`, current: 'every matching row', target: 'one page' },
      });
    }
  },
});

