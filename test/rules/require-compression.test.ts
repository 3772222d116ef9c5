import rule from '../../src/rules/require-compression.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'Fastify with @fastify/compress registered',
      code: `
import Fastify from 'fastify';
import compress from '@fastify/compress';
const app = Fastify({ logger: true });
await app.register(compress);`,
    },
    {
      name: 'Express with the compression middleware',
      code: `
import express from 'express';
import compression from 'compression';
const app = express();
app.use(compression());`,
    },
    {
      name: 'Hono with hono/compress',
      code: `
import { Hono } from 'hono';
import { compress } from 'hono/compress';
const app = new Hono();
app.use(compress());`,
    },
    {
      name: 'an Express router is not where compression is set',
      code: `
import { Router } from 'express';
export const emails = Router();
emails.get('/emails', list);`,
    },
    {
      name: 'a Hono route module mounted elsewhere with app.route(): the root app compresses',
      code: `
import { Hono } from 'hono';
export const emails = new Hono();
emails.get('/', async (c) => c.json(await list(c.get('appId'))));`,
    },
    {
      name: 'an app built in a test file',
      path: 'test/routes.test.ts',
      code: `
import Fastify from 'fastify';
const app = Fastify();`,
    },
    {
      name: 'a file that only registers routes on an app created elsewhere',
      code: `
import type { FastifyInstance } from 'fastify';
export async function routes(app: FastifyInstance) {
  app.get('/emails', async () => []);
}`,
    },
  ],
  invalid: [
    {
      name: 'a Fastify app with no compression',
      code: `
import Fastify from 'fastify';
export const app = Fastify({ logger: true });
app.register(routes);`,
      errors: [{ messageId: 'noCompression', line: 3 }],
    },
    {
      name: 'an Express app with no compression',
      code: `
import express from 'express';
const app = express();
app.use(express.json());
app.listen(3000);`,
      errors: [{ messageId: 'noCompression', line: 3 }],
    },
    {
      name: 'a root Hono app, mounting the route modules, with no compression',
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.route('/v1/emails', emails);
export default app;`,
      errors: [{ messageId: 'noCompression', line: 3 }],
    },
    {
      name: 'an app created in a build function',
      code: `
import fastify from 'fastify';
export function buildServer() {
  const app = fastify();
  return app;
}`,
      errors: [{ messageId: 'noCompression', line: 4 }],
    },
  ],
});
