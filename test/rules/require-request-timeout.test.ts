import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/require-request-timeout.js';
import { run, testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'AbortSignal.timeout and a controller signal',
      code: `
export async function deliver(url: string, body: string, controller: AbortController) {
  await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(5000) });
  await fetch(url, { method: 'POST', body, signal: controller.signal });
}`,
    },
    {
      name: 'an axios instance created with a default timeout',
      code: `
import axios from 'axios';
const crm = axios.create({ baseURL: 'https://crm.test', timeout: 5000 });
export async function pushContact(contact: unknown) {
  await crm.post('/contacts', contact);
}`,
    },
    {
      name: 'options we cannot read: a variable, or a spread of shared defaults',
      code: `
import axios from 'axios';
const defaults = { timeout: 5000 };
export async function call(url: string, init: RequestInit) {
  await fetch(url, init);
  await axios.get(url, { ...defaults, headers: { accept: 'application/json' } });
}`,
    },
    {
      name: 'start-up: configuration fetched once when the process boots',
      code: `
const config = await (await fetch('http://config.internal/email-api')).json();
async function main() {
  const flags = await fetch('http://flags.internal/all');
  startServer(config, await flags.json());
}
main();`,
    },
    {
      name: 'ky times out after 10 s by default',
      code: `
import ky from 'ky';
export async function geo(ip: string) {
  return ky.get(\`https://geo.test/\${ip}\`).json();
}`,
    },
    {
      name: 'a global axios default timeout set in the same module',
      code: `
import axios from 'axios';
axios.defaults.timeout = 5000;
export async function verify(email: string) {
  return axios.get('https://verify.test/check', { params: { email } });
}`,
    },
    {
      name: 'a got instance extended with a timeout',
      code: `
import got from 'got';
const provider = got.extend({ prefixUrl: 'https://api.provider.test', timeout: { request: 10_000 } });
export async function send(payload: unknown) {
  return provider.post('v3/send', { json: payload }).json();
}`,
    },
    {
      name: 'a one-off script: the person running it sees the hang',
      path: 'scripts/backfill-bounces.ts',
      code: `
export async function backfill(ids: string[]) {
  for (const id of ids) await fetch(\`https://provider.test/bounces/\${id}\`);
}`,
    },
  ],
  invalid: [
    {
      name: 'fetch(url) in a route handler',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.get('/avatar/:id', async (request) => {
  const res = await fetch(\`https://avatars.test/\${request.params.id}\`);
  return res.arrayBuffer();
});`,
      errors: [{ messageId: 'missing', line: 5 }],
    },
    {
      name: 'axios.post in a job processor',
      code: `
import { Worker } from 'bullmq';
import axios from 'axios';
new Worker('webhooks', async (job) => {
  await axios.post(job.data.url, job.data.payload);
});`,
      errors: [{ messageId: 'missing', line: 5 }],
    },
    {
      name: 'got(url) in a service, and fetch with options but no signal',
      code: `
import got from 'got';
export async function verify(email: string) {
  const result = await got(\`https://verify.test/\${email}\`).json();
  await fetch('https://audit.test/log', { method: 'POST', body: JSON.stringify(result) });
  return result;
}`,
      errors: [{ messageId: 'missing', line: 4 }, { messageId: 'missing', line: 5 }],
    },
    {
      name: 'an axios instance created without a timeout',
      code: `
import axios from 'axios';
const crm = axios.create({ baseURL: 'https://crm.test' });
export async function pushContact(contact: unknown) {
  await crm.post('/contacts', contact);
}`,
      errors: [{ messageId: 'missing', line: 5 }],
    },
    {
      name: 'undici request in a handler waits up to 5 minutes',
      code: `
import express from 'express';
import { request } from 'undici';
const app = express();
app.get('/mx/:domain', async (req, res) => {
  const { body } = await request(\`https://dns.test/mx/\${req.params.domain}\`);
  res.json(await body.json());
});`,
      errors: [{ messageId: 'missing', line: 6 }],
    },
  ],
});

describe('require-request-timeout fix', () => {
  it('adds a 10 s AbortSignal to fetch(url) on one line', () => {
    const code = `
export async function ping(webhookUrl: string) {
  const res = await fetch(webhookUrl);
  return res.ok;
}`;
    const [finding] = run(rule, code);
    expect(finding?.fix).toBe('  const res = await fetch(webhookUrl, { signal: AbortSignal.timeout(10_000) });');
  });

  it('offers nothing when the argument may be a Request with its own signal, or for other clients', () => {
    const code = `
import axios from 'axios';
export async function forward(req: Request) {
  await fetch(req);
  await axios.get('https://x.test');
}`;
    expect(run(rule, code).map((f) => f.fix)).toEqual([undefined, undefined]);
  });
});
