import { Router } from 'express';
import { subscriber } from '../redis.js';
import { requireAuth } from '../middleware/auth.js';

export const progressRouter = Router();

progressRouter.get('/campaigns/:id/progress', requireAuth, async (req, res) => {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const channel = `campaign:${req.params.id}:progress`;
  await subscriber.subscribe(channel);

  const onMessage = (from: string, message: string) => {
    if (from === channel) res.write(`data: ${message}\n\n`);
  };
  subscriber.on('message', onMessage);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);

  req.on('close', () => {
    clearInterval(keepAlive);
    subscriber.off('message', onMessage);
    void subscriber.unsubscribe(channel).catch(() => undefined);
  });
});
