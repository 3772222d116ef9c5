import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-floating-promise.js';
import { run, testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'awaited, returned, and stored then awaited',
      code: `
import { emailQueue } from '../queues';
export async function enqueue(id: string) {
  await emailQueue.add('send', { id });
  const pending = emailQueue.add('audit', { id });
  await pending;
  return emailQueue.add('track', { id });
}`,
    },
    {
      name: 'caught where it stands: .catch and void p.catch(…)',
      code: `
import { transporter } from '../mailer';
import { log } from '../log';
export function notifyAdmin(text: string) {
  transporter.sendMail({ to: 'ops@example.com', subject: 'alert', text }).catch((err) => log.error(err));
  void transporter.sendMail({ to: 'audit@example.com', subject: 'alert', text }).catch(log.error);
}`,
    },
    {
      name: 'explicitly voided: a deliberate fire-and-forget',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export function touch(appId: string) {
  void redis.set(\`seen:\${appId}\`, Date.now(), 'EX', 3600);
}`,
    },
    {
      name: 'an async helper that catches its own errors cannot reject',
      code: `
import { log } from '../log';
async function track(event: string) {
  try {
    await fetch('https://metrics.test/e', { method: 'POST', body: event, signal: AbortSignal.timeout(2000) });
  } catch (err) {
    log.warn(err);
  }
}
export async function onOpen(id: string) {
  track(\`open:\${id}\`);
  return id;
}`,
    },
    {
      name: 'commands queued on a pipeline run at exec()',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export async function count(appId: string, ids: string[]) {
  const p = redis.pipeline();
  for (const id of ids) p.sadd(\`sent:\${appId}\`, id);
  p.expire(\`sent:\${appId}\`, 86400);
  await p.exec();
  await redis.multi().incr(\`n:\${appId}\`).expire(\`n:\${appId}\`, 60).exec();
}`,
    },
    {
      name: 'node-style callbacks: nodemailer returns no promise when given one',
      code: `
import nodemailer from 'nodemailer';
const transporter = nodemailer.createTransport({ pool: true, host: 'smtp.test' });
export function send(to: string) {
  transporter.sendMail({ to, subject: 'hi' }, (err) => { if (err) console.error(err); });
}`,
    },
    {
      name: "a script's top level: main() crashes with the error printed",
      code: `
import { db } from './db';
async function main() {
  await db.update(emails).set({ status: 'queued' }).where(eq(emails.status, 'stuck'));
}
main();`,
    },
    {
      name: 'start-up: scheduling a repeatable job in main() fails the boot loudly if Redis is down',
      code: `
import { Queue } from 'bullmq';
const cleanup = new Queue('cleanup');
async function main() {
  cleanup.add('purge-old-events', {}, { repeat: { pattern: '0 3 * * *' } });
  await startServer();
}
main();`,
    },
    {
      name: "a dropped .then() chain is require-rejection-handler's",
      code: `
import { emailQueue } from '../queues';
export function schedule(id: string) {
  emailQueue.add('send', { id }).then((job) => console.log(job.id));
}`,
    },
    {
      name: 'collected for Promise.all',
      code: `
import { db } from '../db';
import Redis from 'ioredis';
const redis = new Redis();
export async function load(appId: string) {
  const [app, quota] = await Promise.all([db.query.apps.findFirst({ where: eq(apps.id, appId) }), redis.get(\`quota:\${appId}\`)]);
  return { app, quota };
}`,
    },
    {
      name: 'a dropped read builder is dead code, not a lost write; a Set add is not a queue',
      code: `
import { db } from '../db';
const seen = new Set<string>();
export async function list(appId: string) {
  db.select({ id: emails.id }).from(emails).where(eq(emails.appId, appId));
  seen.add(appId);
  return db.select({ id: emails.id }).from(emails).where(eq(emails.appId, appId)).limit(50);
}`,
    },
    {
      name: 'test files run under a test runner',
      path: 'src/__tests__/queue.test.ts',
      code: `
import { emailQueue } from '../queues';
export async function seed() {
  emailQueue.add('send', { id: '1' });
}`,
    },
  ],
  invalid: [
    {
      name: 'queue.add dropped in a route handler',
      code: `
import Fastify from 'fastify';
import { Queue } from 'bullmq';
const app = Fastify();
const emailQueue = new Queue('emails');
app.post('/emails', async (request, reply) => {
  emailQueue.add('send', request.body);
  return reply.code(202).send({ status: 'queued' });
});`,
      errors: [{ messageId: 'floating', line: 7 }],
    },
    {
      name: 'a local async function called and forgotten',
      code: `
async function notifyWebhook(url: string, event: unknown) {
  await fetch(url, { method: 'POST', body: JSON.stringify(event), signal: AbortSignal.timeout(5000) });
}
export async function markDelivered(id: string, url: string) {
  notifyWebhook(url, { id, type: 'delivered' });
  return id;
}`,
      errors: [{ messageId: 'floating', line: 6 }],
    },
    {
      name: 'an async helper that returns the queue add without awaiting it still rejects',
      code: `
import { emailQueue } from '../queues';
async function enqueueWelcome(userId: string) {
  return emailQueue.add('welcome', { userId });
}
export function onSignup(userId: string) {
  enqueueWelcome(userId);
}`,
      errors: [{ messageId: 'floating', line: 7 }],
    },
    {
      name: 'a drizzle update that is never awaited never runs',
      code: `
import { db } from '../db';
export async function markBounced(id: string) {
  db.update(emails).set({ status: 'bounced' }).where(eq(emails.id, id));
}`,
      errors: [{ messageId: 'neverRuns', line: 4 }],
    },
    {
      name: 'a Prisma write dropped in an event listener',
      code: `
import { PrismaClient } from '@prisma/client';
import { worker } from './worker';
const prisma = new PrismaClient();
worker.on('failed', (job) => {
  prisma.email.update({ where: { id: job.data.id }, data: { status: 'failed' } });
});`,
      errors: [{ messageId: 'neverRuns', line: 6 }],
    },
    {
      name: 'sendMail dropped in a job processor',
      code: `
import { Worker } from 'bullmq';
import nodemailer from 'nodemailer';
const transporter = nodemailer.createTransport({ pool: true, host: 'smtp.test' });
new Worker('emails', async (job) => {
  transporter.sendMail({ to: job.data.to, subject: job.data.subject, html: job.data.html });
});`,
      errors: [{ messageId: 'floating', line: 6 }],
    },
    {
      name: 'a Redis write and a fetch dropped in a handler',
      code: `
import express from 'express';
import Redis from 'ioredis';
const app = express();
const redis = new Redis();
app.post('/track', (req, res) => {
  redis.incr(\`opens:\${req.body.appId}\`);
  fetch('https://metrics.test/open', { method: 'POST', signal: AbortSignal.timeout(2000) });
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'floating', line: 7 }, { messageId: 'floating', line: 8 }],
    },
    {
      name: 'pg runs the query at once: dropped, its failure is unhandled',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export function unsubscribe(email: string) {
  pool.query('UPDATE contacts SET unsubscribed = true WHERE email = $1', [email]);
}`,
      errors: [{ messageId: 'floating', line: 5 }],
    },
  ],
});

describe('no-floating-promise fix', () => {
  it('offers `await` before a lost write in an async function, keeping the line as written', () => {
    const code = `
import { db } from '../db';
export async function markBounced(id: string) {
  if (id) db.update(emails).set({ status: 'bounced' })
    .where(eq(emails.id, id));
}`;
    const [finding] = run(rule, code);
    expect(finding?.fix).toBe(`  if (id) await db.update(emails).set({ status: 'bounced' })\n    .where(eq(emails.id, id));`);
    expect([finding?.line, finding?.endLine]).toEqual([4, 5]);
  });

  it('offers nothing outside an async function', () => {
    const code = `
import { db } from '../db';
export function markBounced(id: string) {
  db.update(emails).set({ status: 'bounced' }).where(eq(emails.id, id));
}`;
    expect(run(rule, code)[0]?.fix).toBeUndefined();
  });
});
