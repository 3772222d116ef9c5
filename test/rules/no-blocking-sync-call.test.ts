import rule from '../../src/rules/no-blocking-sync-call.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'start-up: read at module top level, once per process',
      code: `
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
const template = readFileSync(new URL('./welcome.html', import.meta.url), 'utf8');
const app = Fastify();
app.get('/welcome', async () => template);`,
    },
    {
      name: 'start-up: async main() called at top level, and the files it maps over',
      code: `
import fs from 'node:fs';
import { createServer } from './server';
async function main() {
  const certs = await Promise.all(['key.pem', 'cert.pem'].map(async (f) => fs.readFileSync(f)));
  const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
  await createServer(config, certs).listen({ port: 3000 });
}
main().catch((error) => { console.error(error); process.exit(1); });`,
    },
    {
      name: 'a Fastify plugin reads its template once, before it registers the route',
      code: `
import { readFileSync } from 'fs';
import type { FastifyInstance } from 'fastify';
export default async function unsubscribeRoutes(app: FastifyInstance) {
  const page = readFileSync('templates/unsubscribe.html', 'utf8');
  app.get('/unsubscribe', async (request, reply) => reply.type('text/html').send(page));
}`,
    },
    {
      name: 'a fastify-plugin that loads a CA certificate while the server starts',
      code: `
import { readFileSync } from 'node:fs';
import fp from 'fastify-plugin';
import { Pool } from 'pg';
export default fp(async (app) => {
  const ca = readFileSync(process.env.PG_CA_PATH!, 'utf8');
  app.decorate('pg', new Pool({ ssl: { ca }, max: 20 }));
});`,
    },
    {
      name: 'lazy one-time initialisation: cached ??= …, and if (!x) x = …',
      code: `
import { readFileSync } from 'node:fs';
import express from 'express';
let logo: Buffer | undefined;
let footer: string | undefined;
function footerHtml() {
  if (!footer) footer = readFileSync('footer.html', 'utf8');
  return footer;
}
const app = express();
app.get('/logo.png', (req, res) => {
  logo ??= readFileSync('logo.png');
  res.type('png').send(logo);
});
app.get('/footer', (req, res) => res.send(footerHtml()));`,
    },
    {
      name: 'sync code of a CLI that no handler reaches',
      code: `
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
export function writeVersion() {
  const sha = execSync('git rev-parse HEAD').toString().trim();
  writeFileSync('version.json', JSON.stringify({ sha }));
}`,
    },
    {
      name: 'a local function that happens to be called readFileSync',
      code: `
import { vfs } from './memory-fs';
function readFileSync(path: string) {
  return vfs.get(path) ?? '';
}
export async function render(name: string) {
  return readFileSync(name);
}`,
    },
    {
      name: 'the promise API of fs, and zlib through promisify',
      code: `
import fs from 'node:fs';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
const gzip = promisify(zlib.gzip);
export async function archive(path: string) {
  const body = await fs.promises.readFile(path);
  return gzip(body);
}`,
    },
    {
      name: 'a build script runs execSync at its top level',
      path: 'scripts/build.ts',
      code: `
import { execSync } from 'node:child_process';
execSync('tsc -p tsconfig.build.json', { stdio: 'inherit' });
execSync('cp -r templates dist/', { stdio: 'inherit' });`,
    },
    {
      name: 'a shutdown listener may flush state to disk synchronously on its way out',
      code: `
import { writeFileSync } from 'node:fs';
import { Worker } from 'bullmq';
const worker = new Worker('emails', async (job) => job.data, { connection, concurrency: 20 });
process.on('SIGTERM', async () => {
  await worker.close();
  writeFileSync('/tmp/worker.stopped', String(Date.now()));
});`,
    },
    {
      name: 'fixtures read in a test file never run in the server',
      path: 'test/templates.test.ts',
      code: `
import { readFileSync } from 'node:fs';
import { it, expect } from 'vitest';
it('renders the welcome email', async () => {
  const html = readFileSync('test/fixtures/welcome.html', 'utf8');
  expect(html).toContain('Welcome');
});`,
    },
  ],
  invalid: [
    {
      name: 'readFileSync in a Fastify route handler',
      code: `
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
const app = Fastify();
app.get('/templates/:name', async (request) => {
  const { name } = request.params as { name: string };
  return readFileSync(\`templates/\${name}.html\`, 'utf8');
});`,
      errors: [{ messageId: 'fs', line: 7 }],
    },
    {
      name: 'existsSync and readFileSync through a default import, in an Express handler',
      code: `
import fs from 'fs';
import express from 'express';
const router = express.Router();
router.get('/attachments/:id', (req, res) => {
  const path = \`/data/\${req.params.id}\`;
  if (!fs.existsSync(path)) return res.sendStatus(404);
  res.send(fs.readFileSync(path));
});`,
      errors: [
        { messageId: 'fs', line: 7 },
        { messageId: 'fs', line: 8 },
      ],
    },
    {
      name: 'crypto.pbkdf2Sync in an async function',
      code: `
import * as crypto from 'node:crypto';
export async function verifyApiKey(key: string, salt: string, expected: Buffer) {
  const hash = crypto.pbkdf2Sync(key, salt, 100_000, 64, 'sha512');
  return crypto.timingSafeEqual(hash, expected);
}`,
      errors: [{ messageId: 'crypto', line: 4 }],
    },
    {
      name: 'zlib.gzipSync in a BullMQ processor',
      code: `
import zlib from 'node:zlib';
import { Worker } from 'bullmq';
import { storage } from './storage';
export const archiver = new Worker('archive', async (job) => {
  const body = zlib.gzipSync(Buffer.from(job.data.html));
  await storage.put(\`emails/\${job.data.id}.html.gz\`, body);
}, { connection, concurrency: 10 });`,
      errors: [{ messageId: 'zlib', line: 6 }],
    },
    {
      name: 'a sync helper called from a Hono handler: reported inside the helper',
      code: `
import { Hono } from 'hono';
const { readFileSync } = require('node:fs');
function loadTemplate(name: string) {
  return readFileSync(\`templates/\${name}.mjml\`, 'utf8');
}
const app = new Hono();
app.post('/preview/:name', async (c) => c.html(loadTemplate(c.req.param('name'))));`,
      errors: [{ messageId: 'fs', line: 5 }],
    },
    {
      name: 'execSync per job in a worker',
      code: `
import { execSync } from 'node:child_process';
import { Worker } from 'bullmq';
new Worker('thumbnails', async (job) => {
  execSync(\`convert \${job.data.input} -resize 200x \${job.data.output}\`);
}, { connection, concurrency: 4 });`,
      errors: [{ messageId: 'childProcess', line: 5 }],
    },
    {
      name: 'a cache variable that is local to the handler is filled on every request',
      code: `
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
const app = Fastify();
app.get('/terms', async () => {
  let terms: string | undefined;
  terms ??= readFileSync('terms.html', 'utf8');
  return terms;
});`,
      errors: [{ messageId: 'fs', line: 7 }],
    },
  ],
});
