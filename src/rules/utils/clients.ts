import * as ts from '../../engine/compiler.js';
import { calleeName, calleeObject, hasSpread, propertyOf, semanticParent, unwrap } from '../../engine/facts/ast.js';
import type { ConstructFact, ContextKind, FileFacts, FunctionFact } from '../../engine/facts/index.js';

/**
 * Shared questions about clients (pools, Redis connections, queues, transports): what options
 * they were given, whether a call creates them per request, and where a local client goes.
 */

/** The options argument of a constructor, as far as the code shows it. */
export type Options =
  | { kind: 'none' }
  /** A variable, a call, a spread: the keys are decided somewhere we cannot see. */
  | { kind: 'opaque' }
  | { kind: 'literal'; object: ts.ObjectLiteralExpression };

export function optionsAt(args: readonly ts.Expression[], index: number): Options {
  const arg = args[index];
  if (!arg) return { kind: 'none' };
  const inner = unwrap(arg);
  if (ts.isObjectLiteralExpression(inner) && !hasSpread(inner)) return { kind: 'literal', object: inner };
  return { kind: 'opaque' };
}

/** Whether an object literal sets any of `names` (`max: 10`, shorthand `max`, or a method). */
export function hasOption(object: ts.ObjectLiteralExpression, ...names: string[]): boolean {
  return names.some((name) => propertyOf(object, name) !== undefined);
}

/** The value of a plain `key: value` property, if the object has one. */
export function optionValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const prop = propertyOf(object, name);
  return prop && ts.isPropertyAssignment(prop) ? unwrap(prop.initializer) : undefined;
}

export function isPgPool(c: ConstructFact): boolean {
  return c.construct.library === 'pg' && c.construct.kind === 'pg Pool';
}

/** One-shot programs: a client created per call there is created once per run. */
const ONE_SHOT_PATHS = /(^|\/)(scripts?|bin|cli|migrations?|seeds?|test|tests|__tests__|spec|e2e)\/|\.(test|spec)\.[cm]?[jt]sx?$/;

export function isOneShotPath(path: string): boolean {
  return ONE_SHOT_PATHS.test(path);
}

const ENTRY_LABELS: readonly [ContextKind, string][] = [
  ['route-handler', 'request'],
  ['job-processor', 'job'],
  ['listener', 'event'],
  ['timer', 'timer tick'],
];

/**
 * What a function runs once per, when it is (or is called from) a route handler, a job processor,
 * an event listener or a timer in this file: `request`, `job`, `event`, `timer tick`.
 */
export function entryOf(facts: FileFacts, fn: FunctionFact | undefined, seen = new Set<FunctionFact>()): string | undefined {
  for (let current = fn; current; current = current.parent) {
    if (seen.has(current)) return undefined;
    seen.add(current);
    if (current.kinds.has('shutdown-listener') || current.kinds.has('plugin')) return undefined;
    for (const [kind, label] of ENTRY_LABELS) if (current.kinds.has(kind)) return label;
    for (const call of facts.localCalls) {
      if (call.target !== current) continue;
      const label = entryOf(facts, call.fn, seen);
      if (label) return label;
    }
  }
  return undefined;
}

/** Where a value created in a function goes, besides being used there. */
export interface Escape {
  /** `return client`, `() => client` */
  returned: boolean;
  /** Kept beyond the call: `cache = client`, `this.x = client`, `clients.set(k, client)`. */
  kept: boolean;
  /** Put into an object or array literal: `{ client }`, `[client]`. */
  wrapped: boolean;
  /** Passed to another function: `work(client)`. */
  passed: boolean;
}

/**
 * How the value of a construct (or of the local it is assigned to) leaves `fn`. A value kept in a
 * module variable, an instance field or a module Map lives beyond the call; one returned or passed
 * on belongs to someone else.
 */
