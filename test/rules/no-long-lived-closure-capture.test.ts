import rule from '../../src/rules/no-long-lived-closure-capture.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the interval captures an id copied from the request, not the request',
      code: `
const watchers = new Map<string, NodeJS.Timeout>();
app.post('/campaigns/:id/watch', (req, res) => {
  const campaignId = req.params.id;
  watchers.set(campaignId, setInterval(() => poll(campaignId), 5000));
  res.status(204).end();
});`,
    },
    {
      name: 'an interval cleared when the request closes lives no longer than the request',
      code: `
app.get('/events', (req, res) => {
  const timer = setInterval(() => res.write(\`: ping \${req.query.client}\\n\\n\`), 15_000);
  req.on('close', () => clearInterval(timer));
});`,
    },
    {
      name: 'a long-poll keeps the reply because it must answer with it',
      code: `
const waiting = new Map<string, () => void>();
app.get('/jobs/:id/wait', (request, reply) => {
  waiting.set(request.params.id, () => reply.send({ done: true }));
});
export function done(id: string) {
  waiting.get(id)?.();
  waiting.delete(id);
}`,
    },
    {
      name: 'short-lived callbacks: map and then run within the request',
      code: `
import { db } from '../db';
app.get('/emails', async (req) => {
  const rows = await db.select({ id: emails.id }).from(emails).limit(50);
  return rows.map((r) => ({ ...r, app: req.params.appId }));
});`,
    },
    {
      name: 'a one-shot setTimeout is not long-lived',
      code: `
app.post('/emails/:id/undo', (req, res) => {
  setTimeout(() => cancelUndo(req.params.id), 30_000);
  res.status(202).end();
});`,
    },
    {
      name: 'an interval at start-up captures no request',
      code: `
import { config } from './config';
setInterval(() => refreshSuppressionList(config.suppressionUrl), 60_000);`,
    },
    {
      name: 'a listener on a long-lived emitter removed within the handler',
      code: `
import { bus } from '../bus';
app.get('/campaigns/:id/progress', (req, res) => {
  const onProgress = (e: Progress) => { if (e.campaignId === req.params.id) res.write(JSON.stringify(e)); };
  bus.on('progress', onProgress);
  req.on('close', () => bus.off('progress', onProgress));
});`,
    },
    {
      name: 'a listener on a stream made in the handler dies with it',
      code: `
import { createReadStream } from 'node:fs';
import { Worker } from 'bullmq';
new Worker('imports', async (job) => {
  const input = createReadStream(job.data.path);
  input.on('error', () => logger.warn({ path: job.data.path }, 'import failed'));
  await consume(input);
});`,
    },
  ],
  invalid: [
    {
      name: 'an interval kept in a module-level map captures the whole request for an id',
      code: `
const watchers = new Map<string, NodeJS.Timeout>();
app.post('/campaigns/:id/watch', (req, res) => {
  const timer = setInterval(() => poll(req.params.id), 5000);
  watchers.set(req.params.id, timer);
  res.status(204).end();
});
app.delete('/campaigns/:id/watch', (req, res) => {
  clearInterval(watchers.get(req.params.id));
  watchers.delete(req.params.id);
  res.status(204).end();
});`,
      errors: [{ messageId: 'capture', line: 4 }],
    },
    {
      name: 'a function cached in a module-level map keeps the request',
      code: `
const renderers = new Map<string, () => Promise<string>>();
app.get('/templates/:id/preview', async (request) => {
  if (!renderers.has(request.params.id)) {
    renderers.set(request.params.id, () => renderTemplate(request.params.id, request.query.locale));
  }
  return renderers.get(request.params.id)!();
});
export function invalidate(id: string) {
  renderers.delete(id);
}`,
      errors: [{ messageId: 'capture', line: 5 }],
    },
    {
      name: 'a retry pushed to a module-level list keeps the whole webhook request',
      code: `
const retries: Array<() => Promise<void>> = [];
app.post('/webhooks/test', async (req, res) => {
  retries.push(async () => {
    await deliver(req.body.url, req.body.payload);
  });
  res.status(202).end();
});
setInterval(() => retries.splice(0).forEach((run) => run()), 10_000);`,
      errors: [{ messageId: 'capture', line: 4 }],
    },
    {
      name: 'a job processor listens on a module-level emitter and keeps the job',
      code: `
import { Worker } from 'bullmq';
import { bus } from './bus';
new Worker('campaigns', async (job) => {
  bus.on('campaign:cancel', (id: string) => {
    if (id === job.data.campaignId) cancelled.add(id);
  });
  await sendCampaign(job.data.campaignId);
});`,
      errors: [{ messageId: 'capture', line: 5 }],
    },
    {
      name: 'an interval keeps a whole result set to report its length',
      code: `
import { db } from '../db';
app.post('/lists/:id/verify', async (req, res) => {
  const contacts = await db.select({ id: listContacts.id, email: listContacts.email }).from(listContacts).where(eq(listContacts.listId, req.params.id));
  const progress = setInterval(() => metrics.gauge('verify.total', contacts.length), 1000);
  verifyAll(contacts).finally(() => undefined);
  res.status(202).json({ progressId: String(progress) });
});`,
      errors: [{ messageId: 'capture', line: 5 }],
    },
  ],
});
