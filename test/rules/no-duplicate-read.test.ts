import rule from '../../src/rules/no-duplicate-read.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a write to the table between the reads: the second sees the change',
      code: `
import { db } from './db';
export async function bump(appId: string) {
  const [before] = await db.select({ used: quotas.used }).from(quotas).where(eq(quotas.appId, appId));
  await db.update(quotas).set({ used: sql\`used + 1\` }).where(eq(quotas.appId, appId));
  const [after] = await db.select({ used: quotas.used }).from(quotas).where(eq(quotas.appId, appId));
  return { before, after };
}`,
    },
    {
      name: 'reads in the two branches of an if/else: only one runs',
      code: `
import { prisma } from './prisma';
export async function load(appId: string, full: boolean) {
  if (full) {
    return prisma.app.findUnique({ where: { id: appId } });
  } else {
    const app = await prisma.app.findUnique({ where: { id: appId } });
    return app?.name;
  }
}`,
    },
    {
      name: 'a retry: the read again after a failure',
      code: `
import { pool } from './pool';
export async function status(id: string) {
  try {
    return await pool.query('SELECT status FROM emails WHERE id = $1', [id]);
  } catch (error) {
    await new Promise((r) => setTimeout(r, 100));
    return await pool.query('SELECT status FROM emails WHERE id = $1', [id]);
  }
}`,
    },
    {
      name: 'polling: the read repeats in a loop until the status changes',
      code: `
import { db } from './db';
export async function waitForSent(id: string) {
  let [row] = await db.select({ status: emails.status }).from(emails).where(eq(emails.id, id));
  while (row.status === 'queued') {
    await sleep(500);
    [row] = await db.select({ status: emails.status }).from(emails).where(eq(emails.id, id));
  }
  return row;
}`,
    },
    {
      name: 'an awaited call between that may change the row (a service, a lock)',
      code: `
import { db } from './db';
import { markSent } from './emails';
export async function send(id: string) {
  const [email] = await db.select({ status: emails.status }).from(emails).where(eq(emails.id, id));
  await markSent(email);
  const [fresh] = await db.select({ status: emails.status }).from(emails).where(eq(emails.id, id));
  return fresh;
}`,
    },
    {
      name: 'the same text with a reassigned variable is another query (a cursor)',
      code: `
import { db } from './db';
export async function twoPages(start: string) {
  let cursor = start;
  const first = await db.select({ id: emails.id }).from(emails).where(gt(emails.id, cursor)).limit(100);
  cursor = first[first.length - 1].id;
  const second = await db.select({ id: emails.id }).from(emails).where(gt(emails.id, cursor)).limit(100);
  return [...first, ...second];
}`,
    },
    {
      name: 'inside a transaction the re-read is deliberate (after a lock or its own writes)',
      code: `
import { db } from './db';
export async function settle(appId: string) {
  return db.transaction(async (tx) => {
    const a = await tx.select({ n: quotas.used }).from(quotas).where(eq(quotas.appId, appId));
    const b = await tx.select({ n: quotas.used }).from(quotas).where(eq(quotas.appId, appId));
    return [a, b];
  });
}`,
    },
    {
      name: 'different arguments: two different rows',
      code: `
import { prisma } from './prisma';
export async function pair(a: string, b: string) {
  const x = await prisma.template.findUnique({ where: { id: a } });
  const y = await prisma.template.findUnique({ where: { id: b } });
  return [x, y];
}`,
    },
    {
      name: 'a Redis get, a set of the key, and the get again',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function refresh(key: string, value: string) {
  const old = await redis.get(key);
  await redis.set(key, value, 'EX', 60);
  const now = await redis.get(key);
  return old !== now;
}`,
    },
  ],
  invalid: [
    {
      name: 'the app row loaded twice in one handler',
      code: `
import Fastify from 'fastify';
import { prisma } from './prisma';
const app = Fastify();
app.post('/apps/:appId/emails', async (request) => {
  const { appId } = request.params as { appId: string };
  const owner = await prisma.app.findUnique({ where: { id: appId } });
  if (!owner) throw new Error('not found');
  const body = request.body as { to: string };
  const settings = await prisma.app.findUnique({ where: { id: appId } });
  return { to: body.to, from: settings?.fromAddress, owner: owner.id };
});`,
      errors: [{ messageId: 'duplicate', line: 10 }],
    },
    {
      name: 'a count run twice, with formatting in between',
      code: `
import { db } from './db';
export async function usage(appId: string) {
  const [total] = await db.select({ n: count() }).from(emails).where(eq(emails.appId, appId));
  const label = format(total.n);
  const [again] = await db.select({ n: count() }).from(emails).where(eq(emails.appId, appId));
  return { label, again };
}`,
      errors: [{ messageId: 'duplicate', line: 6 }],
    },
    {
      name: 'the same read twice inside Promise.all',
      code: `
import { pool } from './pool';
export async function page(appId: string) {
  const [a, b] = await Promise.all([
    pool.query('SELECT plan FROM apps WHERE id = $1', [appId]),
    pool.query('SELECT plan FROM apps WHERE id = $1', [appId]),
  ]);
  return [a.rows, b.rows];
}`,
      errors: [{ messageId: 'duplicate', line: 6 }],
    },
    {
      name: 'a Redis get repeated after a conditional that reads it',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function flags(appId: string) {
  const raw = await redis.get(\`app:\${appId}:flags\`);
  if (!raw) return {};
  const parsed = JSON.parse(raw);
  const again = await redis.get(\`app:\${appId}:flags\`);
  return { ...parsed, again };
}`,
      errors: [{ messageId: 'duplicate', line: 8 }],
    },
    {
      name: 'a second read inside a branch still repeats the first',
      code: `
import { db } from './db';
export async function render(appId: string, preview: boolean) {
  const rows = await db.select({ id: templates.id }).from(templates).where(eq(templates.appId, appId)).limit(50);
  if (preview) {
    const again = await db.select({ id: templates.id }).from(templates).where(eq(templates.appId, appId)).limit(50);
    return again;
  }
  return rows;
}`,
      errors: [{ messageId: 'duplicate', line: 6 }],
    },
  ],
});
