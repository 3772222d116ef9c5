import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { recordEvent } from '../services/events';

export const inbound = new Hono();
inbound.use(compress());

inbound.post('/inbound/ses', async (c) => {
  const notification = await c.req.json();
  await recordEvent(notification);
  return c.body(null, 204);
});
