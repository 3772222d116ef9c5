import * as ts from '../engine/compiler.js';
import { calleeName, calleeObject, propertyOf, referencedNames, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { assignedName, escapeOf, isOneShotPath } from './utils/clients.js';
import { reachableFrom } from './utils/functions.js';
import { importsAny } from './utils/servers.js';

/** Libraries that install the signal handlers and close servers themselves. */
const GRACEFUL_MODULES = [
  'close-with-grace', '@godaddy/terminus', 'lightship', 'http-terminator', 'http-graceful-shutdown',
  'fastify-graceful-shutdown', 'stoppable',
];
const SIGNALS = new Set(['SIGTERM', 'SIGINT']);
const OTHER_CLIENTS = new Set(['db', 'redis', 'queue', 'mailer', 'http']);
/** `PORT`, `env.HTTP_PORT`, `config.port`: a name that says it holds a port number. */
const PORT = /(^|[^a-z])port(?![a-z])/i;
const HTTP_MODULES = new Set(['http', 'https', 'node:http', 'node:https', 'http2', 'node:http2']);

interface Started {
  node: ts.CallExpression | ts.NewExpression;
  what: 'worker' | 'server';
  /** Names that stand for it: the worker variable, the app and the server `listen` returned. */
  names: string[];
  fn?: FunctionFact;
}

export default defineRule({
  id: 'require-graceful-shutdown',
  checklist: 'worker.shutdown',
  severity: 'moderate',
  docs: { description: 'Require files that start a BullMQ worker or an HTTP server to close it on SIGTERM and SIGINT.' },
  messages: {
    worker:
      'Nothing closes this BullMQ Worker on SIGTERM: on every deploy or scale-down the process is killed with jobs in flight, half-sent batches stay locked until the lock expires (30 s by default) and then run again, so recipients get the same email twice. Add `process.on(\'SIGTERM\', async () => { await worker.close(); process.exit(0); })` (and the same for SIGINT): `close()` stops taking jobs and waits for the running ones.',
    server:
      'Nothing closes this server on SIGTERM: on every deploy or scale-down the process is killed with requests in flight, and clients see reset connections and 502s. Add `process.on(\'SIGTERM\', () => server.close())` (`await app.close()` for Fastify), which stops accepting connections and lets the open requests finish.',
  },
  applies: (facts) => !isOneShotPath(facts.path) && started(facts).length > 0,
  check(facts, ctx) {
    if (isOneShotPath(facts.path) || importsAny(facts, GRACEFUL_MODULES)) return;
    const all = started(facts);
    const constructNames = new Set(all.flatMap((s) => s.names));
    const closing = signalHandlers(facts).flatMap((fn) => [...reachableFrom(facts, fn)]);
    const closedNames = new Set<string>();
    let closesSomethingElse = false;
    for (const call of facts.calls) {
      if (!call.fn || !closing.includes(call.fn)) continue;
      if (ts.isCallExpression(call.node)) call.node.arguments.forEach((arg) => referencedNames(arg, closedNames));
      const receiver = ts.isCallExpression(call.node) ? calleeObject(call.node) : undefined;
      if (!receiver || !ts.isCallExpression(call.node) || calleeName(call.node) !== 'close') continue;
      const name = nameOf(facts, receiver);
      if (name && constructNames.has(name)) closedNames.add(name);
      // `workers.map((w) => w.close())`: it closes what it was given. A queue, pool or transport
      // being closed says nothing about the worker.
      else if (!name || !OTHER_CLIENTS.has(facts.roleOf(name)?.role ?? '')) closesSomethingElse = true;
    }
    for (const s of all) {
      if (exportedOrReturned(facts, s)) continue;
      if (closesSomethingElse || s.names.some((n) => closedNames.has(n) || closedElsewhere(facts, n))) continue;
      ctx.report({ node: s.node, messageId: s.what });
    }
  },
});

function started(facts: FileFacts): Started[] {
  const found: Started[] = [];
  for (const c of facts.constructs) {
    if (c.construct.role === 'worker') found.push({ node: c.node, what: 'worker', names: c.assignedTo ? [c.assignedTo] : [], fn: c.fn });
  }
  for (const call of facts.calls) {
    const node = call.node;
    if (!ts.isCallExpression(node)) continue;
    const name = calleeName(node);
    if (name !== 'listen' && name !== 'serve') continue;
    const receiver = calleeObject(node);
    const result = assignedName(facts, node);
    if (name === 'listen' && receiver && isServer(facts, receiver, node)) {
      const names = [nameOf(facts, receiver), result].filter((n): n is string => !!n);
      found.push({ node, what: 'server', names, fn: call.fn });
    } else if (name === 'serve' && !receiver && facts.imports.get('serve')?.module === '@hono/node-server') {
      found.push({ node, what: 'server', names: result ? [result] : [], fn: call.fn });
    }
  }
  return found;
}

/**
 * A receiver that is an app or server by where it comes from, or a `.listen(port)` whose argument
 * is a port: `app.listen(3000)`, `app.listen({ port })`, `server.listen(env.PORT)`.
 */
function isServer(facts: FileFacts, receiver: ts.Expression, call: ts.CallExpression): boolean {
  const inner = unwrap(receiver);
  if (facts.roleOf(facts.text(inner))?.role === 'server') return true;
  if (ts.isCallExpression(inner) && calleeName(inner) === 'createServer') {
    const callee = unwrap(inner.expression);
    const id = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression : undefined;
    return !!id && HTTP_MODULES.has(facts.imports.get(id.text)?.module ?? '');
  }
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  if (!first || ts.isStringLiteralLike(first)) return false;
  if (ts.isNumericLiteral(first)) return true;
  if (ts.isObjectLiteralExpression(first)) return propertyOf(first, 'port') !== undefined;
  return PORT.test(facts.text(first));
}

/** `process.on('SIGTERM', …)` / `process.once(signal, …)` inside `for (const signal of [...])`. */
function signalHandlers(facts: FileFacts): FunctionFact[] {
  const handlers: FunctionFact[] = [];
  for (const listener of facts.listeners) {
    if (listener.receiver !== 'process' || !listener.handler) continue;
    if (listener.event !== undefined && !SIGNALS.has(listener.event)) continue;
    const handler = unwrap(listener.handler);
    const fn = facts.functions.find((f) => f.node === handler) ??
      (ts.isIdentifier(handler) ? facts.functions.find((f) => f.name === handler.text) : undefined);
    if (fn) handlers.push(fn);
  }
  return handlers;
}

/**
 * `name.close` mentioned anywhere in the file, as in `onShutdown(() => worker.close())` given to a
 * lifecycle helper of the code base, or `name` passed to an imported function (`register(worker)`).
 */
function closedElsewhere(facts: FileFacts, name: string): boolean {
  return facts.calls.some((call) => {
    const node = call.node;
    if (!ts.isCallExpression(node)) return false;
    const receiver = calleeObject(node);
    if (receiver && calleeName(node) === 'close' && nameOf(facts, receiver) === name) return true;
    const callee = unwrap(node.expression);
    const imported = ts.isIdentifier(callee) && facts.imports.has(callee.text);
    return imported && node.arguments.some((arg) => ts.isIdentifier(unwrap(arg)) && (unwrap(arg) as ts.Identifier).text === name);
  });
}

/** `worker`, `this.worker`, `deps.app`: a receiver that names one thing; undefined for calls. */
function nameOf(facts: FileFacts, receiver: ts.Expression): string | undefined {
  const inner = unwrap(receiver);
  let current: ts.Expression = inner;
  while (ts.isPropertyAccessExpression(current)) current = unwrap(current.expression);
  return ts.isIdentifier(current) || current.kind === ts.SyntaxKind.ThisKeyword ? facts.text(inner) : undefined;
}

/** Exported, or returned by a factory: the module that imports it owns its shutdown. */
function exportedOrReturned(facts: FileFacts, s: Started): boolean {
  if (s.names.some((n) => isExported(facts.source, n))) return true;
  const escape = escapeOf(facts, s.node, s.fn, s.names[0]);
  if (escape.returned) return true;
  return s.names.slice(1).some((n) => escapeOf(facts, s.node, s.fn, n).returned);
}

function isExported(source: ts.SourceFile, name: string): boolean {
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if (statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)) return true;
    }
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      if (statement.exportClause.elements.some((e) => (e.propertyName ?? e.name).text === name)) return true;
    }
    if (ts.isExportAssignment(statement) && ts.isIdentifier(unwrap(statement.expression)) && (unwrap(statement.expression) as ts.Identifier).text === name) return true;
  }
  return false;
}
