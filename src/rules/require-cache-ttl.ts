import * as ts from '../engine/compiler.js';
import { calleeName, unwrap } from '../engine/facts/ast.js';
import type { RedisCallFact } from '../engine/facts/calls.js';
import type { CallSite, FileFacts } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { EXPIRE_COMMAND, bindingOf, expiryOf, keyLabel, keyText } from './utils/cache.js';

/** Commands that store a value and keep whatever expiry the key had (or none, for `set`). */
const STORES = new Set(['set', 'hset', 'hSet', 'hmset', 'mset']);
/** A helper that sets an expiry on the key it is given: `touch(key)`, `setTtl(key, 60)`. */
const EXPIRY_HELPER = /expire|ttl|touch/i;

export default defineRule({
  id: 'require-cache-ttl',
  checklist: 'cache.ttl',
  severity: 'moderate',
  docs: {
    description: 'Require an expiry on Redis keys written per entity (`set`, `hset`, `mset` without `EX`/`PX` or a following `expire`).',
  },
  messages: {
    set:
      '`{{command}}` stores {{key}} with no expiry, so the key stays in Redis until something deletes it. It is written once per entity: at a million emails a day that is a million keys a day that never leave, until Redis reaches `maxmemory` and starts evicting (or, with `noeviction`, refuses writes). Give it a TTL: `set(key, value, \'EX\', seconds)` (ioredis) or `set(key, value, { EX: seconds })` (node-redis).',
    hash:
      '`{{command}}` writes the hash {{key}} and nothing gives it an expiry, so it stays in Redis until something deletes it. It is written once per entity: at a million emails a day that is a million hashes a day that never leave, until Redis reaches `maxmemory`. Call `expire(key, seconds)` right after it, in the same `multi()` so both happen or neither does.',
  },
  applies: (facts) => facts.redisCalls.some((c) => STORES.has(c.command)),
  check(facts, ctx) {
    const sitesByFn = new Map<unknown, CallSite[]>();
    for (const site of facts.calls) {
      const sites = sitesByFn.get(site.fn);
      if (sites) sites.push(site);
      else sitesByFn.set(site.fn, [site]);
    }
    for (const call of facts.redisCalls) {
      if (!STORES.has(call.command) || call.args.some((a) => ts.isSpreadElement(a))) continue;
      if (call.command === 'set' && expiryOf(call).kind !== 'none') continue;
      const keys = call.command === 'mset' ? msetKeys(call) : call.key ? [call.key] : [];
      const varying = keys.filter((k) => keyVaries(k));
      if (varying.length === 0) continue;
      const sites = sitesByFn.get(facts.functionOf(call.node)) ?? [];
      const texts = new Set(varying.map((k) => keyText(facts, k)));
      if (expiredLater(facts, call, sites, texts) || setElsewhereWithTtl(facts, call, texts)) continue;
      ctx.report({
        node: call.node,
        messageId: call.command === 'set' || call.command === 'mset' ? 'set' : 'hash',
        data: { command: call.command, key: keyLabel(facts, varying[0]!) },
      });
    }
  },
});

/**
 * An `expire` on the same key in the same function (a `multi()` chain is in the same function),
 * or the key handed to a helper named for expiry. After a `set` only: SET clears any earlier TTL,
 * HSET keeps it.
 */
function expiredLater(facts: FileFacts, call: RedisCallFact, sites: CallSite[], keys: Set<string>): boolean {
  const mustFollow = call.command === 'set' || call.command === 'mset';
  return sites.some(({ node }) => {
    // In a chain (`multi().set(k, v).expire(k, 60)`) the later command's call starts where the chain does: compare where its name ends.
    if (!ts.isCallExpression(node) || node === call.node || (mustFollow && node.expression.end < call.node.end)) return false;
    const name = calleeName(node) ?? '';
    if (EXPIRE_COMMAND.test(name)) return !!node.arguments[0] && keys.has(keyText(facts, node.arguments[0]));
    return EXPIRY_HELPER.test(name) && node.arguments.some((a) => keys.has(keyText(facts, a)));
  });
}

/** `if (ttl) set(k, v, 'EX', ttl) else set(k, v)`: the author decided when the key expires. */
function setElsewhereWithTtl(facts: FileFacts, call: RedisCallFact, keys: Set<string>): boolean {
  const fn = facts.functionOf(call.node);
  return facts.redisCalls.some(
    (other) => other !== call && other.key && facts.functionOf(other.node) === fn && keys.has(keyText(facts, other.key)) && expiryOf(other).kind === 'ttl',
  );
}

/** `mset(k1, v1, k2, v2)` or `mset({ [k1]: v1 })`; a map passed as a variable is not read. */
function msetKeys(call: RedisCallFact): ts.Expression[] {
  const first = call.args[0] && unwrap(call.args[0]);
  if (call.args.length === 1 && first && ts.isObjectLiteralExpression(first)) {
    return first.properties.flatMap((p) => (p.name && ts.isComputedPropertyName(p.name) ? [p.name.expression] : []));
  }
  return call.args.length > 1 ? call.args.filter((_, i) => i % 2 === 0) : [];
}

/**
 * Whether a key names one entity of many (`email:${id}`, a parameter, a loop item, `key(id)`):
 * such keys grow with the data. A constant key (`'feature-flags'`, a module constant) is one key.
 */
function keyVaries(key: ts.Expression, depth = 0): boolean {
  const inner = unwrap(key);
  if (ts.isTemplateExpression(inner)) return true;
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return keyVaries(inner.left, depth) || keyVaries(inner.right, depth);
  }
  if (ts.isCallExpression(inner)) return inner.arguments.length > 0;
  if (!ts.isIdentifier(inner) || depth > 3) return false;
  const binding = bindingOf(inner.text, inner);
  if (binding?.kind === 'parameter' || binding?.kind === 'loop-item') return true;
  return binding?.kind === 'variable' && binding.init !== undefined && keyVaries(binding.init, depth + 1);
}
