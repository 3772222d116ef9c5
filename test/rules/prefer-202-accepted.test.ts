import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/engine/analyse.js';
import noQueryInLoop from '../../src/rules/no-query-in-loop.js';
import noWriteInLoop from '../../src/rules/no-write-in-loop.js';
import rule from '../../src/rules/prefer-202-accepted.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the fix: enqueue one job with the ids and answer 202',
      code: `
import Fastify from 'fastify';
import { webhookQueue } from '../queues';
const app = Fastify();
app.post('/events/replay', async (request, reply) => {
  const job = await webhookQueue.add('replay', { ids: request.body.ids });
  return reply.code(202).send({ jobId: job.id });
});`,
    },
    {
      name: 'a fixed list of providers written in the code is not N',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/health/providers', async () => {
  const out = {};
  for (const url of ['https://api.sendgrid.com/health', 'https://api.postmarkapp.com/health']) {
    out[url] = (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  }
  return out;
});`,
    },
    {
      name: 'a bounded page of 20 rows',
      code: `
import express from 'express';
import { db } from '../db';
const app = express();
app.post('/webhooks/test', async (req, res) => {
  const hooks = await db.select({ url: webhooks.url }).from(webhooks).where(eq(webhooks.appId, req.params.appId)).limit(20);
  for (const hook of hooks) {
    await fetch(hook.url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(5000) });
  }
  res.sendStatus(204);
});`,
    },
    {
      name: "a write per body item is no-write-in-loop's finding, on its own line",
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.post('/contacts', async (request) => {
  for (const contact of request.body.contacts) {
    await db.insert(contacts).values({ email: contact.email, appId: request.params.appId });
  }
  return { ok: true };
});`,
    },
    {
      name: "sendMail and queue.add per recipient are the bulk-send rule's findings",
      code: `
import express from 'express';
import { transporter } from '../mailer';
import { emailQueue } from '../queues';
const app = express();
app.post('/broadcast', async (req, res) => {
  for (const to of req.body.recipients) {
    await transporter.sendMail({ to, subject: req.body.subject, html: req.body.html });
    await emailQueue.add('track', { to });
  }
  res.json({ ok: true });
});`,
    },
    {
      name: 'a job processor is where the loop belongs',
      code: `
import { Worker } from 'bullmq';
import { db } from '../db';
new Worker('webhooks', async (job) => {
  const hooks = await db.select({ url: webhooks.url }).from(webhooks);
  for (const hook of hooks) await fetch(hook.url, { method: 'POST', signal: AbortSignal.timeout(5000) });
});`,
    },
    {
      name: 'one request per chunk of 500 recipients: the provider batch API',
      code: `
import Fastify from 'fastify';
import { chunk } from 'lodash-es';
const app = Fastify();
app.post('/send', async (request) => {
  for (const batch of chunk(request.body.recipients, 500)) {
    await fetch('https://api.provider.test/v3/mail/batch', { method: 'POST', body: JSON.stringify(batch), signal: AbortSignal.timeout(10_000) });
  }
  return { ok: true };
});`,
    },
    {
      name: 'one request after the loop, not per item',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.post('/validate', async (request) => {
  const emails = [];
  for (const contact of request.body.contacts) emails.push(contact.email.toLowerCase());
  const res = await fetch('https://verify.test/bulk', { method: 'POST', body: JSON.stringify(emails), signal: AbortSignal.timeout(5000) });
  return res.json();
});`,
    },
    {
      name: 'fire-and-forget inside the loop is not awaited before the answer',
      code: `
import Fastify from 'fastify';
const app = Fastify();
async function ping(url: string) { await fetch(url, { signal: AbortSignal.timeout(1000) }); }
app.post('/notify', async (request) => {
  for (const url of request.body.urls) void ping(url).catch(() => {});
  return { queued: true };
});`,
    },
  ],
  invalid: [
    {
      name: 'an HTTP request per endpoint of the body, one after another',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.post('/campaigns/:id/notify', async (request) => {
  const { endpoints } = request.body;
  for (const endpoint of endpoints) {
    await fetch(endpoint.url, { method: 'POST', body: JSON.stringify({ id: request.params.id }), signal: AbortSignal.timeout(5000) });
  }
  return { delivered: endpoints.length };
});`,
      errors: [{ messageId: 'sequential', line: 6 }],
    },
    {
      name: 'Promise.all of axios posts over every contact of an unbounded select',
      code: `
import express from 'express';
import axios from 'axios';
import { db } from '../db';
const app = express();
app.post('/crm/sync', async (req, res) => {
  const rows = await db.select({ id: contacts.id, email: contacts.email }).from(contacts).where(eq(contacts.appId, req.params.appId));
  await Promise.all(rows.map((c) => axios.post('https://crm.test/contacts', c, { timeout: 5000 })));
  res.json({ synced: rows.length });
});`,
      errors: [{ messageId: 'parallel', line: 8 }],
    },
    {
      name: 'a local async helper that calls out, per webhook row of pg',
      code: `
import express from 'express';
import got from 'got';
import { pool } from '../pool';
const app = express();
async function deliver(url: string, payload: unknown) {
  await got.post(url, { json: payload, timeout: { request: 5000 } });
}
app.post('/events/:id/redeliver', async (req, res) => {
  const { rows } = await pool.query('SELECT url FROM webhooks WHERE app_id = $1', [req.params.appId]);
  for (const hook of rows) {
    await deliver(hook.url, { event: req.params.id });
  }
  res.json({ ok: true });
});`,
      errors: [{ messageId: 'sequential', line: 11 }],
    },
    {
      name: 'Hono: an MX lookup per contact of the JSON body',
      code: `
import { Hono } from 'hono';
import { resolveMx } from 'node:dns/promises';
const app = new Hono();
async function hasMx(email: string) {
  return (await resolveMx(email.split('@')[1])).length > 0;
}
app.post('/contacts/verify', async (c) => {
  const body = await c.req.json();
  const results = [];
  for (const contact of body.contacts) {
    results.push({ email: contact.email, ok: await hasMx(contact.email) });
  }
  return c.json(results);
});`,
      errors: [{ messageId: 'sequential', line: 11 }],
    },
    {
      name: 'a literal limit of 5,000 is not a page',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.post('/webhooks/replay', async () => {
  const failed = await db.select({ id: deliveries.id, url: deliveries.url }).from(deliveries).limit(5000);
  for (const delivery of failed) {
    await fetch(delivery.url, { method: 'POST', signal: AbortSignal.timeout(5000) });
  }
  return { replayed: failed.length };
});`,
      errors: [{ messageId: 'sequential', line: 7 }],
    },
  ],
});

describe('prefer-202-accepted beside the per-item database rules', () => {
  it('reports the loop line, and leaves the query and write lines to their rules: one finding per line', () => {
    const code = `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
app.post('/endpoints/ping', async (request) => {
  for (const endpoint of request.body.endpoints) {
    const [last] = await db.select({ at: pings.at }).from(pings).where(eq(pings.url, endpoint.url)).limit(1);
    await db.insert(pings).values({ url: endpoint.url, previous: last?.at });
    await fetch(endpoint.url, { method: 'POST', signal: AbortSignal.timeout(5000) });
  }
  return { ok: true };
});`;
    const findings = analyse([{ path: 'src/routes/ping.ts', content: code }], [noQueryInLoop, noWriteInLoop, rule], { mode: 'all' }).findings;
    expect(findings.map((f) => [f.rule, f.line]).sort()).toEqual([['no-query-in-loop', 7], ['no-write-in-loop', 8], ['prefer-202-accepted', 6]]);
  });
});
