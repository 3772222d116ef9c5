import rule from '../../src/rules/require-circuit-breaker.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the call goes through an opossum breaker',
      code: `
import { Worker } from 'bullmq';
import CircuitBreaker from 'opossum';
const breaker = new CircuitBreaker((url: string) => fetch(url, { signal: AbortSignal.timeout(5000) }));
new Worker('webhooks', async (job) => breaker.fire(job.data.url), { concurrency: 10 });`,
    },
    {
      name: 'a cockatiel policy wraps the call',
      code: `
import { Worker } from 'bullmq';
import { circuitBreaker, handleAll, ConsecutiveBreaker } from 'cockatiel';
const policy = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
new Worker('webhooks', async (job) => policy.execute(() => fetch(job.data.url, { signal: AbortSignal.timeout(5000) })), { concurrency: 10 });`,
    },
    {
      name: 'outbound HTTP in a route handler, not a job',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/preview', async () => fetch('https://render.internal/preview', { signal: AbortSignal.timeout(2000) }));`,
    },
    {
      name: 'a processor with no outbound HTTP',
      code: `
import { Worker } from 'bullmq';
import { db } from './db';
new Worker('cleanup', async (job) => {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}, { concurrency: 1 });`,
    },
    {
      name: 'a local fetch function that is not the global fetch',
      code: `
import { Worker } from 'bullmq';
import { fetch } from './cache';
new Worker('warm', async (job) => fetch(job.data.key), { concurrency: 1 });`,
    },
    {
      name: 'HTTP at start-up, outside the processor',
      code: `
import { Worker } from 'bullmq';
const config = await fetch('http://config.internal/worker', { signal: AbortSignal.timeout(2000) }).then((r) => r.json());
new Worker('emails', async (job) => send(job.data, config), { concurrency: 20 });`,
    },
  ],
  invalid: [
    {
      name: 'a webhook delivery job calling fetch directly',
      code: `
import { Worker } from 'bullmq';
new Worker('webhooks', async (job) => {
  await fetch(job.data.url, { method: 'POST', body: JSON.stringify(job.data.event), signal: AbortSignal.timeout(5000) });
}, { concurrency: 10 });`,
      errors: [{ messageId: 'noBreaker', line: 4 }],
    },
    {
      name: 'axios in a helper the processor calls',
      code: `
import axios from 'axios';
import { Worker } from 'bullmq';
async function notifyCrm(id: string) {
  await axios.post('https://crm.example.com/events', { id }, { timeout: 3000 });
}
new Worker('crm', async (job) => notifyCrm(job.data.id), { concurrency: 5 });`,
      errors: [{ messageId: 'noBreaker', line: 5 }],
    },
    {
      name: 'got in a named processor',
      code: `
import got from 'got';
import { Worker } from 'bullmq';
async function verifyDomain(job: Job) {
  return got(\`https://dns.example.com/\${job.data.domain}\`, { timeout: { request: 3000 } }).json();
}
new Worker('domains', verifyDomain, { concurrency: 5 });`,
      errors: [{ messageId: 'noBreaker', line: 5 }],
    },
    {
      name: 'two calls in one job, both reported',
      code: `
import { Worker } from 'bullmq';
new Worker('sync', async (job) => {
  const a = await fetch('https://a.example.com', { signal: AbortSignal.timeout(1000) });
  const b = await fetch('https://b.example.com', { signal: AbortSignal.timeout(1000) });
  return [a.status, b.status];
}, { concurrency: 5 });`,
      errors: [{ messageId: 'noBreaker', line: 4 }, { messageId: 'noBreaker', line: 5 }],
    },
  ],
});
