import rule from '../../src/rules/require-graceful-shutdown.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'worker closed by a SIGTERM handler',
      code: `
import { Worker } from 'bullmq';
import { connection } from './redis';
const worker = new Worker('emails', processEmail, { connection, concurrency: 50 });
process.on('SIGTERM', async () => {
  await worker.close();
  process.exit(0);
});`,
    },
    {
      name: 'both signals share a named shutdown function',
      code: `
import Fastify from 'fastify';
const app = Fastify();
async function shutdown() {
  await app.close();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });`,
    },
    {
      name: 'signals registered in a loop, workers closed through the list',
      code: `
import { Worker } from 'bullmq';
import { connection } from './redis';
const workers = [
  new Worker('sends', sendEmail, { connection }),
  new Worker('bounces', recordBounce, { connection }),
];
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    await Promise.all(workers.map((w) => w.close()));
    process.exit(0);
  });
}`,
    },
    {
      name: 'close-with-grace installs the handlers',
      code: `
import Fastify from 'fastify';
import closeWithGrace from 'close-with-grace';
const app = Fastify();
closeWithGrace({ delay: 10_000 }, async () => { await app.close(); });
await app.listen({ port: 3000 });`,
    },
    {
      name: 'the worker is exported: the entry point that imports it closes it',
      code: `
import { Worker } from 'bullmq';
import { connection } from '../redis';
export const webhookWorker = new Worker('webhooks', deliver, { connection, concurrency: 25 });`,
    },
    {
      name: 'an app factory that does not listen',
      code: `
import express from 'express';
export function createApp() {
  const app = express();
  app.use(express.json());
  return app;
}`,
    },
    {
      name: 'Express server closed through the value listen returned',
      code: `
import express from 'express';
const app = express();
const server = app.listen(process.env.PORT ?? 3000);
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});`,
    },
    {
      name: 'handed to a lifecycle helper of the code base',
      code: `
import { Worker } from 'bullmq';
import { onShutdown } from '../lifecycle';
import { connection } from '../redis';
const worker = new Worker('imports', importContacts, { connection });
onShutdown(() => worker.close());`,
    },
    {
      name: 'a worker held by a service whose stop() closes it',
      code: `
import { Worker } from 'bullmq';
import { connection } from './redis';
export class SendService {
  private worker = new Worker('send', (job) => this.send(job.data), { connection, concurrency: 20 });
  async stop() {
    await this.worker.close();
  }
}`,
    },
    {
      name: 'a server started in a test',
      path: 'test/api.test.ts',
      code: `
import Fastify from 'fastify';
const app = Fastify();
await app.listen({ port: 0 });`,
    },
    {
      name: 'postgres.js LISTEN is not a server',
      code: `
import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL!);
await sql.listen('import_finished', (payload) => notify(payload));`,
    },
  ],
  invalid: [
    {
      name: 'a worker with no signal handler',
      code: `
import { Worker } from 'bullmq';
import { connection } from './redis';
const worker = new Worker('emails', async (job) => send(job.data), { connection, concurrency: 50 });
worker.on('failed', (job, err) => console.error(job?.id, err));`,
      errors: [{ messageId: 'worker', line: 4 }],
    },
    {
      name: 'a SIGTERM handler that exits without closing the worker',
      code: `
import { Worker } from 'bullmq';
import { connection } from './redis';
const worker = new Worker('campaigns', runCampaign, { connection });
process.on('SIGTERM', () => process.exit(0));`,
      errors: [{ messageId: 'worker', line: 4 }],
    },
    {
      name: 'Fastify listening with no handler',
      code: `
import Fastify from 'fastify';
const app = Fastify({ logger: true });
app.get('/health', async () => ({ ok: true }));
await app.listen({ port: 3000, host: '0.0.0.0' });`,
      errors: [{ messageId: 'server', line: 5 }],
    },
    {
      name: 'an app built elsewhere, listening on a port',
      code: `
import { buildApp } from './app';
const app = await buildApp();
app.listen({ port: Number(process.env.PORT) });`,
      errors: [{ messageId: 'server', line: 4 }],
    },
    {
      name: 'the handler closes the server but forgets the worker',
      code: `
import express from 'express';
import { Worker } from 'bullmq';
import { connection } from './redis';
const app = express();
const worker = new Worker('sends', send, { connection });
const server = app.listen(8080);
process.on('SIGTERM', () => server.close());`,
      errors: [{ messageId: 'worker', line: 6 }],
    },
    {
      name: 'the handler closes the queue and the SMTP transport, not the worker',
      code: `
import { Queue, Worker } from 'bullmq';
import nodemailer from 'nodemailer';
import { connection } from './redis';
const retries = new Queue('retries', { connection });
const transport = nodemailer.createTransport({ host: 'smtp.example.com', pool: true });
const worker = new Worker('sends', (job) => transport.sendMail(job.data), { connection });
process.on('SIGTERM', async () => {
  await retries.close();
  transport.close();
});`,
      errors: [{ messageId: 'worker', line: 7 }],
    },
  ],
});
