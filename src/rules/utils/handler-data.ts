import * as ts from '../../engine/compiler.js';
import { boundNames, calleeName, calleeObject, memberName, unwrap } from '../../engine/facts/ast.js';
import type { FileFacts, FunctionFact, LoopFact, QueryFact } from '../../engine/facts/index.js';
import { isInside } from './functions.js';
import { namesBoundTo } from './query-results.js';

/**
 * The collections of a request handler whose size the client or the table decides, not the code:
 * rows of a read query without a small `limit`, and arrays from the request body. Loops over
 * these are what make a handler slow; loops over literals and bounded pages are not.
 */
export interface LargeCollection {
  name: string;
  /** For messages: "rows of `select`", "the request body". */
  origin: string;
}

/** The route handler a function belongs to: itself or the handler it is nested in. */
export function handlerOf(fn: FunctionFact | undefined): FunctionFact | undefined {
  for (let current = fn; current; current = current.parent) {
    if (current.kinds.has('route-handler')) return current;
  }
  return undefined;
}

/** Verbs and chain links that return one row, not a list. */
const SINGLE_ROW = new Set([
  'findFirst', 'findUnique', 'findFirstOrThrow', 'findUniqueOrThrow', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'first',
]);
/** Array methods whose result is as long as (or derived from) their receiver. */
const SAME_SIZE = new Set(['map', 'filter', 'flatMap', 'slice', 'concat', 'sort', 'toSorted', 'reverse', 'entries', 'values']);

/**
 * The limit a read query carries: a number written in the code, `'dynamic'` for an expression
 * (a page size from the request, capped elsewhere), or undefined when it has none.
 */
export function limitOf(facts: FileFacts, query: QueryFact): number | 'dynamic' | undefined {
  const valueOf = (expr: ts.Expression): number | 'dynamic' => {
    const inner = unwrap(expr);
    return ts.isNumericLiteral(inner) ? Number(inner.text) : 'dynamic';
  };
  for (const link of query.chain?.links ?? []) {
    if ((link.name === 'limit' || link.name === 'take') && link.call.arguments[0]) return valueOf(link.call.arguments[0]);
  }
  for (const arg of query.args) {
    const inner = unwrap(arg);
    if (!ts.isObjectLiteralExpression(inner)) continue;
    for (const prop of inner.properties) {
      if (ts.isPropertyAssignment(prop) && /^(take|limit)$/.test(facts.text(prop.name))) return valueOf(prop.initializer);
      if (ts.isShorthandPropertyAssignment(prop) && /^(take|limit)$/.test(prop.name.text)) return 'dynamic';
    }
  }
  const sql = query.shape.sql;
  if (sql) {
    const match = /\blimit\s+(\d+)?/i.exec(sql);
    if (match) return match[1] ? Number(match[1]) : 'dynamic';
  }
  return undefined;
}

function returnsOneRow(query: QueryFact): boolean {
  return SINGLE_ROW.has(query.shape.verb) || (query.chain?.links ?? []).some((link) => SINGLE_ROW.has(link.name));
}

/**
 * Large collections named in `handler` (and the callbacks nested in it). A read query's rows are
 * large when it has no limit or a literal limit above `maxPage`; a dynamic limit is a page.
 */
export function largeCollections(facts: FileFacts, handler: FunctionFact, maxPage: number): Map<string, LargeCollection> {
  const found = new Map<string, LargeCollection>();
  for (const query of facts.queries) {
    if (query.shape.op !== 'read' || !isInside(query.node, handler) || returnsOneRow(query)) continue;
    const limit = limitOf(facts, query);
    if (limit === 'dynamic' || (limit !== undefined && limit <= maxPage)) continue;
    for (const name of namesBoundTo(query.node)) found.set(name, { name, origin: `rows of \`${query.shape.verb}\`` });
  }
  const request = handler.node.parameters[0];
  if (request && ts.isIdentifier(request.name)) {
    const req = request.name.text;
    const walk = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && node.initializer) {
        if (isRequestBody(node.initializer, req, found)) {
          for (const name of boundNames(node.name)) found.set(name, { name, origin: 'the request body' });
        } else if (ts.isIdentifier(node.name)) {
          // `const active = rows.filter(…)` is as large as `rows`.
          const derived = largeCollectionOf(node.initializer, found, req);
          if (derived && !ts.isIdentifier(unwrap(node.initializer))) found.set(node.name.text, { name: node.name.text, origin: derived.origin });
        }
      }
      ts.forEachChild(node, walk);
    };
    if (handler.node.body) walk(handler.node.body);
  }
  return found;
}

