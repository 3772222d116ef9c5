import * as ts from '../engine/compiler.js';
import { boundNames, calleeName, calleeObject, isFunctionNode, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact, LoopFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { contains, handlerOf, requestNames } from './utils/lifetimes.js';
import { unboundedResults } from './utils/query-results.js';
import { isTestPath } from './utils/scripts.js';

/** Array methods whose result is about as long as their receiver. */
const SAME_SIZE = new Set(['map', 'filter', 'flatMap', 'concat', 'sort', 'toSorted', 'reverse']);

interface Io {
  node: ts.CallExpression;
  /** For messages: `emailQueue.add`, `sendMail`, `fetch`, the query verb. */
  what: string;
  /** Where the work lands: Redis, the SMTP server … */
  target: string;
}

export default defineRule({
  id: 'require-backpressure',
  checklist: 'batch.backpressure',
  severity: 'moderate',
  docs: {
    description: 'Require backpressure when producing work from streams and unbounded lists: no enqueue, send or request per `data` event without pausing, and no `Promise.all` over every row.',
  },
  messages: {
    dataEvent:
      'Each `data` event starts a `{{what}}` and the stream keeps flowing: nothing waits for it, so a 1M-row file puts 1M pending calls (and their rows) in memory and floods {{target}}. Read with `for await (const row of stream) { await … }`, or `pause()` the stream until the work is done and `resume()` it after.',
    parallel:
      '`Promise.all` over every {{source}} starts one `{{what}}` per item at once: 50,000 rows mean 50,000 concurrent calls to {{target}} and all their promises in memory. Work in bounded batches (`addBulk` per chunk of 1,000) or with a concurrency limit (`p-limit`, or `p-map` with `{ concurrency: 10 }`).',
  },
  // A send per recipient in a parallel loop is a bulk-send problem too; this rule names the cure.
  overrides: ['no-send-in-loop'],
  applies: (facts) => !isTestPath(facts.path) && (facts.queueCalls.length + facts.mailCalls.length + facts.httpCalls.length > 0 || facts.listeners.some((l) => l.event === 'data')),
  check(facts, ctx) {
    const io: Io[] = [
      ...facts.queueCalls.filter((c) => c.method === 'add').map((c) => ({ node: c.node, what: `${c.receiver}.add`, target: 'Redis' })),
      ...facts.mailCalls.map((c) => ({ node: c.node, what: `${c.receiver}.${c.method}`, target: 'the mail server' })),
      ...facts.httpCalls.map((c) => ({ node: c.node, what: c.client, target: 'the remote service' })),
    ].sort((a, b) => a.node.pos - b.node.pos);
    const queries: Io[] = facts.queries
      .filter((q): q is typeof q & { node: ts.CallExpression } => ts.isCallExpression(q.node))
      .map((q) => ({ node: q.node, what: q.shape.verb, target: 'the database' }));

    for (const listener of facts.listeners) {
      if (listener.event !== 'data' || !/^(on|addListener)$/.test(listener.method)) continue;
      const handler = handlerNode(facts, listener.handler);
      if (!handler || pauses(facts, handler, listener.receiver)) continue;
      const first = [...io, ...queries].filter((c) => contains(handler, c.node)).sort((a, b) => a.node.pos - b.node.pos)[0];
      if (first) ctx.report({ node: first.node, messageId: 'dataEvent', data: { what: first.what, target: first.target } });
    }

    for (const call of io) {
      const loop = facts.siteOf(call.node)?.loops.at(-1);
      if (!loop || !startsAllAtOnce(facts, loop)) continue;
      const source = unboundedSource(facts, loop);
      if (!source) continue;
      ctx.report({
        node: call.node,
        messageId: 'parallel',
        data: { what: call.what, target: call.target, source },
        metric: { operation: `${call.what} fan-out (${facts.path}:${facts.line(call.node)})`, current: 'one call per row, all at once', target: 'at most 10–50 in flight' },
      });
    }
  },
});

function handlerNode(facts: FileFacts, handler: ts.Expression | undefined): ts.Node | undefined {
  if (!handler) return undefined;
  const inner = unwrap(handler);
  if (isFunctionNode(inner)) return inner;
  return ts.isIdentifier(inner) ? facts.functions.find((f) => f.name === inner.text)?.node : undefined;
}

/** `stream.pause()` in the handler, or on the same stream anywhere in the file. */
function pauses(facts: FileFacts, handler: ts.Node, receiver: string): boolean {
  return facts.calls.some((c) => {
    const node = c.node;
    if (!ts.isCallExpression(node) || calleeName(node) !== 'pause') return false;
    const object = calleeObject(node);
    return contains(handler, node) || (!!object && facts.text(unwrap(object)) === receiver);
  });
}

/** `Promise.all(rows.map(…))`, or `const sends = rows.map(…)` later given to `Promise.all`. */
function startsAllAtOnce(facts: FileFacts, loop: LoopFact): boolean {
  if (loop.kind !== 'array-callback' || loop.method !== 'map') return false;
  if (loop.parallel) return true;
  const holder = facts.usageOf(loop.node as ts.Expression).parent;
  if (!holder || !ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) return false;
  const name = holder.name.text;
  return facts.calls.some((c) => {
    const node = c.node;
    if (!ts.isCallExpression(node) || !/^Promise\.(all|allSettled)$/.test(unwrap(node.expression).getText())) return false;
    const arg = node.arguments[0] && unwrap(node.arguments[0]);
    return !!arg && ts.isIdentifier(arg) && arg.text === name && c.fn === loop.fn;
  });
}

/**
 * What the loop walks when its size is decided by data, not code: the rows of a read query
 * without a limit, or a list from the request body that the handler never checks the length of.
 */
function unboundedSource(facts: FileFacts, loop: LoopFact): string | undefined {
  let list = ts.isCallExpression(loop.node) ? calleeObject(loop.node) : undefined;
  while (list && ts.isCallExpression(unwrap(list)) && SAME_SIZE.has(calleeName(unwrap(list) as ts.CallExpression) ?? '')) {
    list = calleeObject(unwrap(list) as ts.CallExpression);
  }
  const inner = list && unwrap(list);
  if (!inner || !loop.fn) return undefined;
  if (ts.isIdentifier(inner)) {
    const query = unboundedResults(facts, outermost(loop.fn)).get(inner.text);
    if (query) return `row of an unbounded \`${query.shape.verb}\``;
  }
  const handler = handlerOf(loop.fn);
  if (!handler?.kinds.has('route-handler') || validated(handler)) return undefined;
  const request = [...requestNames(handler)][0];
  const text = inner.getText();
  if (!request || !/^[\w$.]+$/.test(text)) return undefined;
  const fromBody = isBodyRead(text, request) || bodyNames(handler, request).has(text.split('.')[0]!);
  return fromBody && !lengthChecked(handler, text) ? 'item of the request body' : undefined;
}

/**
 * The route declares a body schema (`{ schema: { body } }`, which can set `maxItems`) or runs a
 * configured middleware before the handler (`validate(sendSchema)`): the list may be bounded there.
 */
function validated(handler: FunctionFact): boolean {
  const registration = handler.argumentOf?.call;
  if (!registration) return false;
  return (registration.arguments ?? []).some((arg, i) => {
    const inner = unwrap(arg);
    if (ts.isObjectLiteralExpression(inner)) return inner.properties.some((p) => p.name?.getText() === 'schema');
    return i > 0 && i !== handler.argumentOf!.index && ts.isCallExpression(inner);
  });
}

/** `req.body`, `req.body.recipients`, `request.query.ids`: read straight off the request. */
function isBodyRead(text: string, request: string): boolean {
  return /^[\w$.]+$/.test(text) && (text === `${request}.body` || text.startsWith(`${request}.body.`) || text.startsWith(`${request}.query.`));
}

/** Names the handler takes from the request body: `const { recipients } = req.body`, `const body = await c.req.json()`. */
function bodyNames(handler: FunctionFact, request: string): Set<string> {
  const names = new Set<string>();
  const walk = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer) {
      let init = unwrap(node.initializer);
      if (ts.isAwaitExpression(init)) init = unwrap(init.expression);
      const text = init.getText();
      const hono = ts.isCallExpression(init) && /^(json|valid)$/.test(calleeName(init) ?? '') && calleeObject(init)?.getText() === `${request}.req`;
      if (hono || isBodyRead(text, request) || (names.has(text.split('.')[0]!) && /^[\w$.]+$/.test(text))) boundNames(node.name).forEach((n) => names.add(n));
    }
    ts.forEachChild(node, walk);
  };
  if (handler.node.body) walk(handler.node.body);
  return names;
}

function outermost(fn: FunctionFact): FunctionFact {
  let current = fn;
  while (current.parent && !current.kinds.has('route-handler') && !current.kinds.has('job-processor')) current = current.parent;
  return current;
}

/** `if (recipients.length > 1000) …` somewhere in the handler bounds the list. */
function lengthChecked(handler: FunctionFact, list: string): boolean {
  let found = false;
  const walk = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && /^[<>]=?$/.test(node.operatorToken.getText())) {
      found = [node.left, node.right].some((side) => unwrap(side).getText() === `${list}.length`);
    }
    ts.forEachChild(node, walk);
  };
  if (handler.node.body) walk(handler.node.body);
  return found;
}
