import * as ts from '../engine/compiler.js';
import { calleeName, calleeObject, propertyOf, referencedNames, stringText, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { entryPointOf, isLongLived, parameterNames, runsPerCall } from './utils/lifetimes.js';
import { runsOutsideServer } from './utils/scripts.js';

const ADD = new Set(['on', 'addListener', 'prependListener', 'addEventListener']);
const REMOVE = new Set(['off', 'removeListener', 'removeEventListener', 'removeAllListeners']);
/** Events a Redis client emits for its subscriptions (ioredis and node-redis). */
const SUBSCRIPTION_EVENTS = new Set(['message', 'pmessage', 'messageBuffer', 'pmessageBuffer', 'smessage', 'smessageBuffer']);
/** Commands that end a client's subscriptions, or the client itself, and with it every listener. */
const CLOSE = new Set(['unsubscribe', 'punsubscribe', 'sunsubscribe', 'quit', 'disconnect', 'close', 'destroy']);
const SHUTDOWN_EVENTS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection']);

export default defineRule({
  id: 'no-listener-leak',
  checklist: 'mem.listeners',
  severity: 'critical',
  docs: {
    description: 'Disallow listeners and intervals added per request, job or call to long-lived objects without being removed.',
  },
  messages: {
    perCall:
      '`{{receiver}}.{{method}}({{event}}, …)` adds a listener on every {{unit}} to an object that lives as long as the process, and nothing removes it: after 10,000 {{unit}}s it holds 10,000 listeners and everything they capture, and each event runs all of them. Remove it when done (`{{receiver}}.off({{event}}, handler)` in a `finally` or on `close`), use `once`, or pass `{ signal }`.',
    subscription:
      '`{{receiver}}.on({{event}}, …)` handles subscription messages for the life of the process and nothing removes it: messages keep arriving while the process shuts down, and every re-import (tests, hot reload) adds another handler. Keep the handler in a variable and remove it on shutdown: `process.on(\'SIGTERM\', () => {{receiver}}.off({{event}}, handler))`.',
    interval:
      '`setInterval` starts a timer on every {{unit}} and nothing clears it: each timer runs forever and keeps its callback and everything it captures alive, so 1,000 {{unit}}s leave 1,000 timers firing. Keep the handle and `clearInterval` it when the work ends (in a `finally`, or on `close`).',
  },
  // An unremoved listener that captures the request is one problem, and this is the bigger half.
  overrides: ['no-long-lived-closure-capture'],
  applies: (facts) => !runsOutsideServer(facts) && (facts.listeners.some((l) => ADD.has(l.method)) || facts.timers.some((t) => t.name === 'setInterval')),
  check(facts, ctx) {
    const calls = facts.calls.map((c) => c.node).filter((n): n is ts.CallExpression => ts.isCallExpression(n));
    const removals = calls.filter((c) => REMOVE.has(calleeName(c) ?? ''));
    const removed = (receiver: string, event: string | undefined): boolean =>
      removals.some((c) => {
        const object = calleeObject(c);
        if (!object || facts.text(unwrap(object)) !== receiver) return false;
        const removedEvent = stringText(c.arguments[0]);
        return removedEvent === undefined || event === undefined || removedEvent === event;
      });

    for (const listener of facts.listeners) {
      if (!ADD.has(listener.method) || selfRemoving(listener.node) || removed(listener.receiver, listener.event)) continue;
      const fn = facts.siteOf(listener.node)?.fn;
      const receiver = calleeObject(listener.node)!;
      const data = { receiver: listener.receiver, method: listener.method, event: listener.event === undefined ? '…' : `'${listener.event}'` };
      const entry = entryPointOf(facts, fn);
      const perCall = !!fn && isLongLived(facts, fn, receiver) && (entry !== undefined ||
        (runsPerCall(facts, fn) && !SHUTDOWN_EVENTS.has(listener.event ?? '') && usesParameters(listener.handler, fn)));
      if (perCall) {
        ctx.report({ node: listener.node, messageId: 'perCall', data: { ...data, unit: unitOf(entry) } });
      } else if (!entry && !runsPerCall(facts, fn) && SUBSCRIPTION_EVENTS.has(listener.event ?? '') && isRedis(facts, listener.receiver)) {
        const closed = calls.some((c) => CLOSE.has(calleeName(c) ?? '') && facts.text(unwrap(calleeObject(c) ?? c.expression)) === listener.receiver);
        if (!closed) ctx.report({ node: listener.node, messageId: 'subscription', data });
      }
    }

    const clears = calls.filter((c) => /^clear(Interval|Timeout)$/.test(calleeName(c) ?? '') && !calleeObject(c));
    for (const timer of facts.timers) {
      // `setInterval` of `timers/promises` is an async iterator, ended by its loop or signal.
      if (timer.name !== 'setInterval' || facts.imports.has('setInterval')) continue;
      const fn = facts.siteOf(timer.node)?.fn;
      const entry = entryPointOf(facts, fn);
      const perCall = entry !== undefined || (runsPerCall(facts, fn) && usesParameters(timer.node.arguments[0], fn!));
      if (!perCall || cleared(facts, timer.node, timer.assignedTo, fn, clears)) continue;
      ctx.report({ node: timer.node, messageId: 'interval', data: { unit: unitOf(entry) } });
    }
  },
});

/** `once: true` or an AbortSignal in the options: the listener goes away by itself. */
function selfRemoving(call: ts.CallExpression): boolean {
  const options = call.arguments[2] && unwrap(call.arguments[2]);
  return !!options && ts.isObjectLiteralExpression(options) && (!!propertyOf(options, 'signal') || !!propertyOf(options, 'once'));
}

/** The handler reads a parameter of the function that registers it: it was made for this call. */
function usesParameters(handler: ts.Expression | undefined, fn: FunctionFact): boolean {
  if (!handler) return false;
  const params = parameterNames(fn);
  for (const name of referencedNames(handler)) if (params.has(name)) return true;
  return false;
}

function unitOf(entry: FunctionFact | undefined): string {
  if (entry?.kinds.has('route-handler')) return 'request';
  if (entry?.kinds.has('job-processor')) return 'job';
  if (entry?.kinds.has('listener')) return 'event';
  if (entry?.kinds.has('timer')) return 'tick';
  return 'call';
}

/** A Redis client by where it comes from, or by a Redis-only command used on it in this file. */
function isRedis(facts: FileFacts, receiver: string): boolean {
  return facts.roleOf(receiver)?.role === 'redis' || facts.redisCalls.some((c) => c.receiver === receiver);
}

/**
 * Whether an interval's handle is cleared: `clearInterval(handle)` on the name it is kept in, or,
 * when the handle is handed on (returned, stored in a map or an object), any `clearInterval` in
 * the file, since the code that clears it reads it from there.
 */
function cleared(facts: FileFacts, node: ts.CallExpression, assignedTo: string | undefined, fn: FunctionFact | undefined, clears: ts.CallExpression[]): boolean {
  const clearedText = new Set(clears.map((c) => (c.arguments[0] ? facts.text(unwrap(c.arguments[0])) : '')));
  if (assignedTo !== undefined) {
    if (clearedText.has(assignedTo)) return true;
    if (clears.length === 0) return false;
    // A local handle that is passed on (`timers.set(id, t)`, `return t`) is cleared elsewhere.
    if (!/^[\w$]+$/.test(assignedTo) || !fn?.node.body) return true;
    let uses = 0;
    const walk = (child: ts.Node): void => {
      if (ts.isIdentifier(child) && child.text === assignedTo) {
        const parent = child.parent;
        const unref = ts.isPropertyAccessExpression(parent) && /^(unref|ref|hasRef)$/.test(parent.name.text);
        if (!unref && !(ts.isVariableDeclaration(parent) && parent.name === child)) uses++;
      }
      ts.forEachChild(child, walk);
    };
    walk(fn.node.body);
    return uses > 0;
  }
  const usage = facts.usageOf(node).usage;
  if (usage === 'returned') return true;
  return (usage === 'argument' || usage === 'stored') && clears.length > 0;
}
