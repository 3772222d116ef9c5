import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/prefer-promise-all.js';
import { run, testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'dependent: the second call needs the first result',
      code: `
import { getUser, getApp } from '../services';
export async function context(userId: string) {
  const user = await getUser(userId);
  const app = await getApp(user.appId);
  return { user, app };
}`,
    },
    {
      name: 'writes whose order matters: insert, then read back',
      code: `
import { db } from '../db';
import { emailQueue } from '../queues';
export async function create(appId: string, to: string) {
  const [email] = await db.insert(emails).values({ appId, to }).returning({ id: emails.id });
  const job = await emailQueue.add('send', { id: email.id });
  const count = await db.select({ n: count() }).from(emails).where(eq(emails.appId, appId));
  return { job, count };
}`,
    },
    {
      name: 'inside a transaction: one connection runs the queries in order',
      code: `
import { db } from '../db';
export async function snapshot(appId: string) {
  return db.transaction(async (tx) => {
    const sent = await tx.select({ id: emails.id }).from(emails).where(eq(emails.appId, appId)).limit(10);
    const events = await tx.select({ id: emailEvents.id }).from(emailEvents).where(eq(emailEvents.appId, appId)).limit(10);
    return { sent, events };
  });
}`,
    },
    {
      name: "Kysely's transaction().execute(cb): one connection too",
      code: `
import { db } from '../db';
export async function snapshot(appId: string) {
  return db.transaction().execute(async (trx) => {
    const sent = await trx.selectFrom('emails').select(['id']).where('app_id', '=', appId).limit(10).execute();
    const events = await trx.selectFrom('email_events').select(['id']).where('app_id', '=', appId).limit(10).execute();
    return { sent, events };
  });
}`,
    },
    {
      name: 'a checked-out pg client between BEGIN and COMMIT',
      code: `
import { pool } from '../pool';
export async function move(appId: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: a } = await client.query('SELECT id FROM emails WHERE app_id = $1 LIMIT 10', [appId]);
    const { rows: b } = await client.query('SELECT id FROM events WHERE app_id = $1 LIMIT 10', [appId]);
    await client.query('COMMIT');
    return [a, b];
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'awaits in a loop belong to other rules',
      code: `
import { getApp, getQuota } from '../services';
export async function check(ids: string[]) {
  for (const id of ids) {
    const app = await getApp(id);
    const quota = await getQuota(id);
    console.log(app, quota);
  }
}`,
    },
    {
      name: 'authorisation first: the data is loaded only for an allowed caller',
      code: `
import { getSession, listEmails } from '../services';
export async function page(req: { headers: unknown; params: { appId: string } }) {
  const session = await getSession(req.headers);
  const rows = await listEmails(req.params.appId);
  return { session, rows };
}`,
    },
    {
      name: 'start-up runs once',
      code: `
import { loadConfig, loadTemplates } from './config';
async function main() {
  const config = await loadConfig();
  const templates = await loadTemplates(process.env.TEMPLATES_DIR);
  start(config, templates);
}
main();`,
    },
    {
      name: 'something else between the awaits: a pause',
      code: `
import { fetchStatus, fetchBounces } from '../provider';
import { setTimeout as sleep } from 'node:timers/promises';
export async function poll(id: string) {
  const status = await fetchStatus(id);
  await sleep(100);
  const bounces = await fetchBounces(id);
  return { status, bounces };
}`,
    },
    {
      name: 'read-looking names that write: getOrCreate, fetchAndLock, getNextId',
      code: `
import { getOrCreateContact, fetchAndLockJob, getNextSequence } from '../services';
export async function prepare(email: string) {
  const contact = await getOrCreateContact(email);
  const job = await fetchAndLockJob('send');
  const seq = await getNextSequence('emails');
  return { contact, job, seq };
}`,
    },
    {
      name: 'a local get-named function that writes, by the facts',
      code: `
import { db } from '../db';
async function getDraft(appId: string) {
  const [draft] = await db.insert(drafts).values({ appId }).returning({ id: drafts.id });
  return draft;
}
async function getSettings(appId: string) {
  return db.query.settings.findFirst({ where: eq(settings.appId, appId) });
}
export async function editor(appId: string) {
  const draft = await getDraft(appId);
  const settings = await getSettings(appId);
  return { draft, settings };
}`,
    },
    {
      name: 'already parallel',
      code: `
import { getApp, getQueue } from '../services';
export async function load(appId: string, queueId: string) {
  const [app, queue] = await Promise.all([getApp(appId), getQueue(queueId)]);
  return { app, queue };
}`,
    },
  ],
  invalid: [
    {
      name: 'the specification: getApp, getQueue, getSmtpConfig',
      code: `
import { getApp, getQueue, getSmtpConfig } from '../services';
export async function prepareSend(appId: string, queueId: string, smtpId: string) {
  const app = await getApp(appId);
  const queue = await getQueue(queueId);
  const smtp = await getSmtpConfig(smtpId);
  return { app, queue, smtp };
}`,
      errors: [{ messageId: 'sequential', line: 4 }],
    },
    {
      name: 'local read helpers in a route handler',
      code: `
import Fastify from 'fastify';
import { db } from '../db';
const app = Fastify();
async function loadDomain(id: string) {
  return db.query.domains.findFirst({ where: eq(domains.id, id) });
}
async function loadSender(id: string) {
  return db.query.senders.findFirst({ where: eq(senders.id, id) });
}
app.get('/senders/:id', async (request) => {
  const domain = await loadDomain(request.query.domainId);
  const sender = await loadSender(request.params.id);
  return { domain, sender };
});`,
      errors: [{ messageId: 'sequential', line: 12 }],
    },
    {
      name: 'a query and a Redis read',
      code: `
import Redis from 'ioredis';
import { db } from '../db';
const redis = new Redis();
export async function quota(appId: string) {
  const app = await db.query.apps.findFirst({ where: eq(apps.id, appId) });
  const used = await redis.get(\`quota:\${appId}\`);
  return { app, used: Number(used) };
}`,
      errors: [{ messageId: 'sequential', line: 6 }],
    },
    {
      name: 'two HTTP GETs in a job processor',
      code: `
import { Worker } from 'bullmq';
new Worker('verify', async (job) => {
  const mx = await fetch(\`https://dns.test/mx/\${job.data.domain}\`, { signal: AbortSignal.timeout(5000) });
  const spf = await fetch(\`https://dns.test/spf/\${job.data.domain}\`, { signal: AbortSignal.timeout(5000) });
  return { mx: await mx.json(), spf: await spf.json() };
});`,
      errors: [{ messageId: 'sequential', line: 4 }],
    },
    {
      name: 'after a dependent pair, the next independent read starts a new run',
      code: `
import { getApp, getPlan, getUsage } from '../services';
export async function billing(appId: string) {
  const app = await getApp(appId);
  const plan = await getPlan(app.planId);
  const usage = await getUsage(appId);
  return { plan, usage };
}`,
      errors: [{ messageId: 'sequential', line: 5 }],
    },
    {
      name: 'pg pool reads destructured',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function dashboard(appId: string) {
  const { rows: sent } = await pool.query('SELECT count(*) FROM emails WHERE app_id = $1', [appId]);
  const { rows: bounced } = await pool.query('SELECT count(*) FROM bounces WHERE app_id = $1', [appId]);
  return { sent, bounced };
}`,
      errors: [{ messageId: 'sequential', line: 5 }],
    },
  ],
});

describe('prefer-promise-all fix', () => {
  it('rewrites the run into one Promise.all over the same lines', () => {
    const code = `
import { getApp, getQueue, getSmtpConfig } from '../services';
export async function prepareSend(appId: string, queueId: string, smtpId: string) {
  const app = await getApp(appId);
  const queue = await getQueue(queueId);
  const smtp = await getSmtpConfig(smtpId);
  return { app, queue, smtp };
}`;
    const [finding] = run(rule, code);
    expect([finding?.line, finding?.endLine]).toEqual([4, 6]);
    expect(finding?.metric).toMatchObject({ current: '3', target: '1' });
    expect(finding?.fix).toBe(
      ['  const [app, queue, smtp] = await Promise.all([', '    getApp(appId),', '    getQueue(queueId),', '    getSmtpConfig(smtpId),', '  ]);'].join('\n'),
    );
  });

  it('moves calls written over several lines one level in', () => {
    const code = `
import { db } from '../db';
export async function overview(appId: string) {
  const domains = await db
    .select({ id: domainsTable.id })
    .from(domainsTable)
    .where(eq(domainsTable.appId, appId))
    .limit(20);
  const senders = await db.select({ id: sendersTable.id }).from(sendersTable).where(eq(sendersTable.appId, appId)).limit(20);
  return { domains, senders };
}`;
    const [finding] = run(rule, code);
    expect([finding?.line, finding?.endLine]).toEqual([4, 9]);
    expect(finding?.fix).toBe(
      [
        '  const [domains, senders] = await Promise.all([',
        '    db',
        '      .select({ id: domainsTable.id })',
        '      .from(domainsTable)',
        '      .where(eq(domainsTable.appId, appId))',
        '      .limit(20),',
        '    db.select({ id: sendersTable.id }).from(sendersTable).where(eq(sendersTable.appId, appId)).limit(20),',
        '  ]);',
      ].join('\n'),
    );
  });

  it('offers no fix for destructuring, type annotations or comments between the statements', () => {
    const code = `
import { getApp, getQueue } from '../services';
export async function load(appId: string, queueId: string) {
  const app: App = await getApp(appId);
  // the queue of the campaign
  const queue = await getQueue(queueId);
  return { app, queue };
}`;
    const [finding] = run(rule, code);
    expect(finding?.line).toBe(4);
    expect(finding?.fix).toBeUndefined();
  });
});