export function escapeOf(facts: FileFacts, node: ts.Node, fn: FunctionFact | undefined, name: string | undefined): Escape {
  const escape: Escape = { returned: false, kept: false, wrapped: false, passed: false };
  const isLocal = (root: string): boolean => !!fn && isLocalOf(fn, root);
  const note = (value: ts.Node): void => {
    const parent = semanticParent(value);
    if (!parent) return;
    if (ts.isReturnStatement(parent) || ts.isYieldExpression(parent) || (ts.isArrowFunction(parent) && same(parent.body, value))) escape.returned = true;
    else if (ts.isAwaitExpression(parent)) note(parent);
    else if (ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent)) escape.wrapped = true;
    else if (ts.isBinaryExpression(parent) && same(parent.right, value) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const root = rootName(parent.left);
      if (!root || root === 'this' || !isLocal(root)) escape.kept = true;
    } else if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && !same(parent.expression, value)) {
      const receiver = ts.isCallExpression(parent) ? calleeObject(parent) : undefined;
      const root = receiver ? rootName(receiver) : undefined;
      const method = ts.isCallExpression(parent) ? calleeName(parent) : undefined;
      if (receiver && (method === 'set' || method === 'push') && (!root || root === 'this' || !isLocal(root))) escape.kept = true;
      else escape.passed = true;
    }
  };
  note(node);
  if (name && /^[A-Za-z_$][\w$]*$/.test(name)) {
    const scope = fn?.node ?? facts.source;
    const visit = (child: ts.Node): void => {
      if (ts.isIdentifier(child) && child.text === name && child !== node && isRead(child)) note(child);
      ts.forEachChild(child, visit);
    };
    visit(scope);
  }
  return escape;
}

/** `a` in `a.b[c]`, `this` in `this.x`; undefined for anything else. */
export function rootName(expr: ts.Expression): string | undefined {
  let current = unwrap(expr);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = unwrap(current.expression);
  if (ts.isIdentifier(current)) return current.text;
  if (current.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return undefined;
}

function same(expr: ts.Node, value: ts.Node): boolean {
  return ts.isExpression(expr) ? unwrap(expr) === value : expr === value;
}

function isRead(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === id) return false;
  if (ts.isBinaryExpression(parent) && parent.left === id) return false;
  return true;
}

/**
 * The context a client constructed at `node` is created once per, or undefined when it is created
 * once: at start-up, lazily (`client ??= new Redis()`), kept in a module variable or Map, or
 * handed to a caller (a factory). Clients created in a route handler, job processor, listener or
 * timer are per `request` / `job` / `event` / `timer tick` unless kept; in any other per-call
 * function (`call`) only when they are used and dropped there, since a factory's caller may keep
 * them, and never in one-shot programs (scripts, migrations, tests).
 */
export function perCallContext(
  facts: FileFacts,
  site: { node: ts.Node; fn?: FunctionFact; assignedTo?: string; lazy?: boolean },
): string | undefined {
  const fn = site.fn;
  if (!fn || site.lazy || !facts.isHot(fn) || facts.isStartup(fn) || runsOnce(fn)) return undefined;
  if (site.assignedTo) {
    // `client = new Redis()` on a module variable or `this.client`: created once, then reused.
    const root = /^[A-Za-z_$][\w$]*/.exec(site.assignedTo)?.[0];
    if (!root || root === 'this' || !isLocalOf(fn, root)) return undefined;
  }
  const escape = escapeOf(facts, site.node, fn, site.assignedTo);
  if (escape.kept) return undefined;
  const entry = entryOf(facts, fn);
  if (entry) return entry;
  if (isOneShotPath(facts.path) || escape.returned || escape.wrapped || escape.passed) return undefined;
  return 'call';
}

/** The variable (or `this.x`, `a[k]`) that a call's result is assigned to, through an `await`. */
export function assignedName(facts: FileFacts, node: ts.Node): string | undefined {
  let parent = semanticParent(node);
  if (parent && ts.isAwaitExpression(parent)) parent = semanticParent(parent);
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return facts.text(unwrap(parent.left));
  return undefined;
}

/** Inside a `once` listener (`worker.once('ready', …)`): it runs a single time. */
function runsOnce(fn: FunctionFact): boolean {
  for (let current: FunctionFact | undefined = fn; current; current = current.parent) {
    const call = current.argumentOf?.call;
    if (call && ts.isCallExpression(call) && /^(once|prependOnceListener)$/.test(calleeName(call) ?? '')) return true;
  }
  return false;
}

function isLocalOf(fn: FunctionFact, name: string): boolean {
  for (let current: FunctionFact | undefined = fn; current; current = current.parent) if (current.locals.has(name)) return true;
  return false;
}
