import rule from '../../src/rules/require-insert-chunking.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'chunked by index: i += 1000',
      code: `
import { db } from './db';
export async function importContacts(rows: NewContact[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(contacts).values(rows.slice(i, i + 1000));
  }
}`,
    },
    {
      name: 'one object, and a literal array of two',
      code: `
import { db } from './db';
export async function record(emailId: string) {
  await db.insert(emailEvents).values({ emailId, type: 'queued' });
  await db.insert(emailEvents).values([{ emailId, type: 'queued' }, { emailId, type: 'sent' }]);
}`,
    },
    {
      name: 'a helper given one chunk at a time by its caller',
      code: `
import { db } from './db';
import { chunk } from 'lodash-es';
async function insertRows(rows: NewEmail[]) {
  await db.insert(emails).values(rows);
}
export async function importAll(rows: NewEmail[]) {
  for (const part of chunk(rows, 1000)) await insertRows(part);
}`,
    },
    {
      name: 'the route schema caps the body with maxItems',
      code: `
import Fastify from 'fastify';
import { db } from './db';
const app = Fastify();
app.post('/contacts/bulk', { schema: { body: { type: 'array', maxItems: 500 } } }, async (request, reply) => {
  await db.insert(contacts).values(request.body as NewContact[]);
  return reply.code(201).send();
});`,
    },
    {
      name: 'the handler checks the size before inserting',
      code: `
import express from 'express';
import { prisma } from './prisma';
const router = express.Router();
router.post('/suppressions', async (req, res) => {
  const { addresses } = req.body;
  if (addresses.length > 1000) return res.status(413).json({ error: 'at most 1000 addresses' });
  await prisma.suppression.createMany({ data: addresses.map((address: string) => ({ address, appId: req.appId })) });
  res.status(201).end();
});`,
    },
    {
      name: 'a query result read with a limit below the batch size',
      code: `
import { db } from './db';
export async function archiveOldest(appId: string) {
  const rows = await db.select({ id: emails.id, appId: emails.appId }).from(emails).where(eq(emails.appId, appId)).limit(500);
  await db.insert(archivedEmails).values(rows);
}`,
    },
    {
      name: 'a parameter named for a chunk',
      code: `
import { db } from './db';
export async function writeBatch(batch: NewEvent[]) {
  await db.insert(emailEvents).values(batch);
}`,
    },
  ],
  invalid: [
    {
      name: 'a request body array, mapped',
      code: `
import Fastify from 'fastify';
import { db } from './db';
const app = Fastify();
app.post('/contacts/import', async (request, reply) => {
  const { contacts: rows } = request.body as { contacts: NewContact[] };
  await db.insert(contacts).values(rows.map((c) => ({ ...c, appId: request.appId })));
  return reply.code(201).send();
});`,
      errors: [{ messageId: 'unchunked', line: 7 }],
    },
    {
      name: 'a whole query result copied into another table',
      code: `
import { db } from './db';
export async function archive(appId: string) {
  const rows = await db.select({ id: emails.id, appId: emails.appId }).from(emails).where(eq(emails.appId, appId));
  await db.insert(archivedEmails).values(rows);
}`,
      errors: [{ messageId: 'unchunked', line: 5 }],
    },
    {
      name: 'an array parameter',
      code: `
import { db } from './db';
export async function saveRecipients(recipients: NewRecipient[]) {
  await db.insert(campaignRecipients).values(recipients);
}`,
      errors: [{ messageId: 'unchunked', line: 4 }],
    },
    {
      name: 'Prisma createMany from an Express body',
      code: `
import express from 'express';
import { prisma } from './prisma';
const router = express.Router();
router.post('/suppressions', async (req, res) => {
  await prisma.suppression.createMany({ data: req.body.addresses });
  res.status(201).end();
});`,
      errors: [{ messageId: 'unchunked', line: 6 }],
    },
    {
      name: 'knex insert of a Hono JSON body',
      code: `
import { Hono } from 'hono';
import knex from 'knex';
const db = knex({ client: 'pg' });
const app = new Hono();
app.post('/events', async (c) => {
  const events = await c.req.json();
  await db('email_events').insert(events);
  return c.body(null, 201);
});`,
      errors: [{ messageId: 'unchunked', line: 8 }],
    },
  ],
});
