import * as ts from '../engine/compiler.js';
import { boundNames, calleeName, propertyOf, semanticParent, stringText, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact, QueryFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { unboundedList, type ListRead } from './utils/db-reads.js';
import { schemaOf, schemaPartOf, SCHEMA_SOURCE } from './utils/drizzle-schema.js';

/** Array methods whose result is as long as the list they are called on. */
const SAME_SIZE = new Set(['map', 'filter', 'sort', 'reverse', 'toSorted', 'toReversed', 'flat', 'flatMap', 'concat']);
const RESPONSE_METHODS = new Set(['send', 'json', 'jsonp']);

export default defineRule({
  id: 'require-list-pagination',
  checklist: 'api.pagination',
  severity: 'moderate',
  docs: {
    description: 'Require route handlers that return a list of rows to page it with a limit and a cursor.',
  },
  messages: {
    unpaged:
      '{{route}} responds with every matching row of `{{table}}`: no limit, no cursor. A tenant with 2 million rows there gets all of them in one response (hundreds of MB to serialise, seconds of blocked event loop, a p99 far beyond 100 ms). Accept `limit` (capped, e.g. 100) and `cursor`, bound the query with {{bound}}, fetch `limit + 1` rows and return `{ data, cursor, hasMore }`.',
  },
  overrides: ['require-query-limit'],
  summarise: schemaPartOf,
  prepare: schemaOf,
  prepareFrom: SCHEMA_SOURCE,
  applies: (facts) => facts.functions.some((f) => f.kinds.has('route-handler')) && facts.queries.some((q) => q.shape.op === 'read'),
  check(facts, ctx) {
    const unique = ctx.project.uniqueIn(facts);
    const reported = new Set<QueryFact>();
    const report = (handler: FunctionFact, list: ListRead): void => {
      if (reported.has(list.query)) return;
      reported.add(list.query);
      ctx.report({
        node: list.query.node,
        messageId: 'unpaged',
        data: { route: routeLabel(handler), table: list.table, bound: list.bound },
        metric: { operation: `${routeLabel(handler).replace(/`/g, '')} (${facts.path}:${facts.line(list.query.node)})`, current: 'every row', target: 'one page' },
      });
    };
    for (const handler of facts.functions) {
      if (!handler.kinds.has('route-handler')) continue;
      for (const query of facts.queriesIn(handler)) {
        const list = unboundedList(facts, query, unique);
        if (list && flowsToResponse(query.node, handler)) report(handler, list);
      }
      // A helper in the same module that returns the list: `return listEmails(appId)`.
      for (const call of facts.localCalls) {
        if (call.fn !== handler || !flowsToResponse(call.node, handler)) continue;
        for (const query of facts.queriesIn(call.target)) {
          const list = unboundedList(facts, query, unique);
          if (list && flowsToResponse(query.node, call.target)) report(handler, list);
        }
      }
    }
  },
});

/**
 * Whether the value of `node` ends up in what `fn` answers: returned (as is, inside an object,
 * mapped or filtered), or passed to `reply.send` / `res.json` / `c.json` on one of its parameters,
 * directly or through the variable it is stored in.
 */
function flowsToResponse(node: ts.Node, fn: FunctionFact): boolean {
  const params = new Set(fn.node.parameters.flatMap((p) => boundNames(p.name)));
  const reaches = (start: ts.Node): ts.Node | true | undefined => {
    let current = start;
    for (;;) {
      const parent = semanticParent(current);
      if (!parent) return undefined;
      if (ts.isReturnStatement(parent)) return enclosingFunction(parent) === fn.node ? true : undefined;
      if (ts.isArrowFunction(parent)) return parent === fn.node && parent.body === current ? true : undefined;
      if (ts.isVariableDeclaration(parent)) return parent;
      if (ts.isCallExpression(parent)) return parent.expression !== current && isResponseCall(parent, params) ? true : undefined;
      if (ts.isPropertyAccessExpression(parent)) {
        const call = semanticParent(parent);
        if (!SAME_SIZE.has(parent.name.text) || !call || !ts.isCallExpression(call)) return undefined;
        current = call;
        continue;
      }
      if (ts.isBinaryExpression(parent) && parent.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken && parent.operatorToken.kind !== ts.SyntaxKind.BarBarToken) return undefined;
      if (ts.isConditionalExpression(parent) && parent.condition === current) return undefined;
      if (
        ts.isAwaitExpression(parent) || ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isObjectLiteralExpression(parent) ||
        ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) || ts.isConditionalExpression(parent) || ts.isBinaryExpression(parent)
      ) {
        current = parent;
        continue;
      }
      return undefined;
    }
  };
  const first = reaches(node);
  if (first === true) return true;
  if (!first || !ts.isVariableDeclaration(first)) return false;
  // `const rows = await …` / `const { rows } = await pool.query(…)`: follow the names it binds.
  const names = new Set(ts.isObjectBindingPattern(first.name) ? boundNamesOf(first.name, 'rows') : ts.isIdentifier(first.name) ? [first.name.text] : []);
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(child) && names.has(child.text) && child.parent !== first && !isPropertyName(child)) {
      if (reaches(child) === true) found = true;
    }
    ts.forEachChild(child, visit);
  };
  visit(fn.node);
  return found;
}

function boundNamesOf(pattern: ts.ObjectBindingPattern, property: string): string[] {
  return pattern.elements.filter((e) => (e.propertyName ?? e.name).getText() === property).flatMap((e) => boundNames(e.name));
}

function isPropertyName(id: ts.Identifier): boolean {
  const parent = id.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === id) || (ts.isPropertyAssignment(parent) && parent.name === id) || ts.isBindingElement(parent);
}

/** `reply.send(x)`, `reply.code(200).send(x)`, `res.status(200).json(x)`, `c.json(x)` on a handler parameter. */
function isResponseCall(call: ts.CallExpression, params: Set<string>): boolean {
  const name = calleeName(call);
  if (!name || !RESPONSE_METHODS.has(name)) return false;
  let receiver: ts.Expression = unwrap(call.expression);
  while (ts.isPropertyAccessExpression(receiver) || ts.isCallExpression(receiver)) {
    receiver = unwrap(ts.isPropertyAccessExpression(receiver) ? receiver.expression : receiver.expression);
  }
  return ts.isIdentifier(receiver) && params.has(receiver.text);
}

function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
  }
  return undefined;
}

/** `GET /emails` from the registration, for messages. */
function routeLabel(handler: FunctionFact): string {
  const call = handler.argumentOf?.call;
  if (!call || !ts.isCallExpression(call)) return 'This endpoint';
  const method = calleeName(call);
  const path = call.arguments[0] ? stringText(call.arguments[0]) : undefined;
  if (method && path !== undefined && method !== 'route') return `\`${method.toUpperCase()} ${path}\``;
  const options = call.arguments[0] && unwrap(call.arguments[0]);
  if (options && ts.isObjectLiteralExpression(options)) {
    const verb = propertyOf(options, 'method');
    const url = propertyOf(options, 'url') ?? propertyOf(options, 'path');
    const text = (p: ts.ObjectLiteralElementLike | undefined) => (p && ts.isPropertyAssignment(p) ? stringText(p.initializer) : undefined);
    if (text(verb) && text(url)) return `\`${text(verb)!.toUpperCase()} ${text(url)}\``;
  }
  return 'This endpoint';
}
