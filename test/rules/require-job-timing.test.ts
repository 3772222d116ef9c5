import rule from '../../src/rules/require-job-timing.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the processor measures its own duration',
      code: `
import { Worker } from 'bullmq';
new Worker('emails', async (job) => {
  const start = performance.now();
  await send(job.data);
  jobDuration.observe({ name: job.name }, performance.now() - start);
}, { concurrency: 20 });`,
    },
    {
      name: 'a prom-client timer started in the processor',
      code: `
import { Worker } from 'bullmq';
const worker = new Worker('emails', async (job) => {
  const end = histogram.startTimer();
  try { await send(job.data); } finally { end(); }
}, { concurrency: 20 });`,
    },
    {
      name: 'timing from the completed event (finishedOn - processedOn)',
      code: `
import { Worker } from 'bullmq';
const worker = new Worker('emails', async (job) => send(job.data), { concurrency: 20 });
worker.on('completed', (job) => metrics.record(job.finishedOn! - job.processedOn!));`,
    },
    {
      name: 'a named processor that calls a timed helper',
      code: `
import { Worker } from 'bullmq';
async function timed<T>(fn: () => Promise<T>) {
  const t0 = Date.now();
  try { return await fn(); } finally { log.info({ ms: Date.now() - t0 }); }
}
async function processEmail(job: Job) { return timed(() => send(job.data)); }
new Worker('emails', processEmail, { concurrency: 20 });`,
    },
    {
      name: 'a worker_threads Worker is not a job processor',
      code: `
import { Worker } from 'node:worker_threads';
new Worker(new URL('./render.js', import.meta.url), { workerData: {} });`,
    },
    {
      name: 'an OpenTelemetry span around the job records its duration',
      code: `
import { Worker } from 'bullmq';
new Worker('emails', (job) => tracer.startActiveSpan('email', async (span) => {
  await send(job.data);
  span.end();
}), { concurrency: 20 });`,
    },
  ],
  invalid: [
    {
      name: 'an inline processor with no timing',
      code: `
import { Worker } from 'bullmq';
export const worker = new Worker('emails', async (job) => {
  await send(job.data);
}, { concurrency: 20 });`,
      errors: [{ messageId: 'untimed', line: 3 }],
    },
    {
      name: 'a named processor with no timing',
      code: `
import { Worker } from 'bullmq';
async function processEmail(job: Job) {
  await send(job.data);
}
new Worker('emails', processEmail, { concurrency: 20 });`,
      errors: [{ messageId: 'untimed', line: 6 }],
    },
    {
      name: 'a completed listener that only logs',
      code: `
import { Worker } from 'bullmq';
const worker = new Worker('webhooks', async (job) => deliver(job.data), { concurrency: 5 });
worker.on('completed', (job) => log.info({ id: job.id }, 'done'));`,
      errors: [{ messageId: 'untimed', line: 3 }],
    },
    {
      name: 'a namespace import of bullmq',
      code: `
import * as bullmq from 'bullmq';
new bullmq.Worker('bounces', async (job) => {
  await handleBounce(job.data);
}, { concurrency: 10 });`,
      errors: [{ messageId: 'untimed', line: 3 }],
    },
  ],
});
