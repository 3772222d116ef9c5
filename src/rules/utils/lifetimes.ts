import * as ts from '../../engine/compiler.js';
import { boundNames, calleeName, referencedNames, unwrap } from '../../engine/facts/ast.js';
import type { FileFacts, FunctionFact } from '../../engine/facts/index.js';

/**
 * Lifetimes of names and functions, for the memory rules: what lives as long as the process
 * (module scope), what lives for one request or job, and which functions run once per call.
 */

/** Names that live as long as the module: imports and top-level declarations. */
export function moduleScopeNames(facts: FileFacts): Set<string> {
  return facts.memo(moduleScopeNames, () => findModuleScopeNames(facts));
}

function findModuleScopeNames(facts: FileFacts): Set<string> {
  const names = new Set(facts.imports.keys());
  for (const statement of facts.source.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) boundNames(d.name).forEach((n) => names!.add(n));
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** Whether `name` is declared by `fn` or one of the functions it is nested in. */
export function isLocalName(fn: FunctionFact | undefined, name: string): boolean {
  for (let current = fn; current; current = current.parent) if (current.locals.has(name)) return true;
  return false;
}

/** Parameters of `fn` and of the functions it is nested in. */
export function parameterNames(fn: FunctionFact | undefined): Set<string> {
  const names = new Set<string>();
  for (let current = fn; current; current = current.parent) {
    for (const param of current.node.parameters) boundNames(param.name).forEach((n) => names.add(n));
  }
  return names;
}

/** The identifier an access chain starts from: `a` in `a.b.c`, `a.b()` or `a[k].c`. */
export function rootIdentifier(expr: ts.Expression): ts.Identifier | undefined {
  let current = unwrap(expr);
  for (;;) {
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = unwrap(current.expression);
    else if (ts.isCallExpression(current)) current = unwrap(current.expression);
    else break;
  }
  return ts.isIdentifier(current) ? current : undefined;
}

/**
 * Whether `receiver`, used inside `fn`, names something that outlives any one call: an import, a
 * module-level variable or `process`, not shadowed by a local. `this.x` is left out: whether the
 * instance outlives the request cannot be told from the file.
 */
export function isLongLived(facts: FileFacts, fn: FunctionFact | undefined, receiver: ts.Expression): boolean {
  const root = rootIdentifier(receiver);
  if (!root || isLocalName(fn, root.text)) return false;
  return root.text === 'process' || root.text === 'globalThis' || moduleScopeNames(facts).has(root.text);
}

const ENTRY_KINDS = ['route-handler', 'job-processor', 'listener', 'timer'] as const;

/**
 * The request handler, job processor, event listener or interval callback `fn` runs inside (itself
 * or an enclosing function), or that reaches it through local calls: code that runs once per
 * request, job, event or tick.
 */
export function entryPointOf(facts: FileFacts, fn: FunctionFact | undefined): FunctionFact | undefined {
  const seen = new Set<FunctionFact>();
  const search = (f: FunctionFact | undefined): FunctionFact | undefined => {
    for (let current = f; current; current = current.parent) {
      if (seen.has(current)) return undefined;
      seen.add(current);
      if (isEntryPoint(current)) return current;
      // A named local function runs where it is called from.
      for (const call of facts.localCalls) {
        if (call.target !== current) continue;
        const found = search(call.fn);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(fn);
}

function isEntryPoint(fn: FunctionFact): boolean {
  if (!ENTRY_KINDS.some((k) => fn.kinds.has(k))) return false;
  // `server.once('listening', …)` runs its callback one time.
  const registration = fn.argumentOf?.call;
  if (fn.kinds.has('listener') && registration && /^(once|prependOnceListener)$/.test(calleeName(registration) ?? '')) return false;
  // An interval repeats; a one-shot timer runs once where it is set (a handler, start-up code).
  if (fn.kinds.size === 1 && fn.kinds.has('timer')) return !!registration && calleeName(registration) === 'setInterval';
  return true;
}

/** The route handler or job processor `fn` runs inside: the code that handles one request or job. */
export function handlerOf(fn: FunctionFact | undefined): FunctionFact | undefined {
  for (let current = fn; current; current = current.parent) {
    if (current.kinds.has('route-handler') || current.kinds.has('job-processor')) return current;
  }
  return undefined;
}

/**
 * Names that hold one request or job: the request and reply of a route handler (`req`, `res`,
 * `request`, `reply`, Hono's `c`), the job of a processor.
 */
export function requestNames(handler: FunctionFact): Set<string> {
  const count = handler.kinds.has('route-handler') ? 2 : 1;
  const names = new Set<string>();
  handler.node.parameters.slice(0, count).forEach((p) => {
    if (ts.isIdentifier(p.name)) names.add(p.name.text);
  });
  return names;
}

/**
 * Runs once per call rather than once at start-up: hot by the facts (entry points and the async
 * functions they do not reach from start-up), or an exported function, which other modules call
 * at will (`export function readBody(req)`).
 */
export function runsPerCall(facts: FileFacts, fn: FunctionFact | undefined): boolean {
  if (!fn) return false;
  if (facts.isHot(fn)) return true;
  let outer = fn;
  while (outer.parent) outer = outer.parent;
  if (outer.kinds.has('plugin') || outer.kinds.has('shutdown-listener')) return false;
  return isExported(outer.node) && outer.node.parameters.length > 0;
}

function isExported(node: ts.Node): boolean {
  const holder = ts.isVariableDeclaration(node.parent) ? node.parent.parent.parent : node;
  return !!ts.getModifiers(holder as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * Names inside `fn` whose value comes from `seeds`: `const { path } = req.file` derives `path`
 * from `req`. Declarations are visited in source order, nested functions included.
 */
export function derivedNames(fn: FunctionFact, seeds: Iterable<string>): Set<string> {
  const names = new Set(seeds);
  const walk = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer && referencesAny(node.initializer, names)) {
      boundNames(node.name).forEach((n) => names.add(n));
    }
    ts.forEachChild(node, walk);
  };
  if (fn.node.body) walk(fn.node.body);
  return names;
}

export function referencesAny(node: ts.Node, names: ReadonlySet<string>): boolean {
  for (const name of referencedNames(node)) if (names.has(name)) return true;
  return false;
}

/** Whether `inner` lies within `outer` in the source. */
export function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/** A string literal that is a line break: the separator of CSV and NDJSON. */
export function isNewline(node: ts.Expression | undefined): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  return ts.isStringLiteralLike(inner) && /^\r?\n$/.test(inner.text);
}
