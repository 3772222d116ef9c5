import * as ts from '../../engine/compiler.js';
import { calleeName, memberName, propertyOf, semanticParent, stringText, unwrap } from '../../engine/facts/ast.js';
import type { FileFacts, QueryFact } from '../../engine/facts/index.js';
import { readSql, sqlTextOf } from './sql-text.js';

/**
 * What a read query returns: a list of every matching row, a page, one row, or an aggregate.
 * Shared by the rules about limits, pagination and counts, so they agree on what a list is.
 */

/** Links that bound a read to a page or a row. */
const BOUNDING_LINKS = new Set(['limit', 'take', 'top', 'fetch', 'first', 'paginate', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'get', 'single']);
/** Links after which rows are streamed, or the builder is handed on (and may be bounded there). */
const HANDED_ON_LINKS = new Set(['cursor', 'stream', 'iterate', 'iterator', '$dynamic', 'prepare', 'toSQL', 'getSQL', 'as', 'toString', 'compile', 'modify']);
const AGGREGATE_LINKS = new Set(['groupBy', 'count', 'countDistinct', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'min', 'max', 'having']);
const AGGREGATE_CALL = /\b(count|countDistinct|countAll|sum|avg|min|max)\s*(<[^>]*>)?\s*\(|\bfn\.|sql(<[^>]*>)?`[^`]*\b(count|sum|avg|min|max)\s*\(/i;
const KNEX_LIST_STARTS = new Set(['select', 'from', 'distinct', 'column', 'columns', 'pluck', 'table']);
const DRIZZLE_SELECTS = new Set(['select', 'selectDistinct', 'selectDistinctOn']);

/** `unique(table, column)`: whether the schema says one row per value (primary key, unique). */
export type UniqueColumn = (table: ts.Expression, column: string) => boolean;

export interface ListRead {
  query: QueryFact;
  /** The table read, as written (`emails`, `'emails'`), for messages. */
  table: string;
  /** How to bound it in this library, for messages. */
  bound: string;
}

/**
 * A read that returns every matching row: no limit, not a lookup by key or unique column, not
 * an aggregate, not a batch load by a list of keys the caller holds (`inArray(t.emailId, ids)`),
 * not streamed, and run where it stands (a builder stored or handed to a helper may be bounded
 * there).
 */
export function unboundedList(facts: FileFacts, query: QueryFact, unique: UniqueColumn = () => false): ListRead | undefined {
  if (query.shape.op !== 'read' || !runsHere(facts, query)) return undefined;
  const read = classify(query, unique);
  if (!read) return undefined;
  if (resultUse(facts, query).use === 'single') return undefined;
  return { query, ...read };
}

function classify(query: QueryFact, unique: UniqueColumn): Omit<ListRead, 'query'> | undefined {
  const { shape, chain } = query;
  const names = chain?.links.map((l) => l.name) ?? [];
  // `q.then(…)` is recorded twice, as `q` and as the whole call: `q` is the query.
  if (names.some((n) => HANDED_ON_LINKS.has(n) || BOUNDING_LINKS.has(n) || n === 'then' || n === 'catch' || n === 'finally')) return undefined;
  const sql = shape.sql ?? sqlTextOf(shape.sqlNode) ?? (names[0] === 'raw' ? sqlTextOf(chain?.links[0]?.call.arguments[0]) : undefined);
  if (sql !== undefined || shape.sqlNode || names[0] === 'raw') {
    const read = sql === undefined ? undefined : readSql(sql);
    if (!read || read.limited || read.aggregate || read.byKey || read.byList) return undefined;
    return { table: read.table ?? 'the table', bound: '`LIMIT $n` (and a cursor: `WHERE id > $m ORDER BY id`)' };
  }
  if (!chain) return undefined;
  const first = chain.links[0]!;
  if (names.some((n) => AGGREGATE_LINKS.has(n))) return undefined;

  if (shape.library === 'drizzle' && DRIZZLE_SELECTS.has(first.name)) {
    const from = chain.links.find((l) => l.name === 'from');
    if (!from || isAggregateSelect(first.call.arguments[0])) return undefined;
    if (!whereIsUnbounded(chain.links.filter((l) => l.name === 'where').map((l) => l.call.arguments[0]), unique)) return undefined;
    return { table: textOf(from.call.arguments[0]), bound: '`.limit(n)` (and a cursor: `gt(t.id, cursor)`)' };
  }
  if (shape.library === 'drizzle' && shape.verb === 'findMany') {
    const options = optionsOf(first.call);
    if (options === 'opaque' || (options && (hasKey(options, 'limit') || !objectWhereIsUnbounded(options, unique)))) return undefined;
    return { table: chain.path[1] ?? 'the table', bound: '`limit: n` (and a cursor in `where`)' };
  }
  if (shape.library === 'prisma' && shape.verb === 'findMany') {
    const options = optionsOf(chain.links[chain.links.length - 1]!.call);
    if (options === 'opaque' || (options && (hasKey(options, 'take') || !prismaWhereIsUnbounded(options)))) return undefined;
    return { table: chain.path[0] ?? 'the model', bound: '`take: n` (and `cursor: { id }, skip: 1`)' };
  }
  if (shape.library === 'kysely' && shape.verb === 'selectFrom') {
    const select = chain.links.find((l) => l.name === 'select');
    if (names[names.length - 1] !== 'execute' || (select && isAggregateSelect(select.call.arguments[0]))) return undefined;
    if (chain.links.some((l) => l.name === 'where' && kyselyByKey(l.call))) return undefined;
    return { table: textOf(first.call.arguments[0]), bound: '`.limit(n)`' };
  }
  if (shape.library === 'knex') {
    const startsAtTable = ts.isIdentifier(unwrap(first.call.expression)) || KNEX_LIST_STARTS.has(first.name);
    if (!startsAtTable || chain.links.some((l) => knexByKey(l))) return undefined;
    const table = ts.isIdentifier(unwrap(first.call.expression)) ? first.call.arguments[0] : chain.links.find((l) => l.name === 'from' || l.name === 'table')?.call.arguments[0];
    return { table: table ? textOf(table) : 'the table', bound: '`.limit(n)`' };
  }
  return undefined;
}

/** Whether the query runs where it stands: awaited, returned from an async function or handler, chained, or in `Promise.all`. */
export function runsHere(facts: FileFacts, query: QueryFact): boolean {
  const { usage, parent } = facts.usageOf(query.node as ts.Expression);
  if (usage === 'awaited' || usage === 'chained') return true;
  if (usage === 'returned') {
    const fn = query.fn;
    return !!fn && (fn.isAsync || fn.kinds.has('route-handler') || fn.kinds.has('job-processor'));
  }
  if (usage === 'argument' && parent && ts.isCallExpression(parent)) {
    const callee = unwrap(parent.expression);
    return ts.isPropertyAccessExpression(callee) && /^(all|allSettled)$/.test(callee.name.text) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise';
  }
  return false;
}

export type ResultUseKind = 'single' | 'length' | 'rows';

/**
 * What the code does with the rows: takes one (`const [row] = …`, `(await q)[0]`, `rows[0]`),
 * only counts them (`.length`, `rowCount`), or uses the list.
 */
export function resultUse(facts: FileFacts, query: QueryFact): { use: ResultUseKind; variable?: ts.Identifier } {
  let node: ts.Node = query.node;
  let parent = semanticParent(node);
  if (parent && ts.isAwaitExpression(parent)) {
    node = parent;
    parent = semanticParent(parent);
  }
  if (parent && ts.isPropertyAccessExpression(parent) && parent.name.text === 'then') return { use: thenUse(parent) };
  // pg: `(await pool.query(…)).rows`
  if (parent && ts.isPropertyAccessExpression(parent) && parent.name.text === 'rows') {
    node = parent;
    parent = semanticParent(parent);
  }
  if (parent && (ts.isElementAccessExpression(parent) || ts.isPropertyAccessExpression(parent))) return { use: accessUse(parent) };
  if (parent && ts.isVariableDeclaration(parent)) {
    const name = parent.name;
    if (ts.isArrayBindingPattern(name)) return { use: name.elements.some((e) => ts.isBindingElement(e) && e.dotDotDotToken) ? 'rows' : 'single' };
    if (ts.isObjectBindingPattern(name)) {
      const rows = name.elements.find((e) => (e.propertyName ?? e.name).getText() === 'rows');
      if (rows && ts.isArrayBindingPattern(rows.name)) return { use: 'single' };
      if (rows && ts.isIdentifier(rows.name)) return variableUse(facts, query, rows.name);
      return { use: 'rows' };
    }
    return variableUse(facts, query, name);
  }
  return { use: 'rows' };
}

function variableUse(facts: FileFacts, query: QueryFact, name: ts.Identifier): { use: ResultUseKind; variable: ts.Identifier } {
  const scope = query.fn?.node ?? facts.source;
  const uses: ResultUseKind[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node !== name && node.text === name.text) {
      const parent = node.parent;
      const isName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isName) uses.push(ts.isElementAccessExpression(parent) || ts.isPropertyAccessExpression(parent) ? accessUse(parent) : 'rows');
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  const use: ResultUseKind = uses.length === 0 || uses.includes('rows') ? 'rows' : uses.includes('single') ? 'single' : 'length';
  return { use, variable: name };
}

/** `x[0]`, `x.at(0)` take one row; `x.length`, `x.rowCount` count them; anything else uses the list. */
function accessUse(access: ts.ElementAccessExpression | ts.PropertyAccessExpression): ResultUseKind {
  if (ts.isElementAccessExpression(access)) {
    const index = unwrap(access.argumentExpression);
    return ts.isNumericLiteral(index) ? 'single' : 'rows';
  }
  const name = access.name.text;
  if (name === 'length' || name === 'rowCount') return 'length';
  const call = semanticParent(access);
  if (name === 'at' && call && ts.isCallExpression(call) && call.arguments.length === 1 && ts.isNumericLiteral(unwrap(call.arguments[0]!))) return 'single';
  if (name === 'rows') {
    const outer = semanticParent(access);
    if (outer && (ts.isElementAccessExpression(outer) || ts.isPropertyAccessExpression(outer)) && outer.expression === access) return accessUse(outer);
  }
  return 'rows';
}

/** `.then((rows) => rows[0])` keeps one row. */
function thenUse(access: ts.PropertyAccessExpression): ResultUseKind {
  const call = semanticParent(access);
  const callback = call && ts.isCallExpression(call) ? call.arguments[0] && unwrap(call.arguments[0]) : undefined;
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return 'rows';
  // `.then(([row]) => row)`
  const param = callback.parameters[0];
  if (param && ts.isArrayBindingPattern(param.name) && !param.name.elements.some((e) => ts.isBindingElement(e) && e.dotDotDotToken)) return 'single';
  if (ts.isBlock(callback.body)) return 'rows';
  const body = unwrap(callback.body);
  return ts.isElementAccessExpression(body) || ts.isPropertyAccessExpression(body) ? accessUse(body) : 'rows';
}

// ---- where clauses ------------------------------------------------------------------------------

/** The conjuncts of a drizzle condition: `and(a, b, and(c))` → a, b, c. */
export function conjuncts(expr: ts.Expression | undefined): ts.Expression[] {
  if (!expr) return [];
  const inner = unwrap(expr);
  if (ts.isCallExpression(inner) && calleeName(inner) === 'and' && ts.isIdentifier(unwrap(inner.expression))) {
    return inner.arguments.flatMap((arg) => conjuncts(arg));
  }
  return [inner];
}

/** A drizzle comparison `op(table.column, …)`: its operator, table and column. */
export function comparison(expr: ts.Expression): { op: string; table: ts.Expression; column: string; value?: ts.Expression } | undefined {
  const inner = unwrap(expr);
  if (!ts.isCallExpression(inner) || !ts.isIdentifier(unwrap(inner.expression))) return undefined;
  const subject = inner.arguments[0] && unwrap(inner.arguments[0]);
  if (!subject || !ts.isPropertyAccessExpression(subject)) return undefined;
  return { op: (unwrap(inner.expression) as ts.Identifier).text, table: subject.expression, column: subject.name.text, value: inner.arguments[1] };
}

/** No conjunct pins a key or unique column, or takes a list of keys the caller holds. */
function whereIsUnbounded(conditions: (ts.Expression | undefined)[], unique: UniqueColumn): boolean {
  for (const condition of conditions) {
    for (const part of conjuncts(condition)) {
      const c = comparison(part);
      if (!c) continue;
      const key = c.column === 'id' || unique(c.table, c.column);
      if (c.op === 'eq' && key) return false;
      if (c.op === 'inArray' && (key || (c.value && !ts.isArrayLiteralExpression(unwrap(c.value))))) return false;
    }
  }
  return true;
}

function objectWhereIsUnbounded(options: ts.ObjectLiteralExpression, unique: UniqueColumn): boolean {
  const where = propertyOf(options, 'where');
  if (!where) return true;
  if (!ts.isPropertyAssignment(where)) return false;
  const value = unwrap(where.initializer);
  // `where: (t, { eq }) => eq(t.id, id)`
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return !ts.isBlock(value.body) && whereIsUnbounded([value.body], unique);
  return whereIsUnbounded([value], unique);
}

/** Prisma `where: { id }`, `where: { emailId: { in: ids } }`: one row, or a batch the caller sized. */
function prismaWhereIsUnbounded(options: ts.ObjectLiteralExpression): boolean {
  const where = propertyOf(options, 'where');
  if (!where) return true;
  if (!ts.isPropertyAssignment(where) && !ts.isShorthandPropertyAssignment(where)) return false;
  const value = ts.isPropertyAssignment(where) ? unwrap(where.initializer) : undefined;
  if (!value || !ts.isObjectLiteralExpression(value)) return false;
  for (const prop of value.properties) {
    const key = prop.name && ts.isIdentifier(prop.name) ? prop.name.text : undefined;
    if (key === 'id') return false;
    const inner = ts.isPropertyAssignment(prop) ? unwrap(prop.initializer) : undefined;
    const list = inner && ts.isObjectLiteralExpression(inner) ? propertyOf(inner, 'in') : undefined;
    if (list && !(ts.isPropertyAssignment(list) && ts.isArrayLiteralExpression(unwrap(list.initializer)))) return false;
  }
  return true;
}

function kyselyByKey(call: ts.CallExpression): boolean {
  const [column, op, value] = call.arguments;
  const name = column ? stringText(column) : undefined;
  const operator = op ? stringText(op) : undefined;
  if (!name) return false;
  if (/(^|\.)id$/.test(name) && (operator === '=' || operator === 'in')) return true;
  return operator === 'in' && !!value && !ts.isArrayLiteralExpression(unwrap(value));
}

function knexByKey(link: { name: string; call: ts.CallExpression }): boolean {
  const [first, second] = link.call.arguments;
  if (!first) return false;
  const inner = unwrap(first);
  if (link.name === 'where' && ts.isObjectLiteralExpression(inner)) return !!propertyOf(inner, 'id');
  const column = stringText(inner);
  if (!column) return false;
  if (link.name === 'where' && /(^|\.)id$/.test(column) && link.call.arguments.length <= 3) return true;
  return link.name === 'whereIn' && (/(^|\.)id$/.test(column) || (!!second && !ts.isArrayLiteralExpression(unwrap(second))));
}

// ---- small readings -----------------------------------------------------------------------------

function isAggregateSelect(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  return AGGREGATE_CALL.test(arg.getText());
}

/** The options object of a call: undefined when there is none, `opaque` when we cannot see its keys. */
export function optionsOf(call: ts.CallExpression): ts.ObjectLiteralExpression | 'opaque' | undefined {
  const arg = call.arguments[0];
  if (!arg) return undefined;
  const inner = unwrap(arg);
  if (!ts.isObjectLiteralExpression(inner) || inner.properties.some((p) => ts.isSpreadAssignment(p))) return 'opaque';
  return inner;
}

function hasKey(object: ts.ObjectLiteralExpression, key: string): boolean {
  return propertyOf(object, key) !== undefined;
}

function textOf(node: ts.Expression | undefined): string {
  if (!node) return 'the table';
  return stringText(node) ?? memberName(unwrap(node)) ?? unwrap(node).getText();
}
