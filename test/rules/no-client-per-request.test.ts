import rule from '../../src/rules/no-client-per-request.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'module singleton used by the handler',
      code: `
import Redis from 'ioredis';
import Fastify from 'fastify';
const redis = new Redis(process.env.REDIS_URL!);
const app = Fastify();
app.get('/v1/domains/:id', async (req) => redis.get(\`domain:\${req.params.id}\`));`,
    },
    {
      name: 'lazy singleton with ??=',
      code: `
import { createClient } from 'redis';
let client: ReturnType<typeof createClient> | undefined;
export async function cache() {
  client ??= createClient({ url: process.env.REDIS_URL });
  return client;
}`,
    },
    {
      name: 'lazy singleton with if (!client)',
      code: `
import Redis from 'ioredis';
let redis: Redis | undefined;
export async function getRedis() {
  if (!redis) redis = new Redis(process.env.REDIS_URL!);
  return redis;
}`,
    },
    {
      name: 'queues cached per name in a module Map',
      code: `
import { Queue } from 'bullmq';
import { connection } from './redis';
const queues = new Map<string, Queue>();
export async function enqueue(name: string, data: unknown) {
  let queue = queues.get(name);
  if (!queue) {
    queue = new Queue(name, { connection });
    queues.set(name, queue);
  }
  await queue.add('run', data);
}`,
    },
    {
      name: 'clients created once in main()',
      code: `
import Redis from 'ioredis';
import { Worker } from 'bullmq';
async function main() {
  const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  const worker = new Worker('emails', processEmail, { connection, concurrency: 50 });
  process.on('SIGTERM', () => worker.close());
}
main();`,
    },
    {
      name: 'a factory returns the client: its caller decides how long it lives',
      code: `
import { PrismaClient } from '@prisma/client';
export async function createPrisma(url: string) {
  const prisma = new PrismaClient({ datasources: { db: { url } } });
  await prisma.$connect();
  return prisma;
}`,
    },
    {
      name: 'a BullMQ Worker is started once, not a per-request client',
      code: `
import { Worker } from 'bullmq';
import { connection } from './redis';
export const worker = new Worker('bounces', async (job) => handle(job.data), { connection });`,
    },
    {
      name: 'a subscriber duplicated at start-up',
      code: `
import Redis from 'ioredis';
const redis = new Redis(process.env.REDIS_URL!);
const subscriber = redis.duplicate();
subscriber.subscribe('suppressions');
subscriber.on('message', (_channel, address) => suppressed.add(address));`,
    },
    {
      name: 'a pool created per run of a one-shot script',
      path: 'scripts/backfill-events.ts',
      code: `
import { Pool } from 'pg';
export async function backfill() {
  const pool = new Pool({ max: 2 });
  await pool.query('UPDATE email_events SET kind = type WHERE kind IS NULL');
  await pool.end();
}`,
    },
    {
      name: 'an SES transport created per call holds no SMTP connection',
      code: `
import nodemailer from 'nodemailer';
import { ses } from './aws';
export async function sendReceipt(to: string) {
  const transport = nodemailer.createTransport({ SES: { ses, aws } });
  await transport.sendMail({ to, subject: 'Receipt' });
}`,
    },
    {
      name: 'a once listener runs a single time',
      code: `
import { Queue } from 'bullmq';
import { connection } from './redis';
connection.once('ready', async () => {
  const maintenance = new Queue('maintenance', { connection });
  await maintenance.upsertJobScheduler('vacuum-events', { pattern: '0 3 * * *' });
});`,
    },
    {
      name: 'a client stored on the instance at construction',
      code: `
import Redis from 'ioredis';
export class RateLimiter {
  private redis: Redis;
  async connect() {
    this.redis = new Redis(process.env.REDIS_URL!);
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'ioredis client created in a route handler',
      code: `
import Redis from 'ioredis';
import Fastify from 'fastify';
const app = Fastify();
app.get('/v1/emails/:id/status', async (req) => {
  const redis = new Redis(process.env.REDIS_URL!);
  const status = await redis.get(\`email:\${req.params.id}:status\`);
  await redis.quit();
  return { status };
});`,
      errors: [{ messageId: 'redis', line: 6 }],
    },
    {
      name: 'BullMQ Queue created in a job processor',
      code: `
import { Queue, Worker } from 'bullmq';
import { connection } from './redis';
export const worker = new Worker('campaigns', async (job) => {
  const sends = new Queue('sends', { connection });
  await sends.addBulk(job.data.recipients.map((to: string) => ({ name: 'send', data: { to } })));
}, { connection });`,
      errors: [{ messageId: 'queue', line: 5 }],
    },
    {
      name: 'PrismaClient per call of an exported service function',
      code: `
import { PrismaClient } from '@prisma/client';
export async function findTemplate(id: string) {
  const prisma = new PrismaClient();
  const template = await prisma.template.findUnique({ where: { id } });
  await prisma.$disconnect();
  return template;
}`,
      errors: [{ messageId: 'db', line: 4 }],
    },
    {
      name: 'pg Client per request through a local helper',
      code: `
import { Client } from 'pg';
import express from 'express';
const app = express();
async function loadDomain(id: string) {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query('SELECT id, verified FROM domains WHERE id = $1', [id])).rows[0];
  } finally {
    await client.end();
  }
}
app.get('/domains/:id', async (req, res) => res.json(await loadDomain(req.params.id)));`,
      errors: [{ messageId: 'db', line: 6 }],
    },
    {
      name: 'SMTP transport created per send',
      code: `
import nodemailer from 'nodemailer';
export async function sendWelcome(to: string) {
  const transport = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587, auth });
  await transport.sendMail({ to, subject: 'Welcome' });
}`,
      errors: [{ messageId: 'mailer', line: 4 }],
    },
    {
      name: 'a Redis subscriber duplicated for each server-sent-events request',
      code: `
import Redis from 'ioredis';
import Fastify from 'fastify';
const redis = new Redis(process.env.REDIS_URL!);
const app = Fastify();
app.get('/v1/events', async (req, reply) => {
  const sub = redis.duplicate();
  await sub.subscribe(\`events:\${req.query.appId}\`);
  sub.on('message', (_c, m) => reply.raw.write(\`data: \${m}\\n\\n\`));
});`,
      errors: [{ messageId: 'duplicate', line: 7 }],
    },
  ],
});
