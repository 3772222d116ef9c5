import * as ts from '../engine/compiler.js';
import { calleeName, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact } from '../engine/facts/index.js';
import { defineRule, type RuleContext } from '../engine/rule.js';
import { unguardedRejection } from './utils/rejections.js';
import { runsOutsideServer } from './utils/scripts.js';

/** Process events whose listeners run while the process is going down anyway. */
const SHUTDOWN_EVENTS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection']);
/** Frameworks whose `.on(event, handler)` awaits the handler and catches its rejection. */
const AWAITING_EMITTERS = ['probot', '@octokit/webhooks'];
const PROMISE_LINKS = new Set(['then', 'catch', 'finally']);
const MAX_TEXT = 60;

export default defineRule({
  id: 'require-rejection-handler',
  checklist: 'async.errors',
  severity: 'moderate',
  docs: {
    description: 'Require a rejection handler on dropped `.then()` chains, and try/catch in async callbacks given to event emitters, timers and `new Promise`, which ignore the promise they return.',
  },
  messages: {
    then:
      '`.then()` without a rejection handler, and nothing catches the chain: when `{{what}}` rejects, the rejection is unhandled and Node 20 exits the process with every in-flight request and job. End the chain with `.catch((err) => …)` that logs, or `await` it inside try/catch.',
    listener:
      "This async `'{{event}}'` listener can reject (`{{what}}`) and nothing catches it: an emitter ignores the promise its listener returns, so the rejection is unhandled and Node 20 exits the process, dropping every in-flight request and job. Wrap the body in try/catch and log.",
    timer:
      'This async `{{timer}}` callback can reject (`{{what}}`) and nothing catches it: the timer ignores the promise, so one failed run (a Redis or database blip) is an unhandled rejection that exits the Node 20 process. Wrap the body in try/catch and log.',
    executor:
      '`new Promise(async …)`: when `{{what}}` rejects inside the executor, the outer promise never settles (its caller waits forever) and the rejection is unhandled, which exits the Node 20 process. Drop the wrapper and `await` directly, or catch the error and call `reject`.',
  },
  applies: (facts) =>
    !runsOutsideServer(facts) &&
    (facts.listeners.length > 0 || facts.timers.length > 0 || facts.functions.some((f) => f.kinds.has('promise-executor')) ||
      facts.calls.some((c) => ts.isCallExpression(c.node) && calleeName(c.node) === 'then')),
  check(facts, ctx) {
    checkChains(facts, ctx);
    const awaitingEmitter = [...facts.imports.values()].some((b) => AWAITING_EMITTERS.includes(b.module));
    for (const listener of facts.listeners) {
      if (awaitingEmitter || (listener.event && SHUTDOWN_EVENTS.has(listener.event))) continue;
      // `for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, …)`: process events are
      // nearly all shutdown events, so a name we cannot read is taken for one.
      if (!listener.event && listener.receiver === 'process') continue;
      reportCallback(facts, ctx, listener.node, listener.handler, 'listener', { event: listener.event ?? 'event' });
    }
    for (const timer of facts.timers) reportCallback(facts, ctx, timer.node, timer.node.arguments[0], 'timer', { timer: timer.name });
    for (const call of facts.calls) {
      const node = call.node;
      if (ts.isNewExpression(node) && ts.isIdentifier(unwrap(node.expression)) && (unwrap(node.expression) as ts.Identifier).text === 'Promise') {
        reportCallback(facts, ctx, node, node.arguments?.[0], 'executor', {});
      }
    }
  },
});

/** Dropped chains whose last `.then(onFulfilled)` has no `.catch` or two-argument `.then` after it. */
function checkChains(facts: FileFacts, ctx: RuleContext): void {
  for (const call of facts.calls) {
    const end = call.node;
    if (!ts.isCallExpression(end) || !PROMISE_LINKS.has(calleeName(end) ?? '')) continue;
    // Start-up chains (`redis.connect().then(…)` in `main()`) crash the boot loudly, as start-up should.
    if (facts.usageOf(end).usage !== 'dropped' || facts.isStartup(call.fn)) continue;
    const links: ts.CallExpression[] = [];
    let current: ts.Expression = end;
    while (ts.isCallExpression(current) && ts.isPropertyAccessExpression(unwrap(current.expression)) && PROMISE_LINKS.has(calleeName(current) ?? '')) {
      links.unshift(current);
      current = unwrap((unwrap(current.expression) as ts.PropertyAccessExpression).expression);
    }
    const lastThen = links.map((l) => calleeName(l) === 'then' && l.arguments.length < 2).lastIndexOf(true);
    if (lastThen < 0) continue;
    const handled = links.slice(lastThen + 1).some((l) => calleeName(l) === 'catch' || l.arguments.length >= 2);
    if (handled) continue;
    ctx.report({ node: links[lastThen]!, messageId: 'then', data: { what: short(facts.text(current)) } });
  }
}

function reportCallback(
  facts: FileFacts,
  ctx: RuleContext,
  registration: ts.CallExpression | ts.NewExpression,
  callback: ts.Expression | undefined,
  messageId: string,
  data: Record<string, string>,
): void {
  const fn = functionOf(facts, callback);
  if (!fn?.isAsync) return;
  const evidence = unguardedRejection(fn.node);
  if (!evidence) return;
  const what = ts.isAwaitExpression(evidence) ? `await ${facts.text(evidence.expression)}` : ts.isThrowStatement(evidence) ? 'throw' : 'for await';
  ctx.report({ node: registration, messageId, data: { ...data, what: short(what) } });
}

function functionOf(facts: FileFacts, expr: ts.Expression | undefined): FunctionFact | undefined {
  if (!expr) return undefined;
  const inner = unwrap(expr);
  if (ts.isIdentifier(inner)) return facts.functions.find((f) => f.name === inner.text);
  return facts.functions.find((f) => f.node === inner);
}

/** `db.insert(t).values(…)` → `db.insert(…)`: enough to recognise the call, safe inside a code span. */
function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/`/g, "'");
  const open = flat.indexOf('(');
  const head = open > 0 ? `${flat.slice(0, open)}(…)` : flat;
  return head.length > MAX_TEXT ? `${head.slice(0, MAX_TEXT)}…` : head;
}
