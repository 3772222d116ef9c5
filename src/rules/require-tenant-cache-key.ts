import * as ts from '../engine/compiler.js';
import { boundNames, isFunctionNode, unwrap } from '../engine/facts/ast.js';
import type { RedisCallFact } from '../engine/facts/calls.js';
import type { FileFacts } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { STORE_COMMANDS, bindingOf, keyLabel, keyText } from './utils/cache.js';

/** Commands that read or write a cached value: counters, locks, queues and pub/sub are other things. */
const CACHE_COMMANDS = new Set([
  'get', 'getex', 'getdel', 'set', 'setex', 'setEx', 'psetex', 'hget', 'hGet', 'hgetall', 'hGetAll', 'hmget', 'hset', 'hSet', 'hmset', 'del', 'unlink', 'exists',
]);
/** Names that identify one record: `id`, `emailId`, `template_id`. */
const ID_NAME = /^id$|Id$|ID$|_id$/;
/** Parts of a key that may already carry the tenant: a prefix or namespace built elsewhere. */
const MAY_HOLD_TENANT = /tenant|prefix|namespace|^ns$|scope/i;

export default defineRule({
  id: 'require-tenant-cache-key',
  checklist: 'cache.tenant-key',
  severity: 'moderate',
  docs: {
    description: 'Require cache keys built from record ids to include the tenant id the function has in scope.',
  },
  messages: {
    missing:
      'The cache key {{key}} is built from record ids but not from `{{tenant}}`, which this function has: two tenants whose records share an id read each other\'s entry, and one tenant\'s entries cannot be found or flushed on their own (`SCAN app:123:*`). Put the tenant first in the key: `app:${{{tenant}}}:…`.',
  },
  applies: (facts) => facts.redisCalls.some((c) => c.key !== undefined && CACHE_COMMANDS.has(c.command)),
  check(facts, ctx) {
    const tenantKeys = new Set(ctx.settings.tenantKeys.map((k) => k.toLowerCase()));
    const seen = new Set<string>();
    for (const call of facts.redisCalls) {
      if (!call.key || !CACHE_COMMANDS.has(call.command) || isLock(call) || mapsToTenant(call, tenantKeys)) continue;
      const parts = keyParts(call.key);
      if (!parts || parts.length === 0) continue;
      if (parts.some((part) => carriesTenant(part, tenantKeys))) continue;
      if (!parts.some((part) => namesIn(part).some((n) => ID_NAME.test(n)))) continue;
      const tenant = tenantInScope(facts, call.node, tenantKeys);
      if (!tenant) continue;
      // One finding per key: its `get` and its `set` are one problem.
      const once = `${facts.functionOf(call.node)?.node.pos ?? -1}\0${keyText(facts, call.key)}`;
      if (seen.has(once)) continue;
      seen.add(once);
      ctx.report({ node: call.node, messageId: 'missing', data: { key: keyLabel(facts, call.key), tenant } });
    }
  },
});

/**
 * `set(\`provider:${messageId}\`, \`${appId}:${emailId}\`)`: a global index that leads back to the
 * tenant, read by code that does not know the tenant yet (a provider's webhook).
 */
function mapsToTenant(call: RedisCallFact, tenantKeys: Set<string>): boolean {
  const spec = STORE_COMMANDS[call.command];
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && tenantKeys.has(node.text.toLowerCase())) found = true;
    // The tenant as data (`\`${appId}:${id}\``, `{ appId }`), not as an input of what is computed.
    if (ts.isCallExpression(node) && node.expression.getText() !== 'JSON.stringify') return;
    ts.forEachChild(node, visit);
  };
  if (spec) call.args.slice(spec.value).forEach(visit);
  return found;
}

/** `set(k, token, 'NX', …)` / `{ NX: true }`: a lock or an idempotency marker, not a cache entry. */
function isLock(call: RedisCallFact): boolean {
  return call.command === 'set' && call.args.slice(2).some((arg) => /\bNX\b/.test(arg.getText()));
}

