import * as ts from '../../engine/compiler.js';
import { memberName, unwrap } from '../../engine/facts/ast.js';
import type { FileFacts, FunctionFact, QueryFact } from '../../engine/facts/index.js';
import { contains } from './lifetimes.js';

/**
 * Read queries that return every matching row at once: no `limit` / `take` / `LIMIT`, not a
 * one-row verb, not a cursor or stream. Their size is decided by the table, not by the code.
 */

const ONE_ROW = new Set([
  'findFirst', 'findUnique', 'findFirstOrThrow', 'findUniqueOrThrow', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'first',
]);
const BOUNDED_LINKS = new Set(['limit', 'take', 'paginate', 'stream', 'cursor', 'iterate', 'iterator', ...ONE_ROW]);

export function isUnboundedList(query: QueryFact): boolean {
  if (query.shape.op !== 'read' || ONE_ROW.has(query.shape.verb)) return false;
  if (query.chain?.links.some((link) => BOUNDED_LINKS.has(link.name))) return false;
  if (query.shape.sql !== undefined) return !/\blimit\b|\bfetch\s+(first|next)\b/i.test(query.shape.sql);
  // SQL we cannot read (built elsewhere) may well carry a limit.
  if (query.shape.sqlNode) return false;
  // `findMany({ take })` (Prisma), `db.query.emails.findMany({ limit })` (drizzle): the options say.
  if (query.shape.verb !== 'findMany') return true;
  const options = query.args[0] && unwrap(query.args[0]);
  if (!options) return true;
  // Options passed as a variable or spread may hold a `take`.
  if (!ts.isObjectLiteralExpression(options)) return false;
  return !options.properties.some((p) => ts.isSpreadAssignment(p) || (p.name && /^(take|limit)$/.test(p.name.getText())));
}

/**
 * Names inside `fn` bound to the rows of an unbounded read query: `const rows = await q`,
 * `const { rows } = await pool.query(…)` (pg), `const rows = (await q).rows`.
 */
export function unboundedResults(facts: FileFacts, fn: FunctionFact): Map<string, QueryFact> {
  return resultsIn(facts, fn, isUnboundedList);
}

/** Names inside `fn` bound to the rows of any read query that returns a list, bounded or not. */
export function listResults(facts: FileFacts, fn: FunctionFact): Map<string, QueryFact> {
  return resultsIn(facts, fn, (query) => query.shape.op === 'read' && !ONE_ROW.has(query.shape.verb) && !query.chain?.links.some((l) => ONE_ROW.has(l.name)));
}

function resultsIn(facts: FileFacts, fn: FunctionFact, keep: (query: QueryFact) => boolean): Map<string, QueryFact> {
  const found = new Map<string, QueryFact>();
  for (const query of facts.queries) {
    if (!contains(fn.node, query.node) || !keep(query)) continue;
    for (const name of namesBoundTo(query.node)) found.set(name, query);
  }
  return found;
}

/** The names a query's rows are bound to: `const rows = await q`, `const { rows } = await q` (pg), `(await q).rows`. */
export function namesBoundTo(node: ts.Node): string[] {
  let current: ts.Node = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return [];
    if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent)) {
      current = parent;
      continue;
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === current && memberName(parent) === 'rows') {
      current = parent;
      continue;
    }
    if (!ts.isVariableDeclaration(parent) || parent.initializer !== current) return [];
    if (ts.isIdentifier(parent.name)) return [parent.name.text];
    if (ts.isObjectBindingPattern(parent.name)) {
      // pg's result object: only its `rows` is the list.
      return parent.name.elements
        .filter((e) => ts.isIdentifier(e.name) && (e.propertyName ?? e.name).getText() === 'rows')
        .map((e) => (e.name as ts.Identifier).text);
    }
    // `const [first] = await q` takes one row.
    return [];
  }
}
