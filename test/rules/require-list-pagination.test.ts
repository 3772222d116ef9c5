import rule from '../../src/rules/require-list-pagination.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the specification: cursor pagination with limit + 1',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.get('/emails', async (request) => {
  const { cursor, limit = 50 } = request.query as { cursor?: string; limit?: number };
  const results = await db.select({ id: emails.id }).from(emails)
    .where(and(eq(emails.appId, request.appId), cursor ? gt(emails.id, cursor) : undefined))
    .limit(limit + 1);
  const hasMore = results.length > limit;
  return { data: results.slice(0, limit), cursor: hasMore ? results[limit - 1].id : null, hasMore };
});`,
    },
    {
      name: 'a single row by id',
      code: `
import express from 'express';
import { prisma } from './prisma';
const router = express.Router();
router.get('/emails/:id', async (req, res) => {
  const email = await prisma.email.findUnique({ where: { id: req.params.id } });
  res.json(email);
});`,
    },
    {
      name: 'heavy export: enqueue and answer 202',
      code: `
import Fastify from 'fastify';
import { exportQueue } from './queues';
const app = Fastify();
app.post('/exports', async (request, reply) => {
  const job = await exportQueue.add('export', { appId: request.appId });
  return reply.code(202).send({ jobId: job.id });
});`,
    },
    {
      name: 'the unbounded rows are only counted, not returned',
      code: `
import { Hono } from 'hono';
import { db } from './db';
const app = new Hono();
app.get('/domains/verified', async (c) => {
  const rows = await db.select({ id: domains.id }).from(domains).where(eq(domains.appId, c.get('appId')));
  return c.json({ count: rows.length });
});`,
    },
    {
      name: 'the response is sliced to a page in memory (the query itself is for require-query-limit)',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.get('/templates', async (request) => {
  const rows = await db.select({ id: templates.id }).from(templates).where(eq(templates.appId, request.appId));
  return { data: rows.slice(0, 20) };
});`,
    },
    {
      name: 'a list query in a service function that no handler of this file returns',
      code: `
import { db } from '../db';
export async function suppressedAddresses(appId: string) {
  return db.select({ address: suppressions.address }).from(suppressions).where(eq(suppressions.appId, appId));
}`,
    },
    {
      name: 'a batch load by the ids of a page: bounded by the page',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.get('/emails', async (request) => {
  const page = await db.select({ id: emails.id }).from(emails).where(eq(emails.appId, request.appId)).limit(50);
  const events = await db.select({ id: emailEvents.id, emailId: emailEvents.emailId }).from(emailEvents).where(inArray(emailEvents.emailId, page.map((e) => e.id)));
  return { data: page, events };
});`,
    },
  ],
  invalid: [
    {
      name: 'the specification: every email of the app, returned',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.get('/emails', async (request) => {
  return db.select({ id: emails.id }).from(emails).where(eq(emails.appId, request.appId));
});`,
      errors: [{ messageId: 'unpaged', line: 6 }],
    },
    {
      name: 'Express res.json of a mapped list',
      code: `
import express from 'express';
import { prisma } from './prisma';
const router = express.Router();
router.get('/contacts', async (req, res) => {
  const contacts = await prisma.contact.findMany({ where: { appId: req.appId } });
  res.status(200).json({ data: contacts.map((c) => ({ id: c.id, email: c.email })) });
});`,
      errors: [{ messageId: 'unpaged', line: 6 }],
    },
    {
      name: 'Fastify reply.send of pg rows',
      code: `
import type { FastifyInstance } from 'fastify';
import { pool } from './pool';
export async function routes(app: FastifyInstance) {
  app.get('/suppressions', async (request, reply) => {
    const { rows } = await pool.query('SELECT address, reason FROM suppressions WHERE app_id = $1', [request.appId]);
    reply.send(rows);
  });
}`,
      errors: [{ messageId: 'unpaged', line: 6 }],
    },
    {
      name: 'Hono c.json through a helper of the same module',
      code: `
import { Hono } from 'hono';
import { db } from './db';
const app = new Hono();
async function listWebhooks(appId: string) {
  return db.select({ id: webhooks.id, url: webhooks.url }).from(webhooks).where(eq(webhooks.appId, appId));
}
app.get('/webhooks', async (c) => c.json(await listWebhooks(c.get('appId'))));`,
      errors: [{ messageId: 'unpaged', line: 6 }],
    },
  ],
});