/**
 * The interpolated parts of a key written here: template spans, concatenated non-literals, and the
 * same of a `const key = …` in scope. Undefined when the key is opaque (a helper's result, a
 * parameter, a property): whoever built it may have put the tenant in.
 */
function keyParts(key: ts.Expression, depth = 0): ts.Expression[] | undefined {
  const inner = unwrap(key);
  if (ts.isStringLiteralLike(inner)) return [];
  if (ts.isTemplateExpression(inner)) return inner.templateSpans.map((s) => s.expression);
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = keyParts(inner.left, depth) ?? [inner.left];
    const right = keyParts(inner.right, depth) ?? [inner.right];
    return [...left, ...right];
  }
  if (ts.isIdentifier(inner) && depth < 3) {
    const binding = bindingOf(inner.text, inner);
    if (binding?.kind === 'variable' && binding.isConst && binding.init) return keyParts(binding.init, depth + 1);
  }
  return undefined;
}

/** Identifiers and property names an expression mentions (`email.id` → email, id). */
function namesIn(node: ts.Node): string[] {
  const names: string[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child)) names.push(child.text);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return names;
}

/**
 * Whether a part of a key is the tenant: `appId`, `req.params.appId`, `app.id`, or something that
 * may hold it (a prefix, a `const` built from the tenant, a call we cannot see into).
 */
function carriesTenant(part: ts.Expression, tenantKeys: Set<string>, depth = 0): boolean {
  const inner = unwrap(part);
  if (ts.isCallExpression(inner)) return true;
  const names = namesIn(inner);
  if (names.some((n) => tenantKeys.has(n.toLowerCase()) || MAY_HOLD_TENANT.test(n))) return true;
  if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'id') {
    const base = unwrap(inner.expression);
    const baseName = ts.isIdentifier(base) ? base.text : ts.isPropertyAccessExpression(base) ? base.name.text : '';
    if (tenantKeys.has(`${baseName}id`.toLowerCase())) return true;
  }
  if (ts.isIdentifier(inner) && depth < 3) {
    const binding = bindingOf(inner.text, inner);
    if (binding?.kind === 'variable' && binding.init) return carriesTenant(binding.init, tenantKeys, depth + 1);
  }
  return false;
}

/**
 * The tenant id visible where the call is: a parameter, a variable or a destructured name of the
 * function or the functions around it, or a property it reads (`req.params.appId`,
 * `job.data.tenantId`). Property reads on imported objects are table columns (`emails.appId`).
 */
function tenantInScope(facts: FileFacts, node: ts.Node, tenantKeys: Set<string>): string | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    for (const param of current.parameters) {
      const name = boundNames(param.name).find((n) => tenantKeys.has(n.toLowerCase()));
      if (name) return name;
    }
    const found = current.body && tenantInBody(facts, current.body, tenantKeys);
    if (found) return found;
  }
  return undefined;
}

function tenantInBody(facts: FileFacts, body: ts.Node, tenantKeys: Set<string>): string | undefined {
  let found: string | undefined;
  const visit = (child: ts.Node): void => {
    if (found || isFunctionNode(child)) return;
    if (ts.isVariableDeclaration(child)) found = boundNames(child.name).find((n) => tenantKeys.has(n.toLowerCase()));
    if (!found && ts.isPropertyAccessExpression(child) && tenantKeys.has(child.name.text.toLowerCase())) {
      const root = rootOf(child);
      if (!ts.isIdentifier(root) || bindingOf(root.text, root)?.kind !== 'import') found = facts.text(child);
    }
    if (!found) ts.forEachChild(child, visit);
  };
  visit(body);
  return found;
}

function rootOf(node: ts.Expression): ts.Expression {
  let current = unwrap(node);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isCallExpression(current)) current = unwrap(current.expression);
  return current;
}
