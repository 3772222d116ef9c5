import * as ts from '../engine/compiler.js';
import { propertyOf, stringText, unwrap } from '../engine/facts/ast.js';
import type { QueryFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { resultUse, runsHere, unboundedList } from './utils/db-reads.js';
import { readSql, sqlTextOf } from './utils/sql-text.js';
import { schemaOf, schemaPartOf, SCHEMA_SOURCE } from './utils/drizzle-schema.js';

/** One-off processes (scripts, migrations, seeds): a slow count there costs nobody a request. */
const SCRIPT_PATH = /(^|\/)(scripts?|bin|migrations|seeds?)\//;

export default defineRule({
  id: 'prefer-count-query',
  checklist: 'db.count',
  severity: 'minor',
  docs: {
    description: 'Prefer a count in the database to fetching rows for their `.length`, and an estimate to an exact count of a whole table on hot paths.',
  },
  messages: {
    length:
      'Every matching row of `{{table}}` is fetched only to take its `.length`: 50,000 rows move megabytes from PostgreSQL and into memory to produce one number. Count in the database (`db.$count(t, where)`, `select({ n: count() })`, Prisma `count({ where })`, `SELECT count(*)`), or for an existence check read one row (`.limit(1)`, `SELECT EXISTS (…)`).',
    wholeTable:
      'An exact count of the whole `{{table}}` table runs on every call: PostgreSQL has no stored row count, so it scans every row (seconds at 30 million emails). Use the planner\'s estimate (`SELECT reltuples::bigint FROM pg_class WHERE relname = \'{{table}}\'`), a counter kept in Redis, or count only the tenant\'s rows (`where appId = …`, with an index).',
  },
  overrides: ['require-query-limit'],
  summarise: schemaPartOf,
  prepare: schemaOf,
  prepareFrom: SCHEMA_SOURCE,
  applies: (facts) => facts.queries.some((q) => q.shape.op === 'read' || q.shape.op === 'count'),
  check(facts, ctx) {
    const unique = ctx.project.uniqueIn(facts);
    for (const query of facts.queries) {
      if (query.shape.op === 'read') {
        const list = unboundedList(facts, query, unique);
        if (list && resultUse(facts, query).use === 'length') {
          ctx.report({ node: query.node, messageId: 'length', data: { table: list.table } });
        }
      } else if (query.shape.op === 'count' && facts.isHot(query.fn) && !SCRIPT_PATH.test(facts.path) && runsHere(facts, query)) {
        const table = wholeTableCount(query);
        if (table) ctx.report({ node: query.node, messageId: 'wholeTable', data: { table } });
      }
    }
  },
});

/** The table an exact count without a filter or grouping reads in full, if that is what `query` is. */
function wholeTableCount(query: QueryFact): string | undefined {
  const { shape, chain } = query;
  const sql = shape.sql ?? sqlTextOf(shape.sqlNode);
  if (sql !== undefined) {
    const read = readSql(sql);
    return read && !read.hasWhere && !/\bgroup\s+by\b/i.test(sql) && /^\s*select\s+count\s*\(/i.test(sql) ? read.table : undefined;
  }
  if (!chain) return undefined;
  const names = chain.links.map((l) => l.name);
  if (names.some((n) => /^(where|orWhere|whereIn|whereRaw|groupBy|having|innerJoin|join|limit|then|catch|finally)$/.test(n))) return undefined;
  const first = chain.links[0]!;
  if (shape.library === 'drizzle' && shape.verb === '$count') {
    return first.call.arguments.length === 1 ? tableText(first.call.arguments[0]) : undefined;
  }
  if (shape.library === 'drizzle') return tableText(chain.links.find((l) => l.name === 'from')?.call.arguments[0]);
  if (shape.library === 'prisma' && shape.verb === 'count') {
    const options = first.call.arguments[0] && unwrap(first.call.arguments[0]);
    if (options && (!ts.isObjectLiteralExpression(options) || propertyOf(options, 'where') || options.properties.some((p) => ts.isSpreadAssignment(p)))) return undefined;
    return chain.path[0];
  }
  if (shape.library === 'knex' && ts.isIdentifier(unwrap(first.call.expression))) return tableText(first.call.arguments[0]);
  if (shape.library === 'kysely') return tableText(first.call.arguments[0]);
  return undefined;
}

function tableText(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  return stringText(inner) ?? (ts.isPropertyAccessExpression(inner) ? inner.name.text : inner.getText());
}
