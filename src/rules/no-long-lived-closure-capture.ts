import * as ts from '../engine/compiler.js';
import { boundNames, calleeName, calleeObject, isFunctionNode, propertyOf, unwrap, type FunctionNode } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { contains, isLongLived, requestNames } from './utils/lifetimes.js';
import { listResults } from './utils/query-results.js';
import { runsOutsideServer } from './utils/scripts.js';

const ADD = new Set(['on', 'addListener', 'prependListener', 'addEventListener']);
const REMOVE = new Set(['off', 'removeListener', 'removeEventListener', 'removeAllListeners']);

interface LongLived {
  closure: FunctionNode;
  /** For messages: "interval", "listener on `bus`", "function stored in `renderers`". */
  holder: string;
}

export default defineRule({
  id: 'no-long-lived-closure-capture',
  checklist: 'mem.closures',
  severity: 'minor',
  docs: {
    description: 'Disallow closures that outlive a request or job and capture the whole request, job or result set when they only read a field of it.',
  },
  messages: {
    capture:
      'This {{holder}} outlives the {{unit}} and captures `{{name}}` whole, though it only reads `{{path}}`: the whole {{what}} stays in memory as long as the closure does. Copy what it needs before creating it (`const value = {{path}};`) and capture that.',
  },
  applies: (facts) => !runsOutsideServer(facts) && facts.functions.some((f) => f.kinds.has('route-handler') || f.kinds.has('job-processor')),
  check(facts, ctx) {
    for (const handler of facts.functions) {
      if (!handler.kinds.has('route-handler') && !handler.kinds.has('job-processor')) continue;
      const requestSized = new Map<string, string>();
      const unit = handler.kinds.has('route-handler') ? 'request' : 'job';
      for (const name of requestNames(handler)) requestSized.set(name, unit === 'request' ? 'request (headers, body, socket)' : 'job (its data and options)');
      for (const name of listResults(facts, handler).keys()) requestSized.set(name, 'result set');
      if (requestSized.size === 0) continue;
      for (const { closure, holder } of longLivedClosures(facts, handler)) {
        const capture = unnecessaryCapture(closure, requestSized);
        if (!capture) continue;
        ctx.report({
          node: closure,
          messageId: 'capture',
          data: { holder, unit, name: capture.name, path: capture.path, what: requestSized.get(capture.name)! },
        });
      }
    }
  },
});

/**
 * Closures created in `handler` that something longer-lived keeps: an interval not cleared within
 * the handler, a listener on a long-lived object not removed within it, a function stored in a
 * module-level collection.
 */
function longLivedClosures(facts: FileFacts, handler: FunctionFact): LongLived[] {
  const found: LongLived[] = [];
  const inHandler = facts.calls.filter((c) => c.fn && handlerOwns(handler, c.fn)).map((c) => c.node).filter(ts.isCallExpression);
  const releasedInHandler = (method: RegExp, receiver: string | undefined, handle: string | undefined): boolean =>
    inHandler.some((c) => {
      if (!method.test(calleeName(c) ?? '')) return false;
      const object = calleeObject(c);
      if (receiver !== undefined) return !!object && facts.text(unwrap(object)) === receiver;
      return handle !== undefined && !!c.arguments[0] && facts.text(unwrap(c.arguments[0])) === handle;
    });

  for (const timer of facts.timers) {
    const closure = closureOf(facts, handler, timer.node.arguments[0]);
    if (timer.name !== 'setInterval' || !closure || !contains(handler.node, timer.node)) continue;
    if (!releasedInHandler(/^clear(Interval|Timeout)$/, undefined, timer.assignedTo)) found.push({ closure, holder: 'interval' });
  }
  for (const listener of facts.listeners) {
    if (!ADD.has(listener.method) || !contains(handler.node, listener.node)) continue;
    const closure = closureOf(facts, handler, listener.handler);
    const options = listener.node.arguments[2] && unwrap(listener.node.arguments[2]);
    const selfRemoving = !!options && ts.isObjectLiteralExpression(options) && (!!propertyOf(options, 'signal') || !!propertyOf(options, 'once'));
    if (!closure || selfRemoving || !isLongLived(facts, facts.functionOf(listener.node), calleeObject(listener.node)!)) continue;
    const removal = new RegExp(`^(${[...REMOVE].join('|')})$`);
    if (!releasedInHandler(removal, listener.receiver, undefined)) found.push({ closure, holder: `listener on \`${listener.receiver}\`` });
  }
  for (const collection of facts.collections) {
    for (const grow of collection.grows) {
      if (!contains(handler.node, grow)) continue;
      const values = ts.isCallExpression(grow) ? [...grow.arguments] : ts.isBinaryExpression(grow) ? [grow.right] : [];
      for (const value of values) {
        const closure = closureOf(facts, handler, value);
        if (closure) found.push({ closure, holder: `function stored in \`${collection.name}\`` });
      }
    }
  }
  return found;
}

