import * as ts from '../../engine/compiler.js';
import { calleeName, isFunctionNode, unwrap, type FunctionNode } from '../../engine/facts/ast.js';

/**
 * The first `await`, `for await`, `throw` or returned call in a function's own body that no
 * try/catch of that body surrounds: the evidence that the function's promise can reject. Awaits
 * inside a `catch` or `finally` block are the author's error handling and are not counted, nor is
 * `await p.catch(…)`. Undefined when every one is guarded (a fire-and-forget helper that logs its
 * own errors).
 */
export function unguardedRejection(fn: FunctionNode): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found || isFunctionNode(node)) return;
    if (ts.isTryStatement(node)) {
      if (node.catchClause) return;
      visit(node.tryBlock);
      return;
    }
    if (ts.isThrowStatement(node) || (ts.isForOfStatement(node) && node.awaitModifier)) {
      found = node;
      return;
    }
    if (ts.isAwaitExpression(node) && !isHandled(node.expression)) {
      found = node;
      return;
    }
    // `return send(x)` in an async function: the returned promise's rejection becomes this one's.
    if (ts.isReturnStatement(node) && node.expression && ts.isCallExpression(unwrap(node.expression)) && !isHandled(node.expression)) {
      found = node.expression;
      return;
    }
    ts.forEachChild(node, visit);
  };
  if (!fn.body) return undefined;
  // `async () => send(x)`: an expression body is a returned call.
  if (!ts.isBlock(fn.body) && ts.isCallExpression(unwrap(fn.body as ts.Expression)) && !isHandled(fn.body as ts.Expression)) return fn.body;
  visit(fn.body);
  return found;
}

/** `p.catch(…)`, `p.then(ok, fail)`: a promise whose rejection is handled where it stands. */
export function isHandled(expr: ts.Expression): boolean {
  const inner = unwrap(expr);
  if (!ts.isCallExpression(inner)) return false;
  const name = calleeName(inner);
  return name === 'catch' || (name === 'then' && inner.arguments.length >= 2);
}
