import * as ts from '../../engine/compiler.js';
import { calleeName, calleeObject, unwrap } from '../../engine/facts/ast.js';
import type { ConstructFact, FileFacts, FunctionFact } from '../../engine/facts/index.js';

/**
 * Apps (not routers) created in this file, outside tests. An app is never created per request,
 * so an async factory (`export async function buildApp()`) counts as where it is created.
 */
export function createdApps(facts: FileFacts): ConstructFact[] {
  if (/(^|\/)(test|tests|__tests__|spec)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(facts.path)) return [];
  return facts.constructs.filter(
    (c) =>
      c.construct.role === 'server' &&
      c.construct.kind !== 'Express router' &&
      !inHandler(c.fn) &&
      (c.construct.library !== 'hono' || isRootHono(facts, c)),
  );
}

/**
 * Every Hono route module is a `new Hono()` mounted on the root app with `app.route()`; only the
 * root (it mounts others, or is served) is where middleware such as compression belongs.
 */
function isRootHono(facts: FileFacts, app: ConstructFact): boolean {
  return facts.calls.some((call) => {
    const node = call.node;
    if (!ts.isCallExpression(node)) return false;
    const name = calleeName(node);
    const receiver = calleeObject(node);
    if (name === 'serve' && !receiver) return true;
    return name === 'route' && receiver !== undefined && facts.text(unwrap(receiver)) === app.assignedTo && node.arguments.length >= 2;
  });
}

function inHandler(fn: FunctionFact | undefined): boolean {
  for (let current = fn; current; current = current.parent) {
    if (current.kinds.has('route-handler') || current.kinds.has('job-processor')) return true;
  }
  return false;
}

/** Whether the file imports any of `modules` (exact names or `prefix/*`). */
export function importsAny(facts: FileFacts, modules: readonly string[]): boolean {
  return [...facts.imports.values()].some((b) => modules.some((m) => b.module === m || b.module.startsWith(`${m}/`)));
}
