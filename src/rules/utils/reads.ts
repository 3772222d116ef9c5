import * as ts from '../../engine/compiler.js';
import { calleeName, calleeObject, propertyOf, semanticParent, stringText, unwrap } from '../../engine/facts/ast.js';
import type { HttpCallFact } from '../../engine/facts/calls.js';
import type { FileFacts, FunctionFact, QueryFact } from '../../engine/facts/index.js';
import { isInside } from './functions.js';

/**
 * Whether a call only reads: running it earlier, later or beside another read changes nothing but
 * the wait. Facts first (a read query, a Redis read, an HTTP GET, a local function that only
 * reads); names only for functions the file cannot see into (imported, or methods of services).
 */

/** Redis commands that only read. */
export const REDIS_READS = new Set([
  'get', 'mget', 'hget', 'hgetall', 'hmget', 'hGet', 'hGetAll', 'hmGet', 'smembers', 'sMembers', 'sismember', 'sIsMember',
  'exists', 'ttl', 'pttl', 'lrange', 'lRange', 'llen', 'lLen', 'zrange', 'zRange', 'zrangebyscore', 'zscore', 'zScore',
  'zcard', 'zCard', 'scard', 'sCard', 'strlen',
]);

/** A read verb followed by what it reads: `getApp`, `loadQuota`, `findUserByEmail`. A bare `read()` is a stream's. */
const READ_NAME = /^(get|load|fetch|find|read|list|lookup|count|resolve|search)[A-Z0-9_]/;
/** Words that make a read-named function write, consume or depend on order: `getOrCreateUser`, `fetchAndLock`, `getNextId`. */
const WRITE_WORDS = new Set([
  'create', 'update', 'insert', 'upsert', 'save', 'delete', 'remove', 'send', 'lock', 'claim', 'acquire', 'reserve', 'incr',
  'increment', 'decrement', 'pop', 'shift', 'next', 'consume', 'mark', 'ensure', 'sync', 'write', 'set', 'put', 'post',
  'publish', 'enqueue', 'add', 'push', 'refresh', 'rotate', 'generate', 'issue', 'reset', 'process', 'apply', 'commit', 'flush',
  'modify', 'replace', 'assign', 'archive', 'cancel', 'close', 'start', 'stop', 'schedule', 'track', 'log', 'record', 'store',
  'persist', 'register', 'move', 'copy', 'merge', 'drop', 'clear', 'purge', 'expire', 'touch', 'bump', 'emit', 'notify',
  'dispatch', 'retry', 'ack', 'approve', 'reject',
]);
/** Receivers that hold one connection: queries on them run one at a time whatever the code does. */
const SINGLE_CONNECTION_KINDS = new Set(['pg client', 'pg Client', 'drizzle transaction', 'Kysely transaction']);

export function isReadName(name: string | undefined): boolean {
  if (!name || !READ_NAME.test(name)) return false;
  const words = name.split(/(?=[A-Z0-9])|_/).map((w) => w.toLowerCase());
  return !words.some((w) => WRITE_WORDS.has(w));
}

export function isTransactionStart(sql: string | undefined): boolean {
  return !!sql && /^\s*(BEGIN|START\s+TRANSACTION)\b/i.test(sql);
}

export function isReadCall(facts: FileFacts, call: ts.CallExpression): boolean {
  const query = facts.queries.find((q) => q.node === call);
  if (query) return query.shape.op !== 'write' && !onOneConnection(facts, query);
  const redis = facts.redisCalls.find((c) => c.node === call);
  if (redis) return REDIS_READS.has(redis.command);
  const http = facts.httpCalls.find((c) => c.node === call);
  if (http) return isGet(http);
  if (facts.queueCalls.some((c) => c.node === call) || facts.mailCalls.some((c) => c.node === call)) return false;
  const local = facts.localCalls.find((c) => c.node === call);
  if (local) return readsOnly(facts, local.target);
  const callee = unwrap(call.expression);
  // An imported function or a service's method: the file cannot see inside, so its name decides.
  if (ts.isIdentifier(callee)) return facts.imports.has(callee.text) && isReadName(callee.text);
  return ts.isPropertyAccessExpression(callee) && isReadName(callee.name.text);
}

/** A local function that does no write the facts can see, and either reads by fact or by name. */
function readsOnly(facts: FileFacts, fn: FunctionFact): boolean {
  const inside = (node: ts.Node): boolean => isInside(node, fn);
  const queries = facts.queries.filter((q) => inside(q.node));
  const redis = facts.redisCalls.filter((c) => inside(c.node));
  const http = facts.httpCalls.filter((c) => inside(c.node));
  const writes =
    queries.some((q) => q.shape.op === 'write') || redis.some((c) => !REDIS_READS.has(c.command)) || http.some((c) => !isGet(c)) ||
    facts.queueCalls.some((c) => inside(c.node)) || facts.mailCalls.some((c) => inside(c.node));
  if (writes) return false;
  const readsByFact = queries.length + redis.length + http.length > 0;
  return readsByFact || (fn.isAsync && isReadName(fn.name));
}

/** GET (or HEAD) with no body: the method written in the call, or the client's default. */
export function isGet(http: HttpCallFact): boolean {
  const name = calleeName(http.node);
  if (calleeObject(http.node) && name !== 'request') return name === 'get' || name === 'head';
  // `axios.request(config)` and `axios(config)` carry the method in their only argument.
  const raw = http.client === 'axios' && name === 'request' ? http.node.arguments[0] : http.options;
  const options = raw && unwrap(raw);
  if (!options) return true;
  if (!ts.isObjectLiteralExpression(options) || options.properties.some((p) => ts.isSpreadAssignment(p)) || propertyOf(options, 'body')) return false;
  const method = propertyOf(options, 'method');
  if (!method) return true;
  const value = ts.isPropertyAssignment(method) ? stringText(method.initializer) : undefined;
  return !!value && /^(get|head)$/i.test(value);
}

function onOneConnection(facts: FileFacts, query: QueryFact): boolean {
  const root = query.chain?.rootText;
  if (!root) return false;
  const kind = facts.roleOf(root)?.construct?.kind;
  if (kind && SINGLE_CONNECTION_KINDS.has(kind)) return true;
  return checkedOut(facts).has(root);
}

/** Names bound to `await pool.connect()` or `await sql.reserve()`: one connection each. Read once per file. */
function checkedOut(facts: FileFacts): Set<string> {
  return facts.memo(checkedOut, () => findCheckedOut(facts));
}

function findCheckedOut(facts: FileFacts): Set<string> {
  const names = new Set<string>();
  for (const site of facts.calls) {
    const node = site.node;
    if (!ts.isCallExpression(node)) continue;
    const name = calleeName(node);
    if (name !== 'connect' && name !== 'reserve') continue;
    let parent = semanticParent(node);
    if (parent && ts.isAwaitExpression(parent)) parent = semanticParent(parent);
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) names.add(parent.name.text);
  }
  return names;
}
