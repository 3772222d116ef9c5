import * as ts from '../engine/compiler.js';
import { boundNames, calleeName, isFunctionNode, referencedNames } from '../engine/facts/ast.js';
import type { RedisCallFact } from '../engine/facts/calls.js';
import type { FileFacts, FunctionFact, QueryFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { EXPIRE_COMMAND, STORE_COMMANDS, expiryOf, keyLabel, keyShape, tableOf, ttlSeconds } from './utils/cache.js';

/**
 * A cached row that expires within this many seconds is stale for at most that long: for settings,
 * templates and quotas a minute of staleness is the usual trade, so such a TTL counts as a strategy.
 */
const SHORT_TTL_SECONDS = 60;
/** Commands that remove or replace a cached value. */
const INVALIDATES = new Set(['del', 'unlink', 'getdel', 'hdel', 'hDel', 'publish', ...Object.keys(STORE_COMMANDS)]);
/** A helper whose name says it drops cached entries: `invalidateTemplate(id)`, `cache.evict(key)`. */
const INVALIDATION_HELPER = /invalidat|evict|bust|purge|uncache|clearCache|flushCache|refreshCache/i;

interface CachedTable {
  table: string;
  store: RedisCallFact;
  /** `tpl:?:?`; undefined when the key is built somewhere we cannot see. */
  shape?: string;
  /** Whether the entry expires at all, and after how many seconds when the code says. */
  expires: boolean;
  seconds?: number;
}

export default defineRule({
  id: 'require-cache-invalidation',
  checklist: 'cache.invalidation',
  severity: 'minor',
  docs: {
    description: 'Require writes to a table whose rows the module caches in Redis to delete or refresh the cached entry.',
  },
  messages: {
    stale:
      'This module caches `{{table}}` rows in Redis (line {{line}}, key {{key}}{{ttl}}) but this `{{verb}}` leaves the cached copy in place: readers keep getting the old row {{until}}. Delete the key after the write (`redis.del(key)`), or write the new value to it.',
  },
  applies: (facts) => facts.redisCalls.some((c) => Object.hasOwn(STORE_COMMANDS, c.command)) && facts.queries.some((q) => q.shape.op === 'write'),
  check(facts, ctx) {
    const cached = cachedTables(facts);
    if (cached.length === 0) return;
    for (const write of facts.queries) {
      if (write.shape.op !== 'write') continue;
      const table = tableOf(write);
      const entry = table && cached.find((c) => c.table === table && !invalidated(facts, write, c));
      if (!entry) continue;
      const { expires, seconds } = entry;
      ctx.report({
        node: write.node,
        messageId: 'stale',
        data: {
          table: entry.table,
          line: facts.line(entry.store.node),
          key: keyLabel(facts, entry.store.key!),
          ttl: seconds !== undefined ? `, TTL ${seconds} s` : '',
          verb: write.shape.verb,
          until: !expires ? 'for as long as the key lives (it has no TTL)' : seconds !== undefined ? `for up to ${seconds} s` : 'until the TTL runs out',
        },
      });
    }
  },
});

/**
 * Tables whose rows a Redis store command writes: its value comes from a read of that table in the
 * same function (`const [tpl] = await db.select()…from(templates)…; redis.set(k, JSON.stringify(tpl))`).
 * Stores that expire within SHORT_TTL_SECONDS bound staleness and are left out.
 */
function cachedTables(facts: FileFacts): CachedTable[] {
  const result: CachedTable[] = [];
  for (const store of facts.redisCalls) {
    const spec = STORE_COMMANDS[store.command];
    if (!spec || !store.key) continue;
    const expiry = expiryOf(store);
    const expire = expiry.kind === 'none' ? laterExpire(facts, store) : undefined;
    const seconds = expiry.kind === 'ttl' ? expiry.seconds : expire && ttlSeconds(expire.args[1]);
    if (seconds !== undefined && seconds <= SHORT_TTL_SECONDS) continue;
    const fn = facts.functionOf(store.node);
    const values = store.args.slice(spec.value);
    const expires = expiry.kind !== 'none' || expire !== undefined;
    for (const table of tablesFlowingInto(facts, fn, values)) result.push({ table, store, shape: keyShape(facts, store.key), expires, seconds });
  }
  return result;
}

/** An `expire` of the same key after the store, in the same function. */
function laterExpire(facts: FileFacts, store: RedisCallFact): RedisCallFact | undefined {
  const fn = facts.functionOf(store.node);
  const shape = store.key && keyShape(facts, store.key);
  return facts.redisCalls.find(
    (c) => EXPIRE_COMMAND.test(c.command) && c.node.expression.end > store.node.end && facts.functionOf(c.node) === fn && !!c.key && keyShape(facts, c.key) === shape,
  );
}

function tablesFlowingInto(facts: FileFacts, fn: FunctionFact | undefined, values: ts.Expression[]): Set<string> {
  const tables = new Set<string>();
  const reads = facts.queries.filter((q) => q.shape.op === 'read' && q.fn === fn);
  const within = (node: ts.Node, outer: ts.Node): boolean => node.pos >= outer.pos && node.end <= outer.end;
  // Names bound to a read's result, and names computed from those (`const body = JSON.stringify(tpl)`).
  const derived = new Map<string, string>();
  const scope = fn?.node ?? values[0]?.getSourceFile();
  const visit = (node: ts.Node): void => {
    if (fn && isFunctionNode(node) && node !== fn.node) return;
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const init = node.initializer;
      const read = reads.find((q) => within(q.node, init));
      const table = read ? tableOf(read) : [...referencedNames(init)].map((n) => derived.get(n)).find(Boolean);
      if (table) boundNames(node.name).forEach((n) => derived.set(n, table));
    }
    ts.forEachChild(node, visit);
  };
  if (scope) visit(scope);
  for (const value of values) {
    for (const read of reads) if (within(read.node, value)) tables.add(tableOf(read) ?? '');
    for (const name of referencedNames(value)) if (derived.has(name)) tables.add(derived.get(name)!);
  }
  tables.delete('');
  return tables;
}

