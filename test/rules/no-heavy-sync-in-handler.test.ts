import rule from '../../src/rules/no-heavy-sync-in-handler.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'one side indexed in a Map first: O(N+M)',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.get('/report', async (request) => {
  const sent = await db.select({ id: emails.id, userId: emails.userId }).from(emails);
  const users = await db.select({ id: usersTable.id, name: usersTable.name }).from(usersTable);
  const byId = new Map(users.map((u) => [u.id, u]));
  return sent.map((e) => ({ ...e, user: byId.get(e.userId) }));
});`,
    },
    {
      name: 'a bounded page: 50 × 50 comparisons are nothing',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.get('/emails', async (request) => {
  const page = await db.select({ id: emails.id, userId: emails.userId }).from(emails).limit(50);
  const users = await db.select({ id: usersTable.id }).from(usersTable).limit(50);
  return page.map((e) => users.find((u) => u.id === e.userId));
});`,
    },
    {
      name: 'a page size from the request is a page (capped by the schema)',
      code: `
import express from 'express';
import { prisma } from '../prisma';
const app = express();
app.get('/events', async (req, res) => {
  const events = await prisma.emailEvent.findMany({ take: Number(req.query.limit) });
  const emails = await prisma.email.findMany({ take: Number(req.query.limit) });
  res.json(events.map((e) => emails.find((m) => m.id === e.emailId)));
});`,
    },
    {
      name: 'a fixed list of statuses around a filter: the outer loop is 3 long',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.get('/stats', async () => {
  const rows = await db.select({ status: emails.status }).from(emails);
  const out: Record<string, number> = {};
  for (const status of ['sent', 'bounced', 'failed']) out[status] = rows.filter((r) => r.status === status).length;
  return out;
});`,
    },
    {
      name: 'the async bcrypt API runs on the thread pool',
      code: `
import express from 'express';
import bcrypt from 'bcrypt';
import { findUser } from './users';
const app = express();
app.post('/login', async (req, res) => {
  const user = await findUser(req.body.email);
  const ok = await bcrypt.compare(req.body.password, user.passwordHash);
  res.json({ ok });
});`,
    },
    {
      name: 'a job processor is where heavy work belongs',
      code: `
import { Worker } from 'bullmq';
import { db } from '../db';
new Worker('reports', async (job) => {
  const emails = await db.select({ id: emails.id, userId: emails.userId }).from(emailsTable);
  const users = await db.select({ id: usersTable.id }).from(usersTable);
  return emails.map((e) => users.find((u) => u.id === e.userId));
});`,
    },
    {
      name: "an inner loop over the item's own events is not a second table",
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.get('/timeline', async () => {
  const rows = await db.query.emails.findMany({ with: { events: true } });
  for (const email of rows) {
    for (const event of email.events) event.label = event.type.toUpperCase();
  }
  return rows;
});`,
    },
    {
      name: "the specification's fix: enqueue and answer 202",
      code: `
import Fastify from 'fastify';
import { reportQueue } from '../queues';
const app = Fastify();
app.post('/report', async (request, reply) => {
  const job = await reportQueue.add('generate', { appId: request.params.appId });
  return reply.code(202).send({ jobId: job.id, status: 'processing' });
});`,
    },
    {
      name: 'mjml 5 returns a promise: an awaited compile is not synchronous',
      code: `
import Fastify from 'fastify';
import mjml2html from 'mjml';
const app = Fastify();
app.post('/preview', async (request) => {
  const { html } = await mjml2html(request.body.mjml);
  return { html };
});`,
    },
    {
      name: 'the streaming csv-parse API, and a string from the body checked per row',
      code: `
import Fastify from 'fastify';
import { parse } from 'csv-parse';
import { db } from '../db';
const app = Fastify();
app.post('/search', async (request) => {
  const { subject } = request.body;
  const rows = await db.select({ id: emails.id, tag: emails.tag }).from(emails);
  const parser = parse({ columns: true });
  return rows.filter((r) => subject.includes(r.tag));
});`,
    },
  ],
  invalid: [
    {
      name: 'nested for…of over two unbounded selects',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.get('/report', async () => {
  const sent = await db.select({ id: emails.id, userId: emails.userId }).from(emails);
  const users = await db.select({ id: usersTable.id, name: usersTable.name }).from(usersTable);
  const out = [];
  for (const email of sent) {
    for (const user of users) {
      if (user.id === email.userId) out.push({ ...email, user });
    }
  }
  return out;
});`,
      errors: [{ messageId: 'nested', line: 10 }],
    },
    {
      name: 'find inside map over Prisma results without take',
      code: `
import express from 'express';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const app = express();
app.get('/events', async (req, res) => {
  const events = await prisma.emailEvent.findMany({ where: { appId: req.params.appId } });
  const emails = await prisma.email.findMany({ where: { appId: req.params.appId } });
  res.json(events.map((e) => ({ ...e, email: emails.find((m) => m.id === e.emailId) })));
});`,
      errors: [{ messageId: 'nested', line: 9 }],
    },
    {
      name: 'dedupe of body recipients with indexOf inside filter: O(n²)',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.post('/campaigns/:id/recipients', async (request) => {
  const { recipients } = request.body as { recipients: string[] };
  const unique = recipients.filter((r, i) => recipients.indexOf(r) === i);
  return { count: unique.length };
});`,
      errors: [{ messageId: 'nested', line: 6 }],
    },
    {
      name: 'pg rows scanned with includes per row, through a derived list',
      code: `
import express from 'express';
import { pool } from '../pool';
const app = express();
app.get('/deliverable', async (req, res) => {
  const { rows } = await pool.query('SELECT email FROM contacts WHERE app_id = $1', [req.params.appId]);
  const { rows: blocked } = await pool.query('SELECT email FROM suppressions WHERE app_id = $1', [req.params.appId]);
  const blockedEmails = blocked.map((b) => b.email);
  res.json(rows.filter((r) => !blockedEmails.includes(r.email)));
});`,
      errors: [{ messageId: 'nested', line: 9 }],
    },
    {
      name: 'sorting the whole result again for every row',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.get('/ranks', async () => {
  const scores = await db.select({ id: senders.id, score: senders.score }).from(senders);
  return scores.map((s) => scores.sort((a, b) => b.score - a.score).indexOf(s));
});`,
      errors: [{ messageId: 'sort', line: 7 }],
    },
    {
      name: 'bcryptjs compareSync in a login handler',
      code: `
import express from 'express';
import bcrypt from 'bcryptjs';
import { findUser } from './users';
const app = express();
app.post('/login', async (req, res) => {
  const user = await findUser(req.body.email);
  const ok = bcrypt.compareSync(req.body.password, user.passwordHash);
  res.json({ ok });
});`,
      errors: [{ messageId: 'bcrypt', line: 8 }],
    },
    {
      name: 'csv-parse/sync over a whole upload',
      code: `
import Fastify from 'fastify';
import { parse } from 'csv-parse/sync';
const app = Fastify();
app.post('/contacts/import', async (request) => {
  const file = await request.file();
  const records = parse(await file.toBuffer(), { columns: true });
  return { count: records.length };
});`,
      errors: [{ messageId: 'csv', line: 7 }],
    },
    {
      name: 'an xlsx export written in the handler',
      code: `
import { Hono } from 'hono';
import * as XLSX from 'xlsx';
import { listContacts } from './contacts';
const app = new Hono();
app.get('/contacts.xlsx', async (c) => {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet(await listContacts()), 'contacts');
  return c.body(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
});`,
      errors: [{ messageId: 'spreadsheet', line: 9 }],
    },
  ],
});
