import rule from '../../src/rules/require-cache-ttl.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'ioredis set with EX',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function cacheTemplate(appId: string, id: string, html: string) {
  await redis.set(\`app:\${appId}:tpl:\${id}\`, html, 'EX', 3600);
}`,
    },
    {
      name: 'node-redis v4 set with { EX }',
      code: `
import { createClient } from 'redis';
const client = createClient();
export async function cacheTemplate(appId: string, id: string, html: string) {
  await client.set(\`app:\${appId}:tpl:\${id}\`, html, { EX: 3600 });
}`,
    },
    {
      name: 'setex carries its own TTL',
      code: `
import { redis } from './redis';
export async function remember(appId: string, body: string) {
  await redis.setex(\`app:\${appId}:stats\`, 300, body);
}`,
    },
    {
      name: 'a lock: NX with PX',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function lock(jobId: string, token: string) {
  return redis.set(\`lock:\${jobId}\`, token, 'NX', 'PX', 30_000);
}`,
    },
    {
      name: 'hset then expire on the same key, in one multi() chain',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function track(emailId: string, status: string) {
  await redis.multi().hset(\`email:\${emailId}\`, 'status', status).expire(\`email:\${emailId}\`, 86400).exec();
}`,
    },
    {
      name: 'hset through a pipeline variable, expire on the same key afterwards',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function track(emailId: string, fields: Record<string, string>) {
  const key = \`email:\${emailId}\`;
  const p = redis.pipeline();
  p.hset(key, fields);
  p.expire(key, 86400);
  await p.exec();
}`,
    },
    {
      name: 'a counter: incr then expire is not a set',
      code: `
import { redis } from './redis';
export async function hit(ip: string) {
  const n = await redis.incr(\`rl:\${ip}\`);
  if (n === 1) await redis.expire(\`rl:\${ip}\`, 60);
  return n;
}`,
    },
    {
      name: 'a constant key is one key: it does not grow with the data',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
const FLAGS_KEY = 'feature-flags';
export async function saveFlags(flags: object) {
  await redis.set(FLAGS_KEY, JSON.stringify(flags));
  await redis.set('maintenance', 'off');
}`,
    },
    {
      name: 'set followed by expire on the same key',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function remember(id: string, body: string) {
  await redis.set('tpl:' + id, body);
  await redis.expire('tpl:' + id, 600);
}`,
    },
    {
      name: 'set then expire in one multi() chain: the expire runs after the set',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function remember(id: string, body: string) {
  await redis.multi().set(\`tpl:\${id}\`, body).expire(\`tpl:\${id}\`, 600).exec();
}`,
    },
    {
      name: 'the TTL is a decision of the caller: set with a TTL on one branch, without on the other',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function put(key: string, value: string, ttl?: number) {
  if (ttl) return redis.set(key, value, 'EX', ttl);
  return redis.set(key, value);
}`,
    },
    {
      name: 'options passed as a variable: we cannot read them',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function put(id: string, value: string, opts: string[]) {
  await redis.set(\`k:\${id}\`, value, ...opts);
}`,
    },
    {
      name: 'a Map is not Redis',
      code: `
const cache = new Map<string, string>();
export function remember(id: string, value: string) {
  cache.set(\`tpl:\${id}\`, value);
}`,
    },
  ],
  invalid: [
    {
      name: 'cache-aside fill with no expiry',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function getTemplate(appId: string, id: string) {
  const cached = await redis.get(\`app:\${appId}:tpl:\${id}\`);
  if (cached) return JSON.parse(cached);
  const tpl = await loadTemplate(appId, id);
  await redis.set(\`app:\${appId}:tpl:\${id}\`, JSON.stringify(tpl));
  return tpl;
}`,
      errors: [{ messageId: 'set', line: 8 }],
    },
    {
      name: 'node-redis set with NX only',
      code: `
import { createClient } from 'redis';
const client = createClient();
export async function markSeen(messageId: string) {
  return client.set(\`seen:\${messageId}\`, '1', { NX: true });
}`,
      errors: [{ messageId: 'set', line: 5 }],
    },
    {
      name: 'hset per email with no expire anywhere',
      code: `
import { redis } from './redis';
export async function recordStatus(emailId: string, status: string) {
  await redis.hset(\`email:\${emailId}\`, { status, at: Date.now() });
}`,
      errors: [{ messageId: 'hash', line: 4 }],
    },
    {
      name: 'expire before set does not count: SET clears the TTL',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function remember(id: string, body: string) {
  const key = \`tpl:\${id}\`;
  await redis.expire(key, 600);
  await redis.set(key, body);
}`,
      errors: [{ messageId: 'set', line: 7 }],
    },
    {
      name: 'a generic cache helper whose key is a parameter',
      code: `
import type { Redis } from 'ioredis';
export class Cache {
  constructor(private readonly redis: Redis) {}
  async put(key: string, value: unknown) {
    await this.redis.set(key, JSON.stringify(value));
  }
}`,
      errors: [{ messageId: 'set', line: 6 }],
    },
    {
      name: 'mset of per-recipient keys, in a pipeline chain',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function warm(a: string, b: string) {
  await redis.multi().mset(\`r:\${a}\`, '1', \`r:\${b}\`, '1').exec();
}`,
      errors: [{ messageId: 'set', line: 5 }],
    },
  ],
});
