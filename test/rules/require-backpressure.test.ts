import rule from '../../src/rules/require-backpressure.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the stream is paused while the row is enqueued',
      code: `
import { Queue } from 'bullmq';
const imports = new Queue('contact-import');
export function importFile(stream: Readable) {
  stream.on('data', async (row) => {
    stream.pause();
    await imports.add('row', row);
    stream.resume();
  });
}`,
    },
    {
      name: 'for await with an await inside: the stream waits for each row',
      code: `
import { Queue } from 'bullmq';
import { parse } from 'csv-parse';
const imports = new Queue('contact-import');
export async function importFile(input: Readable) {
  for await (const row of input.pipe(parse({ columns: true }))) {
    await imports.add('row', row);
  }
}`,
    },
    {
      name: 'p-limit bounds how many sends run at once',
      code: `
import pLimit from 'p-limit';
import { db } from '../db';
import { transporter } from '../mailer';
const limit = pLimit(10);
export async function notifyAll(listId: string) {
  const rows = await db.select({ email: contacts.email }).from(contacts).where(eq(contacts.listId, listId));
  await Promise.all(rows.map((r) => limit(() => transporter.sendMail({ to: r.email, subject: 'Hi' }))));
}`,
    },
    {
      name: 'Promise.all over one chunk of 100 at a time',
      code: `
import { chunk } from 'lodash-es';
import { db } from '../db';
export async function pingAll() {
  const hooks = await db.select({ url: webhooks.url }).from(webhooks);
  for (const batch of chunk(hooks, 100)) {
    await Promise.all(batch.map((h) => fetch(h.url, { method: 'POST', signal: AbortSignal.timeout(5000) })));
  }
}`,
    },
    {
      name: 'addBulk enqueues the whole list in one call',
      code: `
import { Queue } from 'bullmq';
import { db } from '../db';
const sendQueue = new Queue('send');
export async function enqueueCampaign(campaignId: string) {
  const recipients = await db.select({ id: recipients.id }).from(recipients).where(eq(recipients.campaignId, campaignId));
  await sendQueue.addBulk(recipients.map((r) => ({ name: 'send', data: { id: r.id } })));
}`,
    },
    {
      name: 'Promise.all over a bounded page of 100 rows',
      code: `
import { Queue } from 'bullmq';
import { db } from '../db';
const retryQueue = new Queue('retry');
export async function retryFailed() {
  const failed = await db.select({ id: emails.id }).from(emails).where(eq(emails.status, 'failed')).limit(100);
  await Promise.all(failed.map((e) => retryQueue.add('retry', { id: e.id })));
}`,
    },
    {
      name: 'Promise.all over a fixed list written in the code',
      code: `
export async function warmUp() {
  await Promise.all(['https://a.example', 'https://b.example'].map((url) => fetch(url, { signal: AbortSignal.timeout(2000) })));
}`,
    },
    {
      name: 'the request body list is length-checked before the fan-out',
      code: `
import { sendQueue } from '../queues';
app.post('/emails/batch', async (req, res) => {
  const { messages } = req.body;
  if (messages.length > 100) return res.status(413).json({ error: 'at most 100 messages' });
  const jobs = await Promise.all(messages.map((m) => sendQueue.add('send', m)));
  res.status(202).json({ ids: jobs.map((j) => j.id) });
});`,
    },
    {
      name: 'database queries in Promise.all are reported by no-query-in-loop',
      code: `
import { db } from '../db';
export async function archive(appId: string) {
  const rows = await db.select({ id: emails.id }).from(emails).where(eq(emails.appId, appId));
  await Promise.all(rows.map((r) => db.insert(archived).values({ id: r.id })));
}`,
    },
    {
      name: 'a route whose body schema can cap the list (maxItems)',
      code: `
import { sendQueue } from '../queues';
export default async function routes(app: FastifyInstance) {
  app.post('/emails/batch', { schema: { body: batchSchema } }, async (request, reply) => {
    await Promise.all(request.body.messages.map((m) => sendQueue.add('send', m)));
    return reply.code(202).send();
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'a queue add per data event of a CSV parser, never paused',
      code: `
import { Queue } from 'bullmq';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
const imports = new Queue('contact-import');
export function importContacts(path: string, listId: string) {
  createReadStream(path).pipe(parse({ columns: true })).on('data', (row) => {
    imports.add('contact', { listId, row });
  });
}`,
      errors: [{ messageId: 'dataEvent', line: 8 }],
    },
    {
      name: 'a database insert per data event',
      code: `
import { db } from '../db';
export function load(stream: Readable) {
  stream.on('data', async (row) => {
    await db.insert(contacts).values(row);
  });
}`,
      errors: [{ messageId: 'dataEvent', line: 5 }],
    },
    {
      name: 'every subscriber of a list mailed at once',
      code: `
import nodemailer from 'nodemailer';
import { db } from '../db';
const transporter = nodemailer.createTransport({ host: 'smtp.example.com', pool: true });
export async function announce(listId: string, html: string) {
  const subscribers = await db.select({ email: contacts.email }).from(contacts).where(eq(contacts.listId, listId));
  await Promise.all(subscribers.map((s) => transporter.sendMail({ to: s.email, subject: 'News', html })));
}`,
      errors: [{ messageId: 'parallel', line: 7 }],
    },
    {
      name: 'one queue add per recipient of the request body, all at once',
      code: `
import { Queue } from 'bullmq';
const sendQueue = new Queue('send');
app.post('/campaigns/:id/send', async (request, reply) => {
  const { recipients } = request.body;
  await Promise.all(recipients.map((to) => sendQueue.add('send', { campaignId: request.params.id, to })));
  return reply.code(202).send();
});`,
      errors: [{ messageId: 'parallel', line: 6 }],
    },
    {
      name: 'webhook calls built with map and awaited with Promise.all',
      code: `
import { prisma } from '../prisma';
export async function fanOut(event: EmailEvent) {
  const hooks = await prisma.webhook.findMany({ where: { appId: event.appId } });
  const calls = hooks.map((h) => fetch(h.url, { method: 'POST', body: JSON.stringify(event), signal: AbortSignal.timeout(5000) }));
  await Promise.allSettled(calls);
}`,
      errors: [{ messageId: 'parallel', line: 5 }],
    },
  ],
});
