import * as ts from '../engine/compiler.js';
import { calleeName, calleeObject, unwrap } from '../engine/facts/ast.js';
import type { CallSite, ConstructFact, FileFacts } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { assignedName, perCallContext } from './utils/clients.js';
import { smtpKindOf } from './utils/smtp.js';

/** Kinds of client that each hold connections; drizzle and Kysely only wrap a client they are given. */
const CONNECTING = new Set([
  'pg Pool', 'pg Client', 'Prisma client', 'postgres.js client', 'knex database',
  'ioredis client', 'ioredis cluster', 'redis client', 'redis cluster',
  'BullMQ Queue', 'BullMQ FlowProducer', 'nodemailer transport',
]);

interface Created {
  node: ts.CallExpression | ts.NewExpression;
  kind: string;
  messageId: 'redis' | 'db' | 'queue' | 'mailer' | 'duplicate';
  context: string;
}

export default defineRule({
  id: 'no-client-per-request',
  checklist: 'pool.redis-reuse',
  severity: 'critical',
  docs: {
    description: 'Disallow creating Redis, PostgreSQL, Prisma, BullMQ queue or SMTP clients per request, job or call instead of reusing one.',
  },
  messages: {
    redis:
      'A new {{kind}} is created for each {{context}}: every one opens its own TCP (and TLS) connection to Redis, adds a round-trip or more of handshake before the first command, and stays open until someone calls `quit()`. At 1M emails a day that is a dozen new connections a second, and a burst runs into Redis\'s `maxclients`. Create the client once at module level (or lazily: `client ??= new Redis(url)`) and reuse it.',
    db:
      'A new {{kind}} is created for each {{context}}: every one pays a PostgreSQL connection handshake (TCP, TLS, authentication and a new server process, 20–50 ms) and a burst opens connections until `max_connections` (100 by default) refuses them. Create one pool at module level and reuse it; Prisma needs a single `PrismaClient` per process.',
    queue:
      'A new {{kind}} is created for each {{context}}: each opens its own Redis connection (two with blocking commands) that stays open until `close()`, so every {{context}} leaks a connection. Create the queue once at module level (or keep one per name in a module `Map`) and reuse it.',
    mailer:
      'A new SMTP transport is created for each {{context}}: every email pays a fresh TCP + TLS + AUTH handshake (100–300 ms) and nothing is reused. Create one transport with `pool: true` at module level (or one per SMTP account, cached in a module `Map`) and reuse it.',
    duplicate:
      '`{{kind}}.duplicate()` opens a new Redis connection for each {{context}}: a thousand open streams hold a thousand connections, each left open until `quit()`. Subscribe once with one connection at start-up and fan messages out in the process.',
  },
  applies: (facts) => facts.constructs.some((c) => CONNECTING.has(c.construct.kind)) || duplicates(facts).length > 0,
  check(facts, ctx) {
    for (const created of perCall(facts)) {
      ctx.report({ node: created.node, messageId: created.messageId, data: { kind: created.kind, context: created.context } });
    }
  },
});

function perCall(facts: FileFacts): Created[] {
  const found: Created[] = [];
  for (const c of facts.constructs) {
    if (!CONNECTING.has(c.construct.kind)) continue;
    // Non-SMTP transports (SES, streams, JSON) hold no connection of their own.
    if (c.construct.library === 'nodemailer' && smtpKindOf(c) === 'other') continue;
    const context = perCallContext(facts, c);
    if (context) found.push({ node: c.node, kind: c.construct.kind, messageId: messageIdOf(c), context });
  }
  for (const call of duplicates(facts)) {
    const context = perCallContext(facts, { node: call.node, fn: call.fn, assignedTo: assignedName(facts, call.node) });
    const receiver = calleeObject(call.node)!;
    if (context) found.push({ node: call.node, kind: facts.text(unwrap(receiver)), messageId: 'duplicate', context });
  }
  return found;
}

function messageIdOf(c: ConstructFact): Created['messageId'] {
  if (c.construct.role === 'redis') return 'redis';
  if (c.construct.role === 'queue') return 'queue';
  if (c.construct.role === 'mailer') return 'mailer';
  return 'db';
}

/** `redis.duplicate()` on a client known to be Redis, or whose copy is used with Redis verbs. */
function duplicates(facts: FileFacts) {
  const redisReceivers = new Set(facts.redisCalls.map((r) => r.receiver));
  const found: (CallSite & { node: ts.CallExpression })[] = [];
  for (const call of facts.calls) {
    const node = call.node;
    if (!ts.isCallExpression(node) || calleeName(node) !== 'duplicate' || node.arguments.length > 1) continue;
    const receiver = calleeObject(node);
    if (!receiver) continue;
    const text = facts.text(unwrap(receiver));
    const copy = assignedName(facts, node);
    const isRedis = facts.roleOf(text)?.role === 'redis' || redisReceivers.has(text) || (copy !== undefined && redisReceivers.has(copy));
    if (isRedis) found.push({ ...call, node });
  }
  return found;
}
