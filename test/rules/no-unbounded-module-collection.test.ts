import rule from '../../src/rules/no-unbounded-module-collection.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a buffer flushed with splice(0) on an interval',
      code: `
import { db } from './db';
const pending: NewEvent[] = [];
export async function track(event: NewEvent) {
  pending.push(event);
}
setInterval(async () => {
  const batch = pending.splice(0);
  if (batch.length) await db.insert(emailEvents).values(batch);
}, 1000);`,
    },
    {
      name: 'in-flight ids deleted in finally',
      code: `
import { Worker } from 'bullmq';
const inFlight = new Set<string>();
new Worker('send', async (job) => {
  inFlight.add(job.data.emailId);
  try {
    await send(job.data);
  } finally {
    inFlight.delete(job.data.emailId);
  }
});`,
    },
    {
      name: 'a recent-errors list capped with shift past a size',
      code: `
const recentErrors: string[] = [];
app.post('/webhooks/bounce', async (req) => {
  recentErrors.push(req.body.reason);
  if (recentErrors.length > 100) recentErrors.shift();
});`,
    },
    {
      name: 'an LRU cache is bounded by its max',
      code: `
import { LRUCache } from 'lru-cache';
const settings = new LRUCache<string, AppSettings>({ max: 5000, ttl: 60_000 });
export async function settingsFor(appId: string) {
  let found = settings.get(appId);
  if (!found) settings.set(appId, (found = await loadSettings(appId)));
  return found;
}`,
    },
    {
      name: 'a registry of handlers filled at start-up',
      code: `
const handlers = new Map<string, Handler>();
export function register(type: string, handler: Handler) {
  handlers.set(type, handler);
}
register('bounce', onBounce);
register('complaint', onComplaint);
export async function dispatch(event: WebhookEvent) {
  return handlers.get(event.type)?.(event);
}`,
    },
    {
      name: 'a WeakMap lets its keys be collected',
      code: `
const metaByRequest = new WeakMap<object, RequestMeta>();
app.addHook('onRequest', async (request) => {
  metaByRequest.set(request, { start: performance.now() });
});`,
    },
    {
      name: 'a constant lookup table is never mutated',
      code: `
const TEMPLATES = new Map([['welcome', 'tpl_welcome'], ['reset', 'tpl_reset']]);
export async function templateFor(kind: string) {
  return TEMPLATES.get(kind);
}`,
    },
    {
      name: 'a batch emptied by reassignment',
      code: `
let batch: Row[] = [];
export async function add(row: Row) {
  batch.push(row);
  if (batch.length >= 500) {
    const rows = batch;
    batch = [];
    await writeRows(rows);
  }
}`,
    },
    {
      name: 'an exported collection may be emptied by the module that imports it',
      code: `
export const deadLetters: FailedSend[] = [];
export async function recordFailure(send: FailedSend) {
  deadLetters.push(send);
}`,
    },
    {
      name: 'keys written in the code overwrite the same entries',
      code: `
const health = new Map<string, number>();
const stats: Record<string, number> = {};
export async function recordSend(ms: number) {
  health.set('lastSendMs', ms);
  stats.lastRun = Date.now();
  stats['sent'] = (stats['sent'] ?? 0) + 1;
}`,
    },
    {
      name: 'an async loader fills a registry from a folder: the same keys on every run',
      code: `
import { readdir, readFile } from 'node:fs/promises';
const templates = new Map<string, string>();
export async function loadTemplates() {
  for (const file of await readdir(TEMPLATE_DIR)) {
    templates.set(file.replace('.hbs', ''), await readFile(join(TEMPLATE_DIR, file), 'utf8'));
  }
}
export function template(name: string) {
  return templates.get(name);
}`,
    },
  ],
  invalid: [
    {
      name: 'a send log pushed to on every request and never emptied',
      code: `
const sent: { id: string; at: number }[] = [];
app.post('/emails', async (request, reply) => {
  const id = await enqueueEmail(request.body);
  sent.push({ id, at: Date.now() });
  return reply.code(202).send({ id });
});`,
      errors: [{ messageId: 'array', line: 5 }],
    },
    {
      name: 'a per-tenant settings cache with no eviction',
      code: `
import { db } from './db';
const settingsCache = new Map<string, AppSettings>();
export async function getSettings(appId: string) {
  const cached = settingsCache.get(appId);
  if (cached) return cached;
  const [row] = await db.select().from(appSettings).where(eq(appSettings.appId, appId));
  settingsCache.set(appId, row);
  return row;
}`,
      errors: [{ messageId: 'keyed', line: 8 }],
    },
    {
      name: 'processed message ids remembered forever in a worker',
      code: `
import { Worker } from 'bullmq';
const seen = new Set<string>();
new Worker('inbound', async (job) => {
  if (seen.has(job.data.messageId)) return;
  seen.add(job.data.messageId);
  await handleInbound(job.data);
});`,
      errors: [{ messageId: 'keyed', line: 6 }],
    },
    {
      name: 'counters per app in a plain object map',
      code: `
const sendsByApp: Record<string, number> = {};
app.post('/send', async (req, res) => {
  sendsByApp[req.body.appId] = (sendsByApp[req.body.appId] ?? 0) + 1;
  res.status(202).end();
});`,
      errors: [{ messageId: 'keyed', line: 4 }],
    },
    {
      name: 'an array that grows by reassignment with a spread',
      code: `
import { queueEvents } from './queues';
let history: string[] = [];
queueEvents.on('completed', ({ jobId }) => {
  history = [...history, jobId];
});`,
      errors: [{ messageId: 'array', line: 5 }],
    },
  ],
});
