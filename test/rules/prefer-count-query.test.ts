import rule from '../../src/rules/prefer-count-query.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a count in the database, filtered by the tenant column',
      code: `
import Fastify from 'fastify';
import { db } from './db';
const app = Fastify();
app.get('/emails/count', async (request) => {
  const [{ n }] = await db.select({ n: count() }).from(emails).where(eq(emails.appId, request.appId));
  return { n };
});`,
    },
    {
      name: 'the .length of a bounded page decides hasMore',
      code: `
import { db } from './db';
export async function page(appId: string, limit: number) {
  const rows = await db.select({ id: emails.id }).from(emails).where(eq(emails.appId, appId)).limit(limit + 1);
  return { data: rows.slice(0, limit), hasMore: rows.length > limit };
}`,
    },
    {
      name: 'the rows are used, and also counted',
      code: `
import { prisma } from './prisma';
export async function bounced(appId: string) {
  const rows = await prisma.email.findMany({ where: { appId, status: 'bounced' }, take: 500 });
  return { total: rows.length, addresses: rows.map((r) => r.to) };
}`,
    },
    {
      name: 'a whole-table count in a start-up check runs once',
      code: `
import { prisma } from './prisma';
async function main() {
  const n = await prisma.template.count();
  if (n === 0) await seedTemplates();
}
main();`,
    },
    {
      name: 'a whole-table count in a maintenance script',
      path: 'scripts/report-size.ts',
      code: `
import { pool } from '../src/pool';
export async function report() {
  const { rows } = await pool.query('SELECT count(*) FROM emails');
  console.log(rows[0].count);
}`,
    },
    {
      name: 'Prisma count with a where clause',
      code: `
import express from 'express';
import { prisma } from './prisma';
const router = express.Router();
router.get('/contacts/count', async (req, res) => {
  res.json({ n: await prisma.contact.count({ where: { appId: req.appId } }) });
});`,
    },
    {
      name: 'counts grouped by status answer another question (a dashboard), not "how many rows"',
      code: `
import { db } from './db';
export async function breakdown() {
  return db.select({ status: emails.status, n: count() }).from(emails).groupBy(emails.status);
}`,
    },
  ],
  invalid: [
    {
      name: 'rows fetched only for their .length',
      code: `
import { db } from './db';
export async function bouncedCount(appId: string) {
  return (await db.select({ id: emails.id }).from(emails).where(and(eq(emails.appId, appId), eq(emails.status, 'bounced')))).length;
}`,
      errors: [{ messageId: 'length', line: 4 }],
    },
    {
      name: 'a variable used for nothing but its length',
      code: `
import { prisma } from './prisma';
export async function queuedCount(appId: string) {
  const queued = await prisma.email.findMany({ where: { appId, status: 'queued' } });
  if (queued.length === 0) return 0;
  return queued.length;
}`,
      errors: [{ messageId: 'length', line: 4 }],
    },
    {
      name: 'pg rowCount of a SELECT',
      code: `
import { pool } from './pool';
export async function suppressedCount(appId: string) {
  const result = await pool.query('SELECT address FROM suppressions WHERE app_id = $1', [appId]);
  return result.rowCount;
}`,
      errors: [{ messageId: 'length', line: 4 }],
    },
    {
      name: 'exact count of the whole emails table on every request',
      code: `
import Fastify from 'fastify';
import { db } from './db';
const app = Fastify();
app.get('/status', async () => {
  const [{ total }] = await db.select({ total: count() }).from(emails);
  return { total };
});`,
      errors: [{ messageId: 'wholeTable', line: 6 }],
    },
    {
      name: 'Prisma count() of a whole table in a job processor',
      code: `
import { Worker } from 'bullmq';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
new Worker('metrics', async () => {
  const sent = await prisma.email.count();
  await pushGauge('emails_total', sent);
}, { connection, concurrency: 1 });`,
      errors: [{ messageId: 'wholeTable', line: 6 }],
    },
  ],
});
