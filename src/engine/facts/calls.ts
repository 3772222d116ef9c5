import * as ts from '../compiler.js';
import { calleeName, calleeObject, memberName, semanticParent, stringText, unwrap } from './ast.js';
import type { Construct, Library, Role } from './libraries.js';

/**
 * Call sites of the other libraries the checklist cares about: Redis commands, queue adds,
 * mail sends, outbound HTTP, listeners and timers. Classified once per file from the calls the
 * facts walk collected; receivers are recognised by where they come from or by verbs only that
 * library has, never by their spelling.
 */

interface Located {
  node: ts.CallExpression;
}

export interface RedisCallFact extends Located {
  receiver: string;
  command: string;
  /** The key argument, when the command takes one. */
  key?: ts.Expression;
  args: ts.Expression[];
}

export interface QueueCallFact extends Located {
  receiver: string;
  method: 'add' | 'addBulk';
  args: ts.Expression[];
}

export interface MailCallFact extends Located {
  receiver: string;
  method: string;
}

export interface HttpCallFact extends Located {
  /** fetch, axios, got, undici, ky */
  client: string;
  /** The argument that carries the options (signal, timeout), if the call has one. */
  options?: ts.Expression;
  /** The call's options come from an instance created with defaults (`axios.create({ timeout })`). */
  instanceDefaults?: ts.ObjectLiteralExpression;
}

export interface ListenerFact extends Located {
  receiver: string;
  method: string;
  event?: string;
  handler?: ts.Expression;
}

export interface TimerFact extends Located {
  name: 'setInterval' | 'setTimeout' | 'setImmediate';
  /** Where the handle is kept (`const t = setInterval(…)`, `this.timer = …`), if anywhere. */
  assignedTo?: string;
}

export interface CallFacts {
  redisCalls: RedisCallFact[];
  queueCalls: QueueCallFact[];
  mailCalls: MailCallFact[];
  httpCalls: HttpCallFact[];
  listeners: ListenerFact[];
  timers: TimerFact[];
}

interface Input {
  calls: ts.CallExpression[];
  text: (node: ts.Node) => string;
  roleOf: (receiver: string) => { role: Role; construct?: Construct } | undefined;
  imports: Map<string, { library?: Library; imported: string; module: string }>;
  /** Initialisers by name, for `const api = axios.create({...})`. */
  initOf: (name: string) => ts.Expression | undefined;
}

/** Verbs only Redis clients have: a receiver that uses one is a Redis client in this file. */
const REDIS_ONLY = new Set([
  'setex', 'psetex', 'setnx', 'hset', 'hget', 'hgetall', 'hmset', 'hmget', 'hdel', 'hincrby', 'expire', 'pexpire', 'expireat',
  'ttl', 'lpush', 'rpush', 'lpop', 'rpop', 'lrange', 'ltrim', 'zadd', 'zrange', 'zrangebyscore', 'zrem', 'sadd', 'srem',
  'smembers', 'sismember', 'incr', 'incrby', 'decr', 'mget', 'mset', 'getex', 'getdel', 'xadd', 'publish', 'subscribe',
  'pipeline', 'multi', 'eval', 'evalsha', 'hSet', 'hGet', 'hGetAll', 'setEx', 'pExpire', 'lPush', 'rPush', 'zAdd', 'sAdd', 'incrBy',
]);
const REDIS_GENERIC = new Set(['get', 'set', 'del', 'exists', 'keys', 'scan', 'unlink']);
/** Commands whose first argument is a key. */
const KEYLESS = new Set(['pipeline', 'multi', 'publish', 'subscribe', 'eval', 'evalsha', 'keys', 'scan', 'mget', 'mset']);

const MAIL_MODULES = new Set(['nodemailer', '@sendgrid/mail', 'resend', 'postmark', '@aws-sdk/client-ses', '@aws-sdk/client-sesv2', 'mailgun.js']);
const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const HTTP_MODULES: Record<string, string> = { axios: 'axios', got: 'got', undici: 'undici', 'node-fetch': 'fetch', ky: 'ky' };
const LISTEN = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);

