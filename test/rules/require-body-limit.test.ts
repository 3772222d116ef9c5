import rule from '../../src/rules/require-body-limit.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'Fastify with its default 1 MB limit',
      code: `
import Fastify from 'fastify';
const app = Fastify({ logger: true });`,
    },
    {
      name: 'Fastify with a modest explicit limit',
      code: `
import Fastify from 'fastify';
const app = Fastify({ bodyLimit: 2 * 1024 * 1024 });`,
    },
    {
      name: 'express.json with its default limit and a 5mb urlencoded limit',
      code: `
import express from 'express';
const app = express();
app.use(express.json());
app.use(express.urlencoded({ limit: '5mb', extended: false }));`,
    },
    {
      name: 'a limit read from configuration cannot be judged',
      code: `
import express from 'express';
const app = express();
app.use(express.json({ limit: config.bodyLimit }));`,
    },
    {
      name: 'Hono with the bodyLimit middleware',
      code: `
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
const app = new Hono();
app.use(bodyLimit({ maxSize: 1024 * 1024 }));
app.post('/emails', async (c) => c.json(await send(await c.req.json())));`,
    },
    {
      name: 'a Hono route module that reads bodies: the limit belongs on the root app that mounts it',
      code: `
import { Hono } from 'hono';
export const inbound = new Hono();
inbound.post('/ses', async (c) => c.json(await record(await c.req.json())));`,
    },
    {
      name: 'a Hono app that reads no bodies',
      code: `
import { Hono } from 'hono';
const app = new Hono();
app.get('/health', (c) => c.text('ok'));`,
    },
    {
      name: 'a json() method of something that is not a body parser',
      code: `
import { api } from './client';
const body = api.json({ limit: '50mb' });`,
    },
  ],
  invalid: [
    {
      name: 'Fastify with a 50 MB body limit',
      code: `
import Fastify from 'fastify';
const app = Fastify({
  bodyLimit: 50 * 1024 * 1024,
});`,
      errors: [{ messageId: 'huge', line: 4 }],
    },
    {
      name: "express.json({ limit: '50mb' })",
      code: `
import express from 'express';
const app = express();
app.use(express.json({ limit: '50mb' }));`,
      errors: [{ messageId: 'huge', line: 4 }],
    },
    {
      name: 'body-parser with a 100 MB raw limit',
      code: `
import bodyParser from 'body-parser';
router.use(bodyParser.raw({ limit: '100mb', type: 'application/octet-stream' }));`,
      errors: [{ messageId: 'huge', line: 3 }],
    },
    {
      name: 'a served Hono app that reads JSON bodies with no limit',
      code: `
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
const app = new Hono();
app.post('/emails', async (c) => {
  const body = await c.req.json();
  return c.json(await send(body), 202);
});
serve(app);`,
      errors: [{ messageId: 'hono', line: 4 }],
    },
  ],
});
