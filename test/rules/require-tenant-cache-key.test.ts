import rule from '../../src/rules/require-tenant-cache-key.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the key starts with the tenant',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function getTemplate(appId: string, id: string) {
  return redis.get(\`app:\${appId}:tpl:\${id}\`);
}`,
    },
    {
      name: 'a key built by a helper is opaque: the helper may add the tenant',
      code: `
import Redis from 'ioredis';
import { cacheKey } from './keys';
const redis = new Redis();
export async function getTemplate(appId: string, id: string) {
  return redis.get(cacheKey(appId, id));
}`,
    },
    {
      name: 'a global key in a function with no tenant in scope',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function getMx(domainId: string) {
  return redis.get(\`mx:\${domainId}\`);
}`,
    },
    {
      name: 'a key passed in as a variable is computed elsewhere',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function read(appId: string, key: string) {
  return redis.get(key);
}`,
    },
    {
      name: 'the tenant reaches the key through app.id',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function settings(appId: string, app: { id: string }, id: string) {
  return redis.get(\`app:\${app.id}:settings:\${id}\`);
}`,
    },
    {
      name: 'a shared key that is not built from record ids (a domain, an IP)',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function mxHosts(appId: string, domain: string) {
  return redis.get(\`mx:\${domain}\`);
}`,
    },
    {
      name: 'a constant key: one entry for everybody',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function flags(appId: string) {
  return redis.get('feature-flags');
}`,
    },
    {
      name: 'a lock is not a cache entry',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function lock(appId: string, jobId: string) {
  return redis.set(\`lock:\${jobId}\`, '1', 'NX', 'PX', 30000);
}`,
    },
    {
      name: 'a local const key that includes the tenant through a prefix',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function load(tenantId: string, contactId: string) {
  const prefix = \`t:\${tenantId}\`;
  const key = \`\${prefix}:contact:\${contactId}\`;
  return redis.get(key);
}`,
    },
    {
      name: 'tenant keys are configurable: a column read on an imported table is not the tenant',
      code: `
import Redis from 'ioredis';
import { emails } from './schema';
const redis = new Redis();
export async function cached(id: string) {
  const column = emails.appId;
  return redis.get(\`email:\${id}\`);
}`,
    },
    {
      name: 'a global index that leads back to the tenant, for webhooks that only know the provider id',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function remember(appId: string, emailId: string, providerMessageId: string) {
  await redis.set(\`provider:\${providerMessageId}\`, \`\${appId}:\${emailId}\`, 'EX', 604800);
}`,
    },
  ],
  invalid: [
    {
      name: 'a parameter appId, a key by template id only; get and set of the same key are one finding',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function getTemplate(appId: string, templateId: string) {
  const hit = await redis.get(\`tpl:\${templateId}\`);
  if (hit) return JSON.parse(hit);
  const tpl = await load(appId, templateId);
  await redis.set(\`tpl:\${templateId}\`, JSON.stringify(tpl), 'EX', 300);
  return tpl;
}`,
      errors: [{ messageId: 'missing', line: 5 }],
    },
    {
      name: 'a route handler that reads the tenant from request.params',
      code: `
import Fastify from 'fastify';
import { redis } from './redis';
const app = Fastify();
app.get('/apps/:appId/emails/:id', async (request) => {
  const { id } = request.params as { id: string };
  const owner = request.params.appId;
  return redis.hgetall(\`email:\${id}\`);
});`,
      errors: [{ messageId: 'missing', line: 8 }],
    },
    {
      name: 'a destructured tenant in a job processor, a key in a local const',
      code: `
import { Worker } from 'bullmq';
import Redis from 'ioredis';
const redis = new Redis();
new Worker('stats', async (job) => {
  const { workspaceId, listId } = job.data;
  const key = 'list:' + listId + ':size';
  await redis.setex(key, 60, String(await count(workspaceId, listId)));
});`,
      errors: [{ messageId: 'missing', line: 8 }],
    },
    {
      name: 'a nested callback sees the tenant of its enclosing function',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function warm(orgId: string, contacts: { id: string }[]) {
  await Promise.all(contacts.map((c) => redis.del(\`contact:\${c.id}\`)));
}`,
      errors: [{ messageId: 'missing', line: 5 }],
    },
  ],
});
