import express from 'express';
import compression from 'compression';
import { router } from '../routes/express-emails';

export function createServer() {
  const app = express();
  app.use(compression());
  app.use(express.json({ limit: '1mb' }));
  app.use('/v1', router);
  return app;
}
