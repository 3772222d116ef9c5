import rule from '../../src/rules/require-rejection-handler.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the chain ends with .catch',
      code: `
import { log } from '../log';
export function warm(url: string) {
  fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.json()).then((body) => log.info(body)).catch((err) => log.warn(err));
}`,
    },
    {
      name: 'a two-argument .then handles the rejection',
      code: `
import { log } from '../log';
export function warm(p: Promise<void>) {
  p.then(() => log.info('ready'), (err) => log.error(err));
}`,
    },
    {
      name: 'returned or awaited chains: the caller handles them',
      code: `
export async function load(url: string) {
  await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok);
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.json());
}`,
    },
    {
      name: 'an async listener whose body is wrapped in try/catch',
      code: `
import Redis from 'ioredis';
import { log } from '../log';
const sub = new Redis();
sub.on('message', async (channel, message) => {
  try {
    await handle(JSON.parse(message));
  } catch (err) {
    log.error({ err, channel }, 'message failed');
  }
});`,
    },
    {
      name: 'Fastify awaits async route handlers and BullMQ awaits processors',
      code: `
import Fastify from 'fastify';
import { Worker } from 'bullmq';
import { db } from '../db';
const app = Fastify();
app.get('/emails/:id', async (request) => db.query.emails.findFirst({ where: eq(emails.id, request.params.id) }));
new Worker('emails', async (job) => {
  await db.update(emails).set({ status: 'sent' }).where(eq(emails.id, job.data.id));
});`,
    },
    {
      name: 'shutdown listeners and the unhandledRejection listener itself',
      code: `
import { worker } from './worker';
import { log } from '../log';
process.on('SIGTERM', async () => {
  await worker.close();
  process.exit(0);
});
process.on('unhandledRejection', async (reason) => {
  await log.flush();
});`,
    },
    {
      name: 'shutdown signals registered in a loop over their names',
      code: `
import { worker } from './worker';
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    await worker.close();
    process.exit(0);
  });
}`,
    },
    {
      name: 'Probot awaits its webhook handlers',
      code: `
import type { Probot } from 'probot';
export default (app: Probot) => {
  app.on('pull_request.opened', async (context) => {
    await context.octokit.issues.createComment(context.issue({ body: 'hi' }));
  });
};`,
    },
    {
      name: 'a timer whose awaits handle their own rejection',
      code: `
import { flushStats } from './stats';
import { log } from '../log';
setInterval(async () => {
  await flushStats().catch((err) => log.warn(err));
}, 10_000);
setTimeout(() => log.info('tick'), 1000);`,
    },
  ],
  invalid: [
    {
      name: 'a dropped fetch().then() chain without a catch',
      code: `
import { cache } from '../cache';
export function refreshRates() {
  fetch('https://rates.test/latest', { signal: AbortSignal.timeout(5000) })
    .then((r) => r.json())
    .then((rates) => cache.set('rates', JSON.stringify(rates), 'EX', 3600));
}`,
      errors: [{ messageId: 'then', line: 4 }],
    },
    {
      name: 'a .then after the .catch can still reject',
      code: `
import { emailQueue } from '../queues';
import { log } from '../log';
export function schedule(id: string) {
  emailQueue.add('send', { id }).catch((err) => log.error(err)).then(() => markQueued(id));
}`,
      errors: [{ messageId: 'then', line: 5 }],
    },
    {
      name: 'an async Redis message listener without try/catch',
      code: `
import Redis from 'ioredis';
import { db } from '../db';
const sub = new Redis();
sub.on('message', async (channel, message) => {
  const event = JSON.parse(message);
  await db.insert(emailEvents).values({ emailId: event.id, type: event.type });
});`,
      errors: [{ messageId: 'listener', line: 5 }],
    },
    {
      name: 'an async setInterval flush',
      code: `
import { flushStats } from './stats';
setInterval(async () => {
  await flushStats();
}, 10_000);`,
      errors: [{ messageId: 'timer', line: 3 }],
    },
    {
      name: "an async timer callback that returns a call: its rejection is the callback's",
      code: `
import { pruneSuppressions } from './suppressions';
setTimeout(async () => pruneSuppressions(new Date()), 60_000);`,
      errors: [{ messageId: 'timer', line: 3 }],
    },
    {
      name: 'new Promise with an async executor',
      code: `
import Redis from 'ioredis';
const redis = new Redis();
export function waitForLock(key: string) {
  return new Promise(async (resolve) => {
    const owner = await redis.get(key);
    resolve(owner);
  });
}`,
      errors: [{ messageId: 'executor', line: 5 }],
    },
    {
      name: 'a named async function given to a BullMQ worker event',
      code: `
import { Worker } from 'bullmq';
import { db } from '../db';
async function onFailed(job, err) {
  await db.update(emails).set({ status: 'failed', error: err.message }).where(eq(emails.id, job.data.id));
}
const worker = new Worker('emails', async (job) => send(job.data), { concurrency: 10 });
worker.on('failed', onFailed);`,
      errors: [{ messageId: 'listener', line: 8 }],
    },
  ],
});
