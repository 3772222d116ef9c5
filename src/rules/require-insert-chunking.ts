import * as ts from '../engine/compiler.js';
import { boundNames, calleeName, isFunctionNode, propertyOf, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact, QueryFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { unboundedList } from './utils/db-reads.js';

/** Array methods whose result is about as long as the array they are called on. */
const SAME_SIZE = new Set(['map', 'filter', 'flatMap', 'concat', 'sort', 'toSorted', 'reverse', 'toReversed', 'flat']);
const CHUNK_NAMES = /chunk|batch|page|slice|part/i;
const MAX_DEPTH = 6;

type Origin = 'request body' | 'query result' | 'array parameter';

export default defineRule({
  id: 'require-insert-chunking',
  checklist: 'batch.db-chunk',
  severity: 'minor',
  docs: {
    description: 'Require multi-row inserts of arrays of unbounded size (request bodies, query results, array parameters) to be chunked.',
  },
  messages: {
    unchunked:
      '`{{rows}}` ({{origin}}) is inserted in one statement whatever its size. 50,000 rows of 10 columns is 500,000 bind parameters: past PostgreSQL\'s limit of 65,535 the insert fails outright, and below it one statement holds locks, WAL and memory for seconds. Insert in chunks of at most {{limit}} rows: `for (let i = 0; i < rows.length; i += {{limit}}) await db.insert(t).values(rows.slice(i, i + {{limit}}))` (in one transaction if it must be all or nothing), or cap the array where it comes in.',
  },
  applies: (facts) => facts.queries.some((q) => q.shape.op === 'write' && rowsArgument(q) !== undefined),
  check(facts, ctx) {
    const limit = ctx.settings.batchLimit;
    for (const query of facts.queries) {
      if (query.shape.op !== 'write' || query.loops.some((l) => l.isChunk)) continue;
      const rows = rowsArgument(query);
      if (!rows) continue;
      const origin = originOf(facts, rows, limit, 0);
      if (!origin) continue;
      ctx.report({
        node: query.node,
        messageId: 'unchunked',
        data: { rows: clip(rows.getText()), origin, limit: limit.toLocaleString('en-US') },
      });
    }
  },
});

/** The rows a multi-row insert takes: drizzle/Kysely `values(rows)`, Prisma `createMany({ data })`, knex `insert(rows)`. */
function rowsArgument(query: QueryFact): ts.Expression | undefined {
  const links = query.chain?.links ?? [];
  const { library, verb } = query.shape;
  if ((library === 'drizzle' && verb === 'insert') || (library === 'kysely' && verb === 'insertInto')) return links.find((l) => l.name === 'values')?.call.arguments[0];
  if (library === 'prisma' && (verb === 'createMany' || verb === 'createManyAndReturn')) {
    const options = links[links.length - 1]?.call.arguments[0];
    const inner = options && unwrap(options);
    const data = inner && ts.isObjectLiteralExpression(inner) ? propertyOf(inner, 'data') : undefined;
    return data && ts.isPropertyAssignment(data) ? data.initializer : data && ts.isShorthandPropertyAssignment(data) ? data.name : undefined;
  }
  if (library === 'knex') return links.find((l) => l.name === 'insert')?.call.arguments[0];
  return undefined;
}

/**
 * Where an array of unbounded size comes from: a request body, an unbounded query result, or an
 * array parameter; undefined when it is a literal, one object, sliced, checked against a size,
 * or something we cannot follow.
 */
function originOf(facts: FileFacts, expr: ts.Expression, limit: number, depth: number): Origin | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = unwrap(expr);
  if (ts.isArrayLiteralExpression(inner)) {
    for (const element of inner.elements) {
      const origin = ts.isSpreadElement(element) ? originOf(facts, element.expression, limit, depth + 1) : undefined;
      if (origin) return origin;
    }
    return undefined;
  }
  if (ts.isAwaitExpression(inner)) return awaitedOrigin(facts, inner, limit);
  if (ts.isCallExpression(inner)) {
    const name = calleeName(inner);
    const callee = unwrap(inner.expression);
    if (name && SAME_SIZE.has(name) && ts.isPropertyAccessExpression(callee)) return originOf(facts, callee.expression, limit, depth + 1);
    if (name === 'from' && ts.isPropertyAccessExpression(callee) && callee.expression.getText() === 'Array' && inner.arguments[0]) {
      return originOf(facts, inner.arguments[0], limit, depth + 1);
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    let root: ts.Expression = inner;
    const path: string[] = [];
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) {
      if (ts.isPropertyAccessExpression(root)) path.unshift(root.name.text);
      root = unwrap(root.expression);
    }
    if (!ts.isIdentifier(root)) return undefined;
    const declaration = declarationOf(facts, root);
    if (declaration?.kind === 'parameter') {
      const { fn } = declaration;
      return fn.kinds.has('route-handler') && path.includes('body') && !sizeChecked(fn.node, inner.getText(), limit) && !schemaCapsBody(fn) ? 'request body' : undefined;
    }
    return declaration?.kind === 'variable' && declaration.init ? originOf(facts, declaration.init, limit, depth + 1) : undefined;
  }
  if (ts.isIdentifier(inner)) {
    const declaration = declarationOf(facts, inner);
    if (!declaration) return undefined;
    if (declaration.kind === 'parameter') {
      const { fn, param } = declaration;
      if (fn.kinds.has('route-handler') || !param.type || !isArrayType(param.type) || CHUNK_NAMES.test(inner.text)) return undefined;
      // A helper the module calls once per chunk is given bounded arrays.
      if (facts.localCalls.some((c) => c.target === fn && c.loops.some((l) => l.isChunk))) return undefined;
      return sizeChecked(fn.node, inner.text, limit) ? undefined : 'array parameter';
    }
    if (!declaration.init) return undefined;
    const origin = originOf(facts, declaration.init, limit, depth + 1);
    return origin && !sizeChecked(declaration.scope, inner.text, limit) ? origin : undefined;
  }
  return undefined;
}