function handlerOwns(handler: FunctionFact, fn: FunctionFact): boolean {
  for (let current: FunctionFact | undefined = fn; current; current = current.parent) if (current === handler) return true;
  return false;
}

/** The function an argument is: written in place, or a local function of the handler named there. */
function closureOf(facts: FileFacts, handler: FunctionFact, expr: ts.Expression | undefined): FunctionNode | undefined {
  if (!expr) return undefined;
  const inner = unwrap(expr);
  if (isFunctionNode(inner)) return inner;
  if (!ts.isIdentifier(inner) || !handler.locals.has(inner.text)) return undefined;
  const declared = facts.functions.find((f) => f.name === inner.text && f.parent && handlerOwns(handler, f.parent));
  if (declared) return declared.node;
  // `render = () => …` assigned to a local declared earlier.
  let assigned: FunctionNode | undefined;
  const walk = (node: ts.Node): void => {
    if (assigned) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && unwrap(node.left).getText() === inner.text) {
      const value = unwrap(node.right);
      if (isFunctionNode(value)) assigned = value;
    }
    ts.forEachChild(node, walk);
  };
  if (handler.node.body) walk(handler.node.body);
  return assigned;
}

/**
 * The first request-sized name the closure captures although every use of it only reads data
 * (`req.params.id`, `job.data.emailId`, `rows.length`): none of them calls a method on it or
 * passes it on whole, so a copied value would do.
 */
function unnecessaryCapture(closure: FunctionNode, candidates: Map<string, string>): { name: string; path: string } | undefined {
  const own = new Set<string>();
  for (const param of closure.parameters) boundNames(param.name).forEach((n) => own.add(n));
  const reads = new Map<string, string[]>();
  const needed = new Set<string>();
  const walk = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node)) boundNames(node.name).forEach((n) => own.add(n));
    if (ts.isIdentifier(node) && candidates.has(node.text) && isReference(node)) {
      const path = dataRead(node);
      if (path) reads.set(node.text, [...(reads.get(node.text) ?? []), path]);
      else needed.add(node.text);
    }
    ts.forEachChild(node, walk);
  };
  if (closure.body) walk(closure.body);
  for (const [name, paths] of reads) if (!needed.has(name) && !own.has(name)) return { name, path: paths[0]! };
  return undefined;
}

function isReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === id) return false;
  return true;
}

/** `req.params.id` read as a value: the access chain from `id`, unless it is called or assigned to. */
function dataRead(id: ts.Identifier): string | undefined {
  let top: ts.Expression = id;
  while (ts.isPropertyAccessExpression(top.parent) && top.parent.expression === top) top = top.parent;
  if (top === id) return undefined;
  const parent = top.parent;
  if (ts.isCallExpression(parent) && parent.expression === top) return undefined;
  if (ts.isBinaryExpression(parent) && parent.left === top && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
    return undefined;
  }
  if (ts.isDeleteExpression(parent) || ts.isPostfixUnaryExpression(parent) || (ts.isPrefixUnaryExpression(parent) && /\+\+|--/.test(ts.tokenToString(parent.operator) ?? ''))) {
    return undefined;
  }
  return top.getText();
}