/** `req.body`, `req.body.recipients`, `await c.req.json()`, or a name already taken from them. */
function isRequestBody(expr: ts.Expression, req: string, known: Map<string, LargeCollection>): boolean {
  let inner = unwrap(expr);
  if (ts.isAwaitExpression(inner)) inner = unwrap(inner.expression);
  if (ts.isCallExpression(inner)) {
    // Hono: `c.req.json()`, `c.req.valid('json')`.
    const receiver = calleeObject(inner);
    const name = calleeName(inner);
    return !!receiver && (name === 'json' || name === 'valid') && unwrap(receiver).getText() === `${req}.req`;
  }
  const root = rootOf(inner);
  if (!ts.isIdentifier(root)) return false;
  if (known.get(root.text)?.origin === 'the request body') return true;
  // Only a property path from the request can be its body: read the text of nothing else.
  return root.text === req && isBodyPath(inner.getText(), req);
}

/** `req.body` or `req.body.recipients`, with nothing computed along the way. */
function isBodyPath(text: string, req: string): boolean {
  return (text === `${req}.body` || text.startsWith(`${req}.body.`)) && /^[\w$.]+$/.test(text);
}

function rootOf(expr: ts.Expression): ts.Expression {
  let current = unwrap(expr);
  while (ts.isPropertyAccessExpression(current)) current = unwrap(current.expression);
  return current;
}

/** The expression a loop walks: `rows` in `for (const r of rows)`, `rows.map(…)`, `i < rows.length`. */
export function iterableOf(loop: LoopFact): ts.Expression | undefined {
  const node = loop.node;
  if (ts.isForOfStatement(node) || ts.isForInStatement(node)) return node.expression;
  if (loop.kind === 'array-callback' && ts.isCallExpression(node)) return calleeObject(node);
  if (ts.isForStatement(node) && node.condition && ts.isBinaryExpression(node.condition)) {
    const bound = unwrap(node.condition.right);
    if (ts.isPropertyAccessExpression(bound) && bound.name.text === 'length') return bound.expression;
  }
  return undefined;
}

/** The large collection an expression is (or is derived from by `filter`, `map`, `slice` …). */
export function largeCollectionOf(expr: ts.Expression | undefined, collections: Map<string, LargeCollection>, req?: string): LargeCollection | undefined {
  if (!expr) return undefined;
  const inner = unwrap(expr);
  if (ts.isIdentifier(inner)) return collections.get(inner.text);
  if (ts.isCallExpression(inner)) {
    const name = calleeName(inner);
    return name && SAME_SIZE.has(name) ? largeCollectionOf(calleeObject(inner), collections, req) : undefined;
  }
  if (ts.isPropertyAccessExpression(inner)) {
    // `body.recipients` where `body` came from the request, or `req.body.recipients` itself.
    const root = rootOf(inner);
    const fromBody = ts.isIdentifier(root) && collections.get(root.text)?.origin === 'the request body';
    if (fromBody || (req !== undefined && isBodyPath(inner.getText(), req))) return { name: memberName(inner) ?? 'body', origin: 'the request body' };
  }
  return undefined;
}

/** The name of a route handler's request parameter (`req`, `request`, `c`), if it has one. */
export function requestName(handler: FunctionFact): string | undefined {
  const first = handler.node.parameters[0];
  return first && ts.isIdentifier(first.name) ? first.name.text : undefined;
}
