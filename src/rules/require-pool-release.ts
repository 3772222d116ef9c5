import * as ts from '../engine/compiler.js';
import { calleeName, calleeObject, semanticParent, unwrap } from '../engine/facts/ast.js';
import type { CallSite, ConstructFact, FileFacts } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { assignedName, escapeOf, isPgPool, rootName } from './utils/clients.js';

export default defineRule({
  id: 'require-pool-release',
  checklist: 'pool.exhaustion',
  severity: 'moderate',
  docs: {
    description: 'Require pg clients checked out with `pool.connect()` to be released in `finally`, and pg pools to have an `error` listener.',
  },
  messages: {
    successOnly:
      '`{{client}}` goes back to the pool only when nothing throws: one failed query between `pool.connect()` and `release()` leaks the connection for good. After `max` such errors (10 by default) the pool is empty and every query waits for `connectionTimeoutMillis`, forever by default. Release it in `finally`: `try { … } finally { {{client}}.release(); }`.',
    never:
      '`{{client}}` is checked out with `pool.connect()` and never released here: every call leaks one connection, and after `max` calls (10 by default) every query in the process waits for a connection that never comes back. Release it in `finally`, or use `pool.query()`, which checks out and releases by itself.',
    noErrorListener:
      'This pg Pool has no `error` listener: when an idle connection dies (a database restart, a failover, a network blip) the pool emits `error`, and with no listener Node throws it and the process exits, taking every in-flight request and job with it. Add `pool.on(\'error\', (err) => logger.warn({ err }, \'idle PostgreSQL client error\'))`; the pool replaces the connection by itself.',
  },
  applies: (facts) => checkouts(facts).length > 0 || longLivedPools(facts).length > 0,
  check(facts, ctx) {
    for (const checkout of checkouts(facts)) {
      const messageId = problemOf(facts, checkout);
      if (messageId) ctx.report({ node: checkout.call.node, messageId, data: { client: checkout.client } });
    }
    for (const pool of longLivedPools(facts)) {
      if (!hasErrorListener(facts, pool)) ctx.report({ node: pool.node, messageId: 'noErrorListener' });
    }
  },
});

interface Checkout {
  call: CallSite & { node: ts.CallExpression };
  client: string;
  scope: ts.Node;
  releases: ts.CallExpression[];
}

/**
 * `const client = await pool.connect()` (or `client = await …`) on a pg Pool: known from where the
 * pool comes from, or, for a pool imported from a local module, from what the client is used for
 * (`client.query`, `client.release`, verbs of pg's pooled client).
 */
function checkouts(facts: FileFacts): Checkout[] {
  const found: Checkout[] = [];
  for (const call of facts.calls) {
    const node = call.node;
    if (!ts.isCallExpression(node) || calleeName(node) !== 'connect' || node.arguments.length > 0) continue;
    const receiver = calleeObject(node);
    const parent = semanticParent(node);
    if (!receiver || !parent || !ts.isAwaitExpression(parent)) continue;
    const client = assignedName(facts, node);
    if (!client || !/^[A-Za-z_$][\w$]*$/.test(client)) continue;
    const role = facts.roleOf(facts.text(unwrap(receiver)));
    const scope = call.fn?.node ?? facts.source;
    const uses = callsOn(facts, scope, client);
    const releases = uses.filter((c) => calleeName(c) === 'release');
    const isPool = role
      ? role.construct?.library === 'pg' && role.construct.kind === 'pg Pool'
      : uses.some((c) => calleeName(c) === 'query' || calleeName(c) === 'release');
    if (isPool) found.push({ call: { ...call, node }, client, scope, releases });
  }
  return found;
}

function problemOf(facts: FileFacts, checkout: Checkout): 'successOnly' | 'never' | undefined {
  const { releases } = checkout;
  if (releases.some((r) => inFinally(r, checkout.scope))) return undefined;
  if (releases.some((r) => inCatch(r, checkout.scope)) && releases.some((r) => !inCatch(r, checkout.scope))) return undefined;
  if (releasedRightAway(checkout)) return undefined;
  const escape = escapeOf(facts, checkout.call.node, checkout.call.fn, checkout.client);
  // Returned or kept: whoever receives the client owns releasing it.
  if (escape.returned || escape.kept || escape.wrapped) return undefined;
  if (releases.length > 0) return 'successOnly';
  // Handed to another function that may release it.
  return escape.passed ? undefined : 'never';
}

/** Calls whose receiver is `name` inside `scope`: `client.query(…)`, `client?.release()`. */
function callsOn(facts: FileFacts, scope: ts.Node, name: string): ts.CallExpression[] {
  return facts.calls
    .map((c) => c.node)
    .filter((n): n is ts.CallExpression => ts.isCallExpression(n) && n.pos >= scope.pos && n.end <= scope.end)
    .filter((n) => {
      const receiver = calleeObject(n);
      return !!receiver && ts.isIdentifier(unwrap(receiver)) && rootName(receiver) === name;
    });
}

function inFinally(node: ts.Node, scope: ts.Node): boolean {
  for (let current = node; current.parent && current !== scope; current = current.parent) {
    const parent = current.parent;
    if (ts.isTryStatement(parent) && parent.finallyBlock === current) return true;
    // `promise.finally(() => client.release())`
    if (ts.isCallExpression(parent) && calleeName(parent) === 'finally' && parent.arguments.some((a) => a === current)) return true;
  }
  return false;
}

function inCatch(node: ts.Node, scope: ts.Node): boolean {
  for (let current = node; current.parent && current !== scope; current = current.parent) {
    if (ts.isCatchClause(current.parent)) return true;
  }
  return false;
}

/** `const c = await pool.connect(); c.release();`: nothing in between can throw (a health check). */
function releasedRightAway(checkout: Checkout): boolean {
  let statement: ts.Node = checkout.call.node;
  while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) statement = statement.parent;
  const block = statement.parent as ts.Block | ts.SourceFile | undefined;
  if (!block) return false;
  const next = block.statements[block.statements.indexOf(statement as ts.Statement) + 1];
  return !!next && checkout.releases.some((r) => r.pos >= next.pos && r.end <= next.end && ts.isExpressionStatement(next));
}

/** pg Pools created once (module level, start-up, lazily): the ones whose idle errors reach the process. */
function longLivedPools(facts: FileFacts): ConstructFact[] {
  // A pool a factory returns is set up by its caller.
  return facts.constructs.filter(
    (c) => isPgPool(c) && (c.lazy || !facts.isHot(c.fn)) && !(c.fn && escapeOf(facts, c.node, c.fn, c.assignedTo).returned),
  );
}

function hasErrorListener(facts: FileFacts, pool: ConstructFact): boolean {
  // `new Pool({...}).on('error', …)`
  const parent = pool.node.parent;
  if (parent && ts.isPropertyAccessExpression(parent) && parent.expression === pool.node && /^(on|once|addListener)$/.test(parent.name.text)) return true;
  const name = pool.assignedTo;
  if (!name) return false;
  if (facts.listeners.some((l) => l.receiver === name && l.event === 'error')) return true;
  // Handed to a helper of this code base (`instrumentPool(pool)`), which may attach it.
  return facts.calls.some((c) => {
    const node = c.node;
    if (!ts.isCallExpression(node) || !ts.isIdentifier(unwrap(node.expression))) return false;
    const binding = facts.imports.get((unwrap(node.expression) as ts.Identifier).text);
    return !!binding && binding.module.startsWith('.') && node.arguments.some((a) => facts.text(unwrap(a)) === name);
  });
}
