import rule from '../../src/rules/prefer-streaming.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a bounded page: the export is cut to 1,000 rows by limit',
      code: `
import { db } from '../db';
export async function recentCsv(appId: string) {
  const rows = await db.select({ id: emails.id, to: emails.to }).from(emails).where(eq(emails.appId, appId)).limit(1000);
  return rows.map((r) => \`\${r.id},\${r.to}\`).join('\\n');
}`,
    },
    {
      name: 'pipeline(): the upload is streamed to its parser, chunk by chunk',
      code: `
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
app.post('/contacts/import', async (req, res) => {
  await pipeline(createReadStream(req.file.path), parse({ columns: true }), contactWriter(req.params.listId));
  res.status(202).end();
});`,
    },
    {
      name: 'for await that writes each chunk on: nothing is kept',
      code: `
import { createReadStream } from 'node:fs';
export async function copyToS3(path: string, upload: Writable) {
  for await (const chunk of createReadStream(path)) {
    if (!upload.write(chunk)) await once(upload, 'drain');
  }
}`,
    },
    {
      name: 'a template read from a fixed path: small, and not from the request',
      code: `
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
const TEMPLATES = join(import.meta.dirname, 'templates');
app.get('/preview/welcome', async (request, reply) => {
  const html = await readFile(join(TEMPLATES, 'welcome.html'), 'utf8');
  return reply.type('text/html').send(html);
});`,
    },
    {
      name: 'config read at start-up, even split into lines',
      code: `
import { readFile } from 'node:fs/promises';
const blocked = (await readFile('./config/blocked-domains.txt', 'utf8')).split('\\n');
export function isBlocked(domain: string) {
  return blocked.includes(domain);
}`,
    },
    {
      name: 'a body read with a size limit: at most MAX bytes are kept',
      code: `
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 1_000_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
  });
}`,
    },
    {
      name: 'JSON.stringify of one row found by id',
      code: `
import { db } from '../db';
export async function snapshot(id: string) {
  const [email] = await db.select({ id: emails.id, status: emails.status }).from(emails).where(eq(emails.id, id));
  return JSON.stringify(email);
}`,
    },
    {
      name: 'JSON of a bounded page (take: 20) is a page, not an export',
      code: `
import { prisma } from './prisma';
export async function lastFailures(appId: string) {
  const rows = await prisma.email.findMany({ where: { appId, status: 'failed' }, take: 20 });
  return JSON.stringify(rows);
}`,
    },
    {
      name: 'readFile in a job whose path is a fixed asset, not job data',
      code: `
import { readFile } from 'node:fs/promises';
import { Worker } from 'bullmq';
new Worker('digest', async (job) => {
  const logo = await readFile(new URL('./assets/logo.png', import.meta.url));
  await sendDigest(job.data.userId, logo);
});`,
    },
    {
      name: 'the response of an outbound API call is collected: small by design',
      code: `
import https from 'node:https';
export function fetchDmarcReport(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'an uploaded CSV read whole in the route (multer puts it on disk)',
      code: `
import { readFile } from 'node:fs/promises';
router.post('/contacts/import', upload.single('file'), async (req, res) => {
  const text = await readFile(req.file.path, 'utf8');
  await importContacts(req.params.listId, text);
  res.status(202).json({ ok: true });
});`,
      errors: [{ messageId: 'requestFile', line: 4 }],
    },
    {
      name: 'a job reads the file it was given whole',
      code: `
import fs from 'node:fs/promises';
import { Worker } from 'bullmq';
new Worker('imports', async (job) => {
  const { path } = job.data;
  const buffer = await fs.readFile(path);
  await parseAndInsert(buffer);
});`,
      errors: [{ messageId: 'requestFile', line: 6 }],
    },
    {
      name: 'an import service splits the whole file into lines',
      code: `
import { readFile } from 'fs/promises';
export async function importSuppressions(path: string) {
  const text = await readFile(path, 'utf8');
  const lines = text.split(/\\r?\\n/);
  return lines.filter(Boolean);
}`,
      errors: [{ messageId: 'readLines', line: 4 }],
    },
    {
      name: 'an unbounded select joined into one CSV string',
      code: `
import { db } from '../db';
app.get('/apps/:appId/emails.csv', async (request, reply) => {
  const rows = await db.select({ id: emails.id, to: emails.to, status: emails.status }).from(emails)
    .where(eq(emails.appId, request.params.appId));
  const csv = rows.map((r) => [r.id, r.to, r.status].join(',')).join('\\n');
  return reply.header('content-type', 'text/csv').send(csv);
});`,
      errors: [{ messageId: 'wholeResult', line: 4 }],
    },
    {
      name: 'every event of an app serialised as one JSON download (pg)',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function exportEvents(appId: string) {
  const { rows } = await pool.query('SELECT id, type, created_at FROM email_events WHERE app_id = $1', [appId]);
  return JSON.stringify({ events: rows });
}`,
      errors: [{ messageId: 'wholeResult', line: 5 }],
    },
    {
      name: 'chunks of the request pushed into an array in a raw route',
      code: `
app.post('/webhooks/inbound', async (req, res) => {
  const chunks: string[] = [];
  for await (const chunk of req) chunks.push(chunk.toString());
  await handleInbound(chunks.join(''));
  res.end();
});`,
      errors: [{ messageId: 'chunks', line: 4 }],
    },
    {
      name: 'rows of a CSV parser collected before they are inserted',
      code: `
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
export async function loadContacts(path: string) {
  const records = [];
  const parser = createReadStream(path).pipe(parse({ columns: true }));
  for await (const record of parser) {
    records.push(record);
  }
  return records;
}`,
      errors: [{ messageId: 'chunks', line: 8 }],
    },
    {
      name: 'the fastify multipart upload turned into one Buffer',
      code: `
import type { FastifyInstance } from 'fastify';
export default async function routes(app: FastifyInstance) {
  app.post('/attachments', async (request, reply) => {
    const data = await request.file();
    const buffer = await data.toBuffer();
    return storeAttachment(buffer);
  });
}`,
      errors: [{ messageId: 'requestFile', line: 6 }],
    },
  ],
});
