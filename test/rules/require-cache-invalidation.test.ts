import rule from '../../src/rules/require-cache-invalidation.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the update deletes the cached key',
      code: `
import Redis from 'ioredis';
import { db } from './db';
const redis = new Redis();
export async function getTemplate(appId: string, id: string) {
  const [tpl] = await db.select({ id: templates.id, html: templates.html }).from(templates).where(eq(templates.id, id));
  await redis.set(\`app:\${appId}:tpl:\${id}\`, JSON.stringify(tpl), 'EX', 3600);
  return tpl;
}
export async function updateTemplate(appId: string, id: string, html: string) {
  await db.update(templates).set({ html }).where(eq(templates.id, id));
  await redis.del(\`app:\${appId}:tpl:\${id}\`);
}`,
    },
    {
      name: 'write-through: the new value is written to the key',
      code: `
import Redis from 'ioredis';
import { prisma } from './prisma';
const redis = new Redis();
export async function getApp(appId: string) {
  const app = await prisma.app.findUnique({ where: { id: appId } });
  await redis.set(\`app:\${appId}\`, JSON.stringify(app), 'EX', 86400);
  return app;
}
export async function rename(appId: string, name: string) {
  const app = await prisma.app.update({ where: { id: appId }, data: { name } });
  await redis.set(\`app:\${appId}\`, JSON.stringify(app), 'EX', 86400);
}`,
    },
    {
      name: 'a short TTL bounds staleness to a minute',
      code: `
import Redis from 'ioredis';
import { db } from './db';
const redis = new Redis();
export async function quota(appId: string) {
  const [row] = await db.select({ used: quotas.used }).from(quotas).where(eq(quotas.appId, appId));
  await redis.setex(\`app:\${appId}:quota\`, 30, JSON.stringify(row));
  return row;
}
export async function consume(appId: string) {
  await db.update(quotas).set({ used: sql\`used + 1\` }).where(eq(quotas.appId, appId));
}`,
    },
    {
      name: 'the invalidation is a local helper the route calls after the write',
      code: `
import Redis from 'ioredis';
import { db } from './db';
const redis = new Redis();
async function cacheDomain(id: string) {
  const [domain] = await db.select({ id: domains.id, status: domains.status }).from(domains).where(eq(domains.id, id));
  await redis.set(\`domain:\${id}\`, JSON.stringify(domain), 'EX', 3600);
}
async function forget(id: string) {
  await redis.del(\`domain:\${id}\`);
}
async function save(id: string, status: string) {
  await db.update(domains).set({ status }).where(eq(domains.id, id));
}
export async function verify(id: string) {
  await save(id, 'verified');
  await forget(id);
}`,
    },
    {
      name: 'a cache-busting publish after the write',
      code: `
import Redis from 'ioredis';
import { db } from './db';
const redis = new Redis();
export async function load(id: string) {
  const [s] = await db.select({ id: settings.id, value: settings.value }).from(settings).where(eq(settings.id, id));
  await redis.set(\`settings:\${id}\`, JSON.stringify(s), 'EX', 600);
}
export async function save(id: string, value: string) {
  await db.update(settings).set({ value }).where(eq(settings.id, id));
  await redis.publish('settings-changed', id);
}`,
    },
    {
      name: 'the module caches another table than the one it writes',
      code: `
import Redis from 'ioredis';
import { db } from './db';
const redis = new Redis();
export async function template(id: string) {
  const [tpl] = await db.select({ html: templates.html }).from(templates).where(eq(templates.id, id));
  await redis.set(\`tpl:\${id}\`, tpl.html, 'EX', 3600);
  await db.insert(renders).values({ templateId: id });
}`,
    },
    {
      name: 'a module that caches nothing read from the database',
      code: `
import Redis from 'ioredis';
import { db } from './db';
const redis = new Redis();
export async function track(id: string, body: string) {
  await redis.set(\`seen:\${id}\`, body, 'EX', 3600);
  await db.update(emails).set({ status: 'seen' }).where(eq(emails.id, id));
}`,
    },
    {
      name: 'an invalidation helper imported from another module',
      code: `
import Redis from 'ioredis';
import { db } from './db';
import { invalidateTemplate } from './cache';
const redis = new Redis();
export async function get(id: string) {
  const [tpl] = await db.select({ html: templates.html }).from(templates).where(eq(templates.id, id));
  await redis.set(\`tpl:\${id}\`, JSON.stringify(tpl), 'EX', 3600);
}
export async function remove(id: string) {
  await db.delete(templates).where(eq(templates.id, id));
  await invalidateTemplate(id);
}`,
    },
  ],
  invalid: [
    {
      name: 'drizzle update of a cached table with no del',
      code: `
import Redis from 'ioredis';
import { db } from './db';
const redis = new Redis();
export async function getTemplate(appId: string, id: string) {
  const [tpl] = await db.select({ id: templates.id, html: templates.html }).from(templates).where(eq(templates.id, id));
  await redis.set(\`app:\${appId}:tpl:\${id}\`, JSON.stringify(tpl), 'EX', 3600);
  return tpl;
}
export async function updateTemplate(id: string, html: string) {
  await db.update(templates).set({ html }).where(eq(templates.id, id));
}`,
      errors: [{ messageId: 'stale', line: 11 }],
    },
    {
      name: 'Prisma delete of a cached model; the del removes another key',
      code: `
import Redis from 'ioredis';
import { prisma } from './prisma';
const redis = new Redis();
export async function getApp(appId: string) {
  const app = await prisma.app.findUnique({ where: { id: appId } });
  const body = JSON.stringify(app);
  await redis.setex(\`app:\${appId}\`, 86400, body);
  return app;
}
export async function removeApp(appId: string) {
  await prisma.app.delete({ where: { id: appId } });
  await redis.del(\`stats:\${appId}\`);
}`,
      errors: [{ messageId: 'stale', line: 12 }],
    },
    {
      name: 'pg: cached row, UPDATE through SQL',
      code: `
import { Pool } from 'pg';
import Redis from 'ioredis';
const pool = new Pool({ max: 10 });
const redis = new Redis();
export async function sender(id: string) {
  const { rows } = await pool.query('SELECT id, email FROM senders WHERE id = $1', [id]);
  await redis.set('sender:' + id, JSON.stringify(rows[0]));
  return rows[0];
}
export async function changeEmail(id: string, email: string) {
  await pool.query('UPDATE senders SET email = $2 WHERE id = $1', [id, email]);
}`,
      errors: [{ messageId: 'stale', line: 12 }],
    },
    {
      name: 'a hash cached for a day, and an insert on the same table',
      code: `
import Redis from 'ioredis';
import { db } from './db';
const redis = new Redis();
export async function limits(appId: string) {
  const rows = await db.select({ name: limitsTable.name, value: limitsTable.value }).from(limitsTable).where(eq(limitsTable.appId, appId));
  await redis.hset(\`limits:\${appId}\`, Object.fromEntries(rows.map((r) => [r.name, r.value])));
  await redis.expire(\`limits:\${appId}\`, 86400);
}
export async function addLimit(appId: string, name: string, value: number) {
  await db.insert(limitsTable).values({ appId, name, value });
}`,
      errors: [{ messageId: 'stale', line: 11 }],
    },
  ],
});
