import * as ts from '../engine/compiler.js';
import { calleeName, calleeObject, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, LoopFact, QueryFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { itemName, perItemLoop } from './utils/loops.js';
import { sqlTextOf } from './utils/sql-text.js';

/** Verbs that already write many rows in one statement. */
const BATCH_VERBS = new Set(['createMany', 'createManyAndReturn', 'updateMany', 'updateManyAndReturn', 'deleteMany', 'batchInsert']);
const ARRAY_BUILDERS = new Set(['map', 'filter', 'flatMap', 'slice', 'concat', 'from']);
/** drizzle and Kysely verbs whose first argument is the table. */
const TABLE_VERBS = new Set(['insert', 'update', 'delete', 'insertInto', 'updateTable', 'deleteFrom']);

type Kind = 'insert' | 'update' | 'delete';

export default defineRule({
  id: 'no-write-in-loop',
  checklist: 'db.bulk',
  severity: 'critical',
  docs: {
    description: 'Disallow inserts, updates and deletes issued once per item of a loop instead of one batch statement.',
  },
  messages: {
    insert:
      'Each `{{item}}` is inserted by its own `{{verb}}`: 1,000 items cost 1,000 round-trips and 1,000 commits (about 1–2 s instead of 20 ms), and a worker at 50 emails/s spends its time waiting on the database. Build the rows first and insert them in one statement per chunk of at most 1,000: `db.insert(t).values(rows)`, `createMany({ data: rows })`, `INSERT … SELECT * FROM unnest($1::uuid[], …)`.',
    update:
      'Each `{{item}}` is updated by its own `{{verb}}`: 1,000 items cost 1,000 round-trips (about 1–2 s instead of 20 ms){{tx}}. Update them in one statement: group items that get the same values and use `inArray(t.id, ids)` / `updateMany({ where: { id: { in: ids } } })`, or `UPDATE … FROM (VALUES …)` / `unnest($1, $2)` when each row gets its own values.',
    delete:
      'Each `{{item}}` is deleted by its own `{{verb}}`: 1,000 items cost 1,000 round-trips{{tx}}. Delete them in one statement per chunk of at most 1,000: `db.delete(t).where(inArray(t.id, ids))`, `deleteMany({ where: { id: { in: ids } } })`, `DELETE … WHERE id = ANY($1)`.',
  },
  overrides: ['no-query-in-loop'],
  applies: (facts) => facts.queries.some((q) => q.shape.op === 'write'),
  check(facts, ctx) {
    for (const query of facts.queries) {
      if (query.shape.op !== 'write' || BATCH_VERBS.has(query.shape.verb)) continue;
      const loop = perItemLoop(facts, query.loops, query.args);
      if (!loop || overObjectKeys(loop) || writesGroup(facts, query, loop) || tablePerItem(facts, query, loop)) continue;
      const kind = kindOf(query);
      if (!kind) continue;
      ctx.report({
        node: query.node,
        messageId: kind,
        data: { item: itemName(loop), verb: verbOf(query), tx: inTransaction(query) ? ', each holding the transaction\'s locks a little longer' : '' },
        metric: {
          operation: `${query.shape.verb} per ${itemName(loop)} (${facts.path}:${facts.line(query.node)})`,
          current: loop.parallel ? 'N statements at once' : 'N statements',
          target: '1 per 1,000 rows',
        },
      });
    }
  },
});

/** The method that writes, for messages: knex names the table first (`knex('t').insert(…)`). */
function verbOf(query: QueryFact): string {
  if (query.shape.library !== 'knex') return query.shape.verb;
  return query.chain?.links.find((l) => /^(insert|upsert|update|del|delete)$/.test(l.name))?.name ?? query.shape.verb;
}

function kindOf(query: QueryFact): Kind | undefined {
  const verb = query.shape.verb;
  if (/^(insert|insertInto|create|replaceInto)$/.test(verb) || verb === 'upsert') return 'insert';
  if (/^(update|updateTable|mergeInto)$/.test(verb)) return 'update';
  if (/^(delete|deleteFrom|del)$/.test(verb)) return 'delete';
  const sql = query.shape.sql ?? sqlTextOf(query.shape.sqlNode);
  if (sql) {
    const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge)\b/i.exec(sql)?.[1]?.toLowerCase();
    return word === 'merge' ? 'update' : (word as Kind | undefined);
  }
  // knex: the verb is the first link (`knex('t')`); the write is further down the chain.
  const names = query.chain?.links.map((l) => l.name) ?? [];
  if (names.includes('insert') || names.includes('upsert')) return 'insert';
  if (names.includes('update')) return 'update';
  if (names.includes('del') || names.includes('delete')) return 'delete';
  return undefined;
}

