import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { bodyLimit } from 'hono/body-limit';
import { queue } from '../queue';

export const app = new Hono();
app.use(compress());
app.use(bodyLimit({ maxSize: 1024 * 1024 }));

app.post('/v1/emails', async (c) => {
  const body = await c.req.json();
  const job = await queue.add('send', { appId: c.get('appId'), ...body });
  return c.json({ id: job.id }, 202);
});