export function collectCallFacts(input: Input): CallFacts {
  const facts: CallFacts = { redisCalls: [], queueCalls: [], mailCalls: [], httpCalls: [], listeners: [], timers: [] };
  const { text, roleOf } = input;

  // Each call's method name and receiver, read once: the passes below all need them.
  const sites = input.calls.map((call) => {
    const receiver = calleeObject(call);
    return { call, name: calleeName(call), receiver, receiverText: receiver ? text(unwrap(receiver)) : '' };
  });

  // Receivers that use a Redis-only verb anywhere in the file are Redis clients.
  const redisReceivers = new Set<string>();
  for (const { call, name, receiver, receiverText } of sites) {
    if (!receiver || !name) continue;
    const role = roleOf(receiverText)?.role;
    if (role === 'redis' || (role === undefined && (REDIS_ONLY.has(name) || hasRedisSetOptions(call, name)) && !isModuleNamespace(receiver, input))) {
      redisReceivers.add(receiverText);
    }
  }
  // `const tx = redis.multi()`: a pipeline or transaction of a Redis client takes the same commands.
  for (const { receiver } of sites) {
    const inner = receiver && unwrap(receiver);
    if (!inner || !ts.isIdentifier(inner) || redisReceivers.has(inner.text)) continue;
    const init = input.initOf(inner.text);
    if (init && isRedisChain(init, redisReceivers, text)) redisReceivers.add(inner.text);
  }

  for (const { call, name, receiver, receiverText } of sites) {
    if (!name) continue;
    const role = receiver ? roleOf(receiverText) : undefined;
    const args = call.arguments;

    const redisReceiver = receiver && (redisReceivers.has(receiverText) || isRedisChain(receiver, redisReceivers, text));
    if (redisReceiver && (REDIS_ONLY.has(name) || REDIS_GENERIC.has(name))) {
      facts.redisCalls.push({ node: call, receiver: receiverText, command: name, key: KEYLESS.has(name) ? undefined : args[0], args: [...args] });
      continue;
    }
    if (receiver && (name === 'add' || name === 'addBulk') && isQueueCall(call, name, role?.role)) {
      facts.queueCalls.push({ node: call, receiver: receiverText, method: name, args: [...args] });
      continue;
    }
    if (receiver && (name === 'sendMail' || (name === 'send' && isMailReceiver(receiver, role?.role, input)))) {
      facts.mailCalls.push({ node: call, receiver: receiverText, method: name });
      continue;
    }
    const http = httpCall(call, name, receiver, input);
    if (http) {
      facts.httpCalls.push(http);
      continue;
    }
    if (receiver && LISTEN.has(name)) {
      const event = stringText(args[0]);
      facts.listeners.push({ node: call, receiver: receiverText, method: name, event, handler: args[1] });
      continue;
    }
    if (!receiver && (name === 'setInterval' || name === 'setTimeout' || name === 'setImmediate')) {
      facts.timers.push({ node: call, name, assignedTo: assignedName(call, text) });
    }
  }
  return facts;
}

/** `set(k, v, 'EX', 60)` (ioredis) and `set(k, v, { EX: 60 })` (node-redis): options only Redis takes. */
const SET_FLAGS = /^(EX|PX|EXAT|PXAT|KEEPTTL|NX|XX)$/i;
const SET_OPTION_KEYS = /^(EX|PX|EXAT|PXAT|KEEPTTL|NX|XX|expiration|condition)$/;
function hasRedisSetOptions(call: ts.CallExpression, name: string): boolean {
  if (name !== 'set' || call.arguments.length < 3) return false;
  return call.arguments.slice(2).some((arg) => {
    const inner = unwrap(arg);
    if (ts.isStringLiteralLike(inner)) return SET_FLAGS.test(inner.text);
    return ts.isObjectLiteralExpression(inner) && inner.properties.some((p) => !!p.name && ts.isIdentifier(p.name) && SET_OPTION_KEYS.test(p.name.text));
  });
}

/** `redis.multi()`, `redis.pipeline().set(k, v)`: a chain of commands started on a Redis client. */
function isRedisChain(expr: ts.Expression, redisReceivers: Set<string>, text: (node: ts.Node) => string): boolean {
  const inner = unwrap(expr);
  if (!ts.isCallExpression(inner)) return false;
  const name = calleeName(inner);
  const receiver = calleeObject(inner);
  if (!name || !receiver) return false;
  if (name === 'pipeline' || name === 'multi') return redisReceivers.has(text(unwrap(receiver))) || isRedisChain(receiver, redisReceivers, text);
  return (REDIS_ONLY.has(name) || REDIS_GENERIC.has(name)) && isRedisChain(receiver, redisReceivers, text);
}