/**
 * A write per group rather than per row: `inArray(t.id, ids)`, `{ in: ids }`, `= ANY($1)` over a
 * list the item holds, or `values(rows)` with an array the loop body built. One statement per
 * group (per status, per tenant) is the batching this rule asks for.
 */
function writesGroup(facts: FileFacts, query: QueryFact, loop: LoopFact): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && (calleeName(node) === 'inArray' || calleeName(node) === 'whereIn') && node.arguments[1] && facts.dependsOnIteration(node.arguments[1], loop)) found = true;
    if (ts.isPropertyAssignment(node) && node.name.getText() === 'in' && !ts.isArrayLiteralExpression(unwrap(node.initializer)) && facts.dependsOnIteration(node.initializer, loop)) found = true;
    ts.forEachChild(node, visit);
  };
  query.args.forEach(visit);
  if (found) return true;
  const sql = query.shape.sql ?? '';
  if (/=\s*any\s*\(|\bunnest\s*\(/i.test(sql)) return true;
  const links = query.chain?.links ?? [];
  // drizzle and Kysely take rows in `values(…)`; knex in `insert(…)` (drizzle's `insert(t)` takes the table).
  const values = (links.find((l) => l.name === 'values') ?? (query.shape.library === 'knex' ? links.find((l) => l.name === 'insert') : undefined))?.call.arguments[0];
  return !!values && isArrayValue(unwrap(values), loop);
}

function isArrayValue(expr: ts.Expression, loop: LoopFact): boolean {
  if (ts.isArrayLiteralExpression(expr)) return expr.elements.length > 1 || expr.elements.some((e) => ts.isSpreadElement(e));
  if (ts.isCallExpression(expr)) return ARRAY_BUILDERS.has(calleeName(expr) ?? '');
  if (!ts.isIdentifier(expr)) return false;
  // `const rows = item.recipients.map(…)` declared in the loop body.
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === expr.text && node.initializer) {
      const init = unwrap(node.initializer);
      found = ts.isArrayLiteralExpression(init) || (ts.isCallExpression(init) && ARRAY_BUILDERS.has(calleeName(init) ?? ''));
    }
    ts.forEachChild(node, visit);
  };
  visit(loop.body);
  return found;
}

/**
 * `for (const [key, value] of Object.entries(settings))`: the keys of an object are a handful of
 * settings, or groups that each get one statement, rarely rows.
 */
function overObjectKeys(loop: LoopFact): boolean {
  const node = loop.node;
  const iterated = ts.isForOfStatement(node) ? node.expression : ts.isCallExpression(node) ? calleeObject(node) : undefined;
  const inner = iterated && unwrap(iterated);
  return !!inner && ts.isCallExpression(inner) && /^Object\.(entries|keys|values)$/.test(unwrap(inner.expression).getText());
}

/** `for (const table of RETENTION_TABLES) await db.delete(table)…`: one statement per table cannot be merged. */
function tablePerItem(facts: FileFacts, query: QueryFact, loop: LoopFact): boolean {
  const first = query.chain?.links[0];
  if (!first || !first.call.arguments[0]) return false;
  const { library } = query.shape;
  const takesTable = ((library === 'drizzle' || library === 'kysely') && TABLE_VERBS.has(first.name)) || (library === 'knex' && ts.isIdentifier(unwrap(first.call.expression)));
  return takesTable && facts.dependsOnIteration(first.call.arguments[0], loop);
}

function inTransaction(query: QueryFact): boolean {
  for (let fn = query.fn; fn; fn = fn.parent) if (fn.kinds.has('transaction')) return true;
  return false;
}
