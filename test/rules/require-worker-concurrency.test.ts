import rule from '../../src/rules/require-worker-concurrency.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'concurrency from configuration',
      code: `
import { Worker } from 'bullmq';
import { config } from './config';
import { sendEmail } from './send';
export const worker = new Worker('emails', async (job) => sendEmail(job.data), {
  connection: config.redis,
  concurrency: config.workerConcurrency,
});`,
    },
    {
      name: 'shorthand concurrency, through a namespace import',
      code: `
import * as bullmq from 'bullmq';
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 25);
new bullmq.Worker('webhooks', async (job) => deliver(job.data), { connection, concurrency });`,
    },
    {
      name: 'concurrency: 1 written out is a decision (strict ordering), not an omission',
      code: `
import { Worker } from 'bullmq';
new Worker('ledger', async (job) => applyEntry(job.data), { connection, concurrency: 1 });`,
    },
    {
      name: 'options from a variable or a spread are opaque: concurrency may be in there',
      code: `
import { Worker, type WorkerOptions } from 'bullmq';
import { defaults } from './worker-defaults';
const options: WorkerOptions = buildOptions();
new Worker('emails', processEmail, options);
new Worker('bounces', processBounce, { ...defaults, connection });`,
    },
    {
      name: 'Worker of node:worker_threads is a thread, not a queue consumer',
      code: `
import { Worker } from 'node:worker_threads';
export function startRenderer() {
  return new Worker(new URL('./render.js', import.meta.url), { workerData: { pool: 4 } });
}`,
    },
    {
      name: 'a Worker class of another library',
      code: `
import { Worker } from '@temporalio/worker';
const worker = await Worker.create({ taskQueue: 'emails', workflowsPath: require.resolve('./workflows') });
const other = new Worker(connection, { taskQueue: 'emails' });`,
    },
    {
      name: 'concurrency set through the setter right after construction',
      code: `
import { Worker } from 'bullmq';
const worker = new Worker('emails', processEmail, { connection, autorun: false });
worker.concurrency = Number(process.env.WORKER_CONCURRENCY ?? 20);
worker.run();`,
    },
    {
      name: 'a worker without processor only serves manual getNextJob() calls',
      code: `
import { Worker } from 'bullmq';
const worker = new Worker('emails', null, { connection });
export async function next(token: string) {
  return worker.getNextJob(token);
}`,
    },
  ],
  invalid: [
    {
      name: 'options without concurrency',
      code: `
import { Worker } from 'bullmq';
import { sendEmail } from './send';
export const worker = new Worker('emails', async (job) => sendEmail(job.data), {
  connection: { host: 'redis', port: 6379 },
});`,
      errors: [{ messageId: 'missing', line: 4 }],
    },
    {
      name: 'no options at all',
      code: `
import { Worker } from 'bullmq';
const worker = new Worker('digests', async (job) => buildDigest(job.data.userId));
worker.on('failed', (job, error) => console.error(job?.id, error));`,
      errors: [{ messageId: 'missing', line: 3 }],
    },
    {
      name: 'a sandboxed processor file still runs one job at a time',
      code: `
import path from 'node:path';
import { Worker } from 'bullmq';
new Worker('pdf', path.join(__dirname, 'render-pdf.js'), { connection, useWorkerThreads: true });`,
      errors: [{ messageId: 'missing', line: 4 }],
    },
    {
      name: 'require() and a class field',
      code: `
const { Worker } = require('bullmq');
class EmailWorker {
  private readonly worker = new Worker('emails', (job: Job) => this.process(job), { connection: this.redis });
  async process(job: Job) {}
}`,
      errors: [{ messageId: 'missing', line: 4 }],
    },
    {
      name: 'concurrency set on another worker does not count for this one',
      code: `
import { Worker } from 'bullmq';
const emails = new Worker('emails', processEmail, { connection });
const bounces = new Worker('bounces', processBounce, { connection, autorun: false });
bounces.concurrency = 5;`,
      errors: [{ messageId: 'missing', line: 3 }],
    },
  ],
});
