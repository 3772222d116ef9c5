import Fastify from 'fastify';
import compress from '@fastify/compress';
import closeWithGrace from 'close-with-grace';
import { emailStatusRoutes } from '../routes/email-status-cached';

const app = Fastify({ logger: true, bodyLimit: 1024 * 1024 });
await app.register(compress);
await app.register(emailStatusRoutes);

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) app.log.error(err);
  await app.close();
});

await app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
