import * as ts from '../engine/compiler.js';
import { calleeName, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, QueryFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { comparison, conjuncts } from './utils/db-reads.js';
import { schemaOf, schemaPartOf, SCHEMA_SOURCE, type Schema, type TableInfo } from './utils/drizzle-schema.js';

/** Comparisons a b-tree index on the column can serve. */
const INDEXABLE = new Set(['eq', 'inArray', 'gt', 'gte', 'lt', 'lte', 'between', 'isNull']);
/** Comparisons no plain index serves (`<>`, `NOT IN`, `LIKE '%x'`): they neither need nor provide one. */
const UNINDEXABLE = new Set(['ne', 'notInArray', 'isNotNull', 'like', 'ilike', 'notLike', 'notIlike', 'notBetween']);

/** How one condition can be served: by an index, by nothing we could add, or we cannot tell. */
type Verdict = { kind: 'indexed' } | { kind: 'neutral' } | { kind: 'unknown' } | { kind: 'missing'; node: ts.CallExpression; table: TableInfo; column: string };

export default defineRule({
  id: 'require-index-for-where',
  checklist: 'db.indexes',
  severity: 'minor',
  docs: {
    description: 'Require an index for the columns drizzle queries filter on, when the reviewed schema declares the table.',
  },
  messages: {
    missing:
      '`{{table}}.{{column}}` is filtered on here, but the schema in {{path}} declares no index that starts with it{{fk}}. Without one PostgreSQL reads the whole table for every such query: a few ms at 10,000 rows, seconds at 30 million. Add `index(\'{{sqlName}}\').on(t.{{column}})` to the table (or lead a composite index with it, `on(t.{{column}}, t.createdAt)`) and generate the migration.',
  },
  summarise: schemaPartOf,
  prepare: schemaOf,
  prepareFrom: SCHEMA_SOURCE,
  applies: (facts, schema) => candidatesOf(facts, schema).length > 0,
  check(facts, ctx) {
    const reported = new Set<string>();
    for (const { query, where } of candidatesOf(facts, ctx.project)) {
      if (facts.isStartup(query.fn)) continue;
      const missing = unindexed(facts, ctx.project, where);
      if (!missing) continue;
      // One comment per column and file: the fix is one index, wherever the column is filtered on.
      const key = `${missing.table.path}\0${missing.table.name}\0${missing.column}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const column = missing.table.columns.get(missing.column);
      ctx.report({
        node: missing.node,
        messageId: 'missing',
        data: {
          table: missing.table.name,
          column: missing.column,
          path: `\`${missing.table.path}\``,
          fk: column?.references ? ' (it references another table, and PostgreSQL does not index foreign keys by itself)' : '',
          sqlName: `${missing.table.name}_${missing.column}_idx`,
        },
      });
    }
  },
});

/**
 * The conditions of the file's queries that name a table of the reviewed schema, in order: only
 * those can lack an index we know of. Found once per file, for `applies` and `check` both.
 */
function candidatesOf(facts: FileFacts, schema: Schema): { query: QueryFact; where: ts.Expression }[] {
  const found = facts.memo(candidatesOf, () => ({ schema, candidates: findCandidates(facts, schema) }));
  // One review has one schema; a caller with another gets an answer for it.
  return found.schema === schema ? found.candidates : findCandidates(facts, schema);
}

function findCandidates(facts: FileFacts, schema: Schema): { query: QueryFact; where: ts.Expression }[] {
  const candidates: { query: QueryFact; where: ts.Expression }[] = [];
  if (facts.queries.length === 0) return candidates;
  // The comparisons that name a reviewed table, by position: a condition names one when one of them
  // lies within it. The facts list every call, so this reads each call once, not each condition's nodes.
  const naming = facts.calls.filter(({ node }) => {
    if (!ts.isCallExpression(node)) return false;
    const c = comparison(node);
    return !!c && !!schema.tableOf(facts, c.table);
  });
  if (naming.length === 0) return candidates;
  const namesReviewedTable = (where: ts.Expression): boolean => naming.some(({ node }) => node.pos >= where.pos && node.end <= where.end);
  for (const query of facts.queries) {
    for (const where of whereClauses(facts, query)) if (namesReviewedTable(where)) candidates.push({ query, where });
  }
  return candidates;
}

/** The conditions of a drizzle query: `.where(…)` links, and `where` of `db.query.t.findMany({...})`. */
function whereClauses(facts: FileFacts, query: QueryFact): ts.Expression[] {
  if (query.shape.library !== 'drizzle' || !query.chain) return [];
  const clauses: ts.Expression[] = [];
  for (const link of query.chain.links) {
    if (link.name === 'where' && link.call.arguments[0]) clauses.push(link.call.arguments[0]);
    if ((link.name === 'findMany' || link.name === 'findFirst') && link.call.arguments[0]) {
      const options = unwrap(link.call.arguments[0]);
      if (!ts.isObjectLiteralExpression(options)) continue;
      for (const prop of options.properties) {
        if (ts.isPropertyAssignment(prop) && facts.text(prop.name) === 'where') clauses.push(prop.initializer);
      }
    }
  }
  return clauses;
}

/**
 * The column to index when no condition of `where` can use an index. A query with one indexed
 * condition (`and(eq(t.appId, …), eq(t.status, …))` with `appId` indexed) is served by that index;
 * a condition we cannot read (`sql\`…\``, a helper, a table outside the review) might be, so it
 * silences the clause.
 */
function unindexed(facts: FileFacts, schema: Schema, where: ts.Expression): Extract<Verdict, { kind: 'missing' }> | undefined {
  const verdicts = conjuncts(where).map((c) => verdictOf(facts, schema, c));
  if (verdicts.some((v) => v.kind === 'indexed' || v.kind === 'unknown')) return undefined;
  return verdicts.find((v): v is Extract<Verdict, { kind: 'missing' }> => v.kind === 'missing');
}

function verdictOf(facts: FileFacts, schema: Schema, condition: ts.Expression): Verdict {
  const inner = unwrap(condition);
  // `or(a, b)` can use indexes only when every branch can (a BitmapOr).
  if (ts.isCallExpression(inner) && ts.isIdentifier(unwrap(inner.expression)) && calleeName(inner) === 'or') {
    const branches = inner.arguments.map((arg) => {
      const parts = conjuncts(arg).map((c) => verdictOf(facts, schema, c));
      if (parts.some((p) => p.kind === 'indexed')) return { kind: 'indexed' } as Verdict;
      return parts.find((p) => p.kind === 'unknown') ?? parts.find((p) => p.kind === 'missing') ?? ({ kind: 'neutral' } as Verdict);
    });
    if (branches.some((b) => b.kind === 'unknown')) return { kind: 'unknown' };
    return branches.find((b) => b.kind === 'missing') ?? (branches.every((b) => b.kind === 'indexed') ? { kind: 'indexed' } : { kind: 'neutral' });
  }
  const c = comparison(inner);
  if (!c || !ts.isCallExpression(inner)) return { kind: 'unknown' };
  const table = schema.tableOf(facts, c.table);
  if (!table || !table.complete) return { kind: 'unknown' };
  const column = table.columns.get(c.column);
  if (!column) return { kind: 'unknown' };
  if (UNINDEXABLE.has(c.op)) return { kind: 'neutral' };
  if (!INDEXABLE.has(c.op)) return { kind: 'unknown' };
  return column.indexed ? { kind: 'indexed' } : { kind: 'missing', node: inner, table, column: c.column };
}

