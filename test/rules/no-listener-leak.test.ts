import rule from '../../src/rules/no-listener-leak.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the specification: the handler is removed on shutdown',
      code: `
import Redis from 'ioredis';
const redis = new Redis(process.env.REDIS_URL);
await redis.subscribe('email-events');
const handler = (channel: string, msg: string) => handleMessage(msg);
redis.on('message', handler);
process.on('SIGTERM', () => {
  redis.off('message', handler);
});`,
    },
    {
      name: 'listeners on the request and response die with the request',
      code: `
app.get('/events/stream', (req, res) => {
  req.on('close', () => metrics.decrement('sse.open'));
  res.on('finish', () => log.info('stream closed'));
  res.write('retry: 5000\\n\\n');
});`,
    },
    {
      name: 'a per-request subscription removed when the client goes away',
      code: `
import { subscriber } from '../redis';
app.get('/campaigns/:id/progress', (req, res) => {
  const onMessage = (channel: string, message: string) => {
    if (channel === \`campaign:\${req.params.id}\`) res.write(\`data: \${message}\\n\\n\`);
  };
  subscriber.on('message', onMessage);
  req.on('close', () => subscriber.off('message', onMessage));
});`,
    },
    {
      name: 'a stream created in the handler dies with it',
      code: `
import { createReadStream } from 'node:fs';
app.get('/exports/:id', (req, res) => {
  const file = createReadStream(exportPath(req.params.id));
  file.on('error', (err) => res.destroy(err));
  file.pipe(res);
});`,
    },
    {
      name: 'lifecycle listeners on process-lifetime singletons are start-up code',
      code: `
import Redis from 'ioredis';
import { Worker } from 'bullmq';
export const redis = new Redis(process.env.REDIS_URL);
redis.on('error', (err) => logger.error({ err }, 'redis error'));
export const worker = new Worker('send-email', processor, { connection: redis, concurrency: 20 });
worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err }, 'send failed'));`,
    },
    {
      name: 'once: the listener removes itself after the first event',
      code: `
import { queueEvents } from '../queues';
app.post('/emails/:id/wait', async (request) => {
  return new Promise((resolve) => queueEvents.once(\`completed:\${request.params.id}\`, resolve));
});`,
    },
    {
      name: 'an AbortSignal in the options removes the listener',
      code: `
import { channel } from './broadcast';
app.get('/live', async (c) => {
  const controller = new AbortController();
  channel.addEventListener('message', (e) => push(c, e.data), { signal: controller.signal });
  c.req.raw.signal.addEventListener('abort', () => controller.abort());
});`,
    },
    {
      name: 'a heartbeat interval cleared in finally',
      code: `
import { Worker } from 'bullmq';
new Worker('import', async (job) => {
  const heartbeat = setInterval(() => job.updateProgress({ alive: Date.now() }), 10_000);
  try {
    await runImport(job.data);
  } finally {
    clearInterval(heartbeat);
  }
});`,
    },
    {
      name: 'a flush interval at module level runs once for the process',
      code: `
const pending: Metric[] = [];
setInterval(() => flush(pending.splice(0)), 5000).unref();`,
    },
    {
      name: 'an async set-up function that registers a module-level handler (not per call)',
      code: `
import { redis } from './redis';
export async function connectRedis() {
  redis.on('error', reportError);
  await redis.connect();
}`,
    },
    {
      name: 'a timer handle kept in a map and cleared by another route',
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
    },
    {
      name: 'a listener added once, when the server starts listening',
      code: `
import { bus } from './bus';
server.once('listening', () => {
  bus.on('config:changed', reloadConfig);
});`,
    },
  ],
  invalid: [
    {
      name: 'the specification: a subscription listener never removed',
      code: `
import Redis from 'ioredis';
const redis = new Redis(process.env.REDIS_URL);
await redis.subscribe('email-events');
redis.on('message', handleMessage);`,
      errors: [{ messageId: 'subscription', line: 5 }],
    },
    {
      name: 'a server-sent events route subscribes on every request and never unsubscribes',
      code: `
import { subscriber } from '../redis';
app.get('/campaigns/:id/progress', (req, res) => {
  subscriber.on('message', (channel, message) => {
    if (channel === \`campaign:\${req.params.id}\`) res.write(\`data: \${message}\\n\\n\`);
  });
});`,
      errors: [{ messageId: 'perCall', line: 4 }],
    },
    {
      name: 'BullMQ QueueEvents listener added per request to wait for a job',
      code: `
import { QueueEvents } from 'bullmq';
const events = new QueueEvents('send-email');
app.post('/emails/send-now', async (request) => {
  const job = await sendQueue.add('send', request.body);
  return new Promise((resolve) => {
    events.on('completed', ({ jobId }) => { if (jobId === job.id) resolve({ sent: true }); });
  });
});`,
      errors: [{ messageId: 'perCall', line: 7 }],
    },
    {
      name: 'process listener added in a job processor',
      code: `
import { Worker } from 'bullmq';
new Worker('webhooks', async (job) => {
  process.on('unhandledRejection', (err) => logger.error({ err, jobId: job.id }));
  await deliver(job.data);
});`,
      errors: [{ messageId: 'perCall', line: 4 }],
    },
    {
      name: 'a keep-alive interval per request with no clearInterval',
      code: `
app.get('/events', (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  setInterval(() => res.write(': ping\\n\\n'), 15_000);
});`,
      errors: [{ messageId: 'interval', line: 4 }],
    },
    {
      name: 'an exported function subscribes per tenant with a handler made for the call',
      code: `
import { sub } from './redis';
export async function watchTenant(tenantId: string, onEvent: (e: unknown) => void) {
  await sub.subscribe(\`tenant:\${tenantId}\`);
  sub.on('message', (channel, message) => {
    if (channel === \`tenant:\${tenantId}\`) onEvent(JSON.parse(message));
  });
}`,
      errors: [{ messageId: 'perCall', line: 5 }],
    },
    {
      name: 'a module-level emitter listened to on every websocket connection',
      code: `
import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
wss.on('connection', (ws) => {
  bus.on('campaign:progress', (event) => ws.send(JSON.stringify(event)));
});`,
      errors: [{ messageId: 'perCall', line: 5 }],
    },
  ],
});
