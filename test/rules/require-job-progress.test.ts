import rule from '../../src/rules/require-job-progress.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'progress reported inside the loop',
      code: `
import { Worker } from 'bullmq';
new Worker('campaigns', async (job) => {
  const { recipients } = job.data;
  for (const [i, r] of recipients.entries()) {
    await send(r);
    if (i % 100 === 0) await job.updateProgress((i / recipients.length) * 100);
  }
}, { concurrency: 2 });`,
    },
    {
      name: 'a job without a loop is short',
      code: `
import { Worker } from 'bullmq';
new Worker('emails', async (job) => {
  await send(job.data);
}, { concurrency: 20 });`,
    },
    {
      name: 'a loop that does no I/O (pure computation over a small payload)',
      code: `
import { Worker } from 'bullmq';
new Worker('stats', async (job) => {
  let total = 0;
  for (const n of job.data.values) total += n;
  await save(total);
}, { concurrency: 2 });`,
    },
    {
      name: 'a loop over a fixed list of steps',
      code: `
import { Worker } from 'bullmq';
new Worker('setup', async (job) => {
  for (const step of [createDomain, verifyDns, warmIp]) await step(job.data);
}, { concurrency: 2 });`,
    },
    {
      name: 'a loop outside any processor',
      code: `
export async function backfill(rows: Row[]) {
  for (const row of rows) await save(row);
}`,
    },
    {
      name: 'progress reported by a helper the processor calls',
      code: `
import { Worker } from 'bullmq';
async function run(job: Job) {
  for (const r of job.data.recipients) await send(r);
  await job.updateProgress(100);
}
new Worker('campaigns', run, { concurrency: 2 });`,
    },
  ],
  invalid: [
    {
      name: 'a campaign job that sends to every recipient with no progress',
      code: `
import { Worker } from 'bullmq';
new Worker('campaigns', async (job) => {
  for (const r of job.data.recipients) {
    await send(r);
  }
}, { concurrency: 2 });`,
      errors: [{ messageId: 'noProgress', line: 4 }],
    },
    {
      name: 'a named processor with a counted loop',
      code: `
import { Worker } from 'bullmq';
async function importContacts(job: Job) {
  const rows = await parse(job.data.file);
  for (let i = 0; i < rows.length; i++) {
    await upsert(rows[i]);
  }
}
new Worker('imports', importContacts, { concurrency: 1 });`,
      errors: [{ messageId: 'noProgress', line: 5 }],
    },
    {
      name: 'the loop is in a local helper the processor calls',
      code: `
import { Worker } from 'bullmq';
async function sendAll(list: string[]) {
  for (const to of list) await send(to);
}
new Worker('digest', async (job) => sendAll(job.data.list), { concurrency: 1 });`,
      errors: [{ messageId: 'noProgress', line: 4 }],
    },
    {
      name: 'for await over a cursor of rows',
      code: `
import { Worker } from 'bullmq';
new Worker('exports', async (job) => {
  for await (const row of cursorOf(job.data.query)) {
    await out.write(row);
  }
}, { concurrency: 1 });`,
      errors: [{ messageId: 'noProgress', line: 4 }],
    },
  ],
});