function isModuleNamespace(receiver: ts.Expression, input: Input): boolean {
  const inner = unwrap(receiver);
  return ts.isIdentifier(inner) && input.imports.get(inner.text)?.library !== undefined && input.roleOf(inner.text) === undefined;
}

/** BullMQ `queue.add(name, data, opts)`; a Set's `add(value)` takes one argument and no name. */
function isQueueCall(call: ts.CallExpression, name: string, role: Role | undefined): boolean {
  if (role === 'queue') return true;
  if (role !== undefined) return false;
  if (name === 'addBulk') return true;
  const first = call.arguments[0];
  return call.arguments.length >= 2 && !!first && (ts.isStringLiteralLike(unwrap(first)) || ts.isTemplateExpression(unwrap(first)));
}

function isMailReceiver(receiver: ts.Expression, role: Role | undefined, input: Input): boolean {
  if (role === 'mailer') return true;
  // sgMail.send(…), resend.emails.send(…): the root comes from a mail provider's module.
  let root = unwrap(receiver);
  while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
  if (!ts.isIdentifier(root)) return false;
  const binding = input.imports.get(root.text);
  if (binding && MAIL_MODULES.has(binding.module)) return true;
  const init = input.initOf(root.text);
  if (init && (ts.isNewExpression(unwrap(init)) || ts.isCallExpression(unwrap(init)))) {
    const callee = unwrap((unwrap(init) as ts.NewExpression | ts.CallExpression).expression);
    const id = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : undefined;
    const from = id ? input.imports.get(id) : undefined;
    return !!from && MAIL_MODULES.has(from.module);
  }
  return false;
}

function httpCall(call: ts.CallExpression, name: string, receiver: ts.Expression | undefined, input: Input): HttpCallFact | undefined {
  const args = call.arguments;
  if (!receiver) {
    const binding = input.imports.get(name);
    // Global fetch, unless a local or imported name shadows it with something else.
    if (name === 'fetch' && (!binding || HTTP_MODULES[binding.module] === 'fetch' || binding.module === 'undici')) {
      return { node: call, client: 'fetch', options: args[1] };
    }
    const client = binding ? HTTP_MODULES[binding.module] : undefined;
    if (client === 'axios' || client === 'got' || client === 'ky') return { node: call, client, options: client === 'axios' && args.length === 1 ? args[0] : args[1] };
    if (client === 'undici' && (binding!.imported === 'request' || binding!.imported === 'fetch')) return { node: call, client, options: args[1] };
    // An axios instance: `const api = axios.create({...}); api(…)` is rare; instances are used with verbs.
    return undefined;
  }
  if (!HTTP_VERBS.has(name)) return undefined;
  const root = unwrap(receiver);
  if (!ts.isIdentifier(root)) return undefined;
  const binding = input.imports.get(root.text);
  const client = binding ? HTTP_MODULES[binding.module] : undefined;
  let instanceDefaults: ts.ObjectLiteralExpression | undefined;
  let instanceClient: string | undefined;
  if (!client) {
    const init = input.initOf(root.text);
    const inner = init && unwrap(init);
    if (inner && ts.isCallExpression(inner) && memberName(unwrap(inner.expression)) === 'create' || inner && ts.isCallExpression(inner) && memberName(unwrap(inner.expression)) === 'extend') {
      const call2 = inner as ts.CallExpression;
      const base = calleeObject(call2);
      const baseBinding = base && ts.isIdentifier(unwrap(base)) ? input.imports.get((unwrap(base) as ts.Identifier).text) : undefined;
      instanceClient = baseBinding ? HTTP_MODULES[baseBinding.module] : undefined;
      const options = call2.arguments[0] && unwrap(call2.arguments[0]);
      if (options && ts.isObjectLiteralExpression(options)) instanceDefaults = options;
    }
  }
  const which = client ?? instanceClient;
  if (!which) return undefined;
  // axios.get(url, config), axios.post(url, data, config); got.get(url, options); undici.request(url, options).
  const withBody = which === 'axios' && (name === 'post' || name === 'put' || name === 'patch');
  return { node: call, client: which, options: withBody ? args[2] : args[1], instanceDefaults };
}

function assignedName(call: ts.CallExpression, text: (node: ts.Node) => string): string | undefined {
  const parent = semanticParent(call);
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return text(unwrap(parent.left));
  if (parent && ts.isPropertyDeclaration(parent)) return `this.${text(parent.name)}`;
  return undefined;
}
