import Fastify from 'fastify';
import { emailRoutes } from '../routes/emails';
import { healthRoutes } from '../routes/health';

export async function buildApp() {
  const app = Fastify({
    logger: true,
    bodyLimit: 25 * 1024 * 1024,
  });
  await app.register(emailRoutes, { prefix: '/v1' });
  await app.register(healthRoutes);
  return app;
}