/** `await request.json()` / `await c.req.json()` is a body; `await db.select()…` without a limit is a query result. */
function awaitedOrigin(facts: FileFacts, expr: ts.AwaitExpression, limit: number): Origin | undefined {
  const awaited = unwrap(expr.expression);
  const query = facts.queries.find((q) => q.node === awaited);
  if (query) return query.shape.op === 'read' && (unboundedList(facts, query) || limitAbove(query, limit)) ? 'query result' : undefined;
  if (ts.isCallExpression(awaited) && calleeName(awaited) === 'json') {
    const fn = facts.functionOf(expr);
    return fn?.kinds.has('route-handler') && !schemaCapsBody(fn) ? 'request body' : undefined;
  }
  return undefined;
}

function limitAbove(query: QueryFact, limit: number): boolean {
  const link = query.chain?.links.find((l) => l.name === 'limit' || l.name === 'take');
  const arg = link?.call.arguments[0] && unwrap(link.call.arguments[0]);
  return !!arg && ts.isNumericLiteral(arg) && Number(arg.text) > limit;
}

type Declaration =
  | { kind: 'parameter'; fn: FunctionFact; param: ts.ParameterDeclaration }
  | VariableDeclaration;
interface VariableDeclaration {
  kind: 'variable';
  init?: ts.Expression;
  /** The block or module that declares it. */
  scope: ts.Node;
}

/** The parameter or variable a name refers to, by lexical lookup. */
function declarationOf(facts: FileFacts, name: ts.Identifier): Declaration | undefined {
  for (let node: ts.Node | undefined = name.parent; node; node = node.parent) {
    if (isFunctionNode(node)) {
      const param = node.parameters.find((p) => boundNames(p.name).includes(name.text));
      const fn = facts.functions.find((f) => f.node === node);
      if (param && fn) return { kind: 'parameter', fn, param };
      continue;
    }
    if (!ts.isBlock(node) && !ts.isSourceFile(node)) continue;
    for (const statement of node.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (!boundNames(declaration.name).includes(name.text)) continue;
        // `const { recipients } = request.body`: the array comes from what is destructured.
        return { kind: 'variable', init: declaration.initializer, scope: node };
      }
    }
  }
  return undefined;
}

/** `if (rows.length > 1000) throw …`: the code bounds the array itself. */
function sizeChecked(root: ts.Node, name: string, limit: number): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && /^[<>]=?$/.test(node.operatorToken.getText())) {
      const sides = [unwrap(node.left), unwrap(node.right)];
      const length = sides.find((s) => ts.isPropertyAccessExpression(s) && s.name.text === 'length' && unwrap(s.expression).getText() === name);
      const other = sides.find((s) => s !== length);
      if (length && other && (!ts.isNumericLiteral(other) || Number(other.text) <= limit)) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** A Fastify route schema with `maxItems` (or a zod `.max(…)`) caps the body before the handler runs. */
function schemaCapsBody(fn: FunctionFact): boolean {
  for (let current: FunctionFact | undefined = fn; current; current = current.parent) {
    const call = current.argumentOf?.call;
    if (!current.kinds.has('route-handler') || !call) continue;
    return (call.arguments ?? []).some((arg) => unwrap(arg) !== current!.node && /\bmaxItems\b|\.max\(/.test(arg.getText()));
  }
  return false;
}

function isArrayType(type: ts.TypeNode): boolean {
  if (ts.isArrayTypeNode(type)) return true;
  if (ts.isTypeOperatorNode(type)) return isArrayType(type.type);
  return ts.isTypeReferenceNode(type) && /^(Array|ReadonlyArray)$/.test(type.typeName.getText());
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}…` : flat;
}