/**
 * Whether the write's request path drops or rewrites the cached entry: a `del`/`unlink`/`expire`/
 * store of a key of the same shape (or a key we cannot read), a `publish`, or a helper named for
 * invalidation, in the writing function, the functions around it, its local callers, or what
 * any of those call.
 */
function invalidated(facts: FileFacts, write: QueryFact, entry: CachedTable): boolean {
  const related = relatedFunctions(facts, write.fn);
  for (const call of facts.redisCalls) {
    if (call === entry.store || !related.has(facts.functionOf(call.node))) continue;
    if (call.command === 'publish') return true;
    if (!INVALIDATES.has(call.command) && !EXPIRE_COMMAND.test(call.command)) continue;
    const shape = call.key && keyShape(facts, call.key);
    if (shape === undefined || entry.shape === undefined || shape === entry.shape) return true;
  }
  return facts.calls.some((site) => related.has(site.fn) && ts.isCallExpression(site.node) && INVALIDATION_HELPER.test(calleeName(site.node) ?? ''));
}

function relatedFunctions(facts: FileFacts, fn: FunctionFact | undefined): Set<FunctionFact | undefined> {
  const up = new Set<FunctionFact | undefined>();
  const queue: (FunctionFact | undefined)[] = [fn];
  while (queue.length > 0) {
    const next = queue.pop();
    if (up.has(next)) continue;
    up.add(next);
    if (!next) continue;
    if (next.parent) queue.push(next.parent);
    for (const call of facts.localCalls) if (call.target === next) queue.push(call.fn);
  }
  // What the writer and its callers call: `await save(); await invalidate(id);`.
  const all = new Set(up);
  const down = [...up];
  while (down.length > 0) {
    const next = down.pop();
    for (const call of facts.localCalls) {
      if (call.fn === next && !all.has(call.target)) {
        all.add(call.target);
        down.push(call.target);
      }
    }
  }
  return all;
}
