import express from 'express';
import compression from 'compression';
import { emailsRouter } from '../routes/emails';
import { logger } from '../logger';

const app = express();
app.use(compression());
app.use(express.json({ limit: '1mb' }));
app.use('/v1', emailsRouter);

const port = Number(process.env.PORT ?? 8080);
app.listen(port, () => logger.info({ port }, 'api listening'));
