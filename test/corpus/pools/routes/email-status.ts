import Redis from 'ioredis';
import type { FastifyInstance } from 'fastify';

interface StatusParams {
  appId: string;
  emailId: string;
}

export async function emailStatusRoutes(app: FastifyInstance) {
  app.get<{ Params: StatusParams }>('/v1/apps/:appId/emails/:emailId/status', async (request, reply) => {
    const { appId, emailId } = request.params;
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const status = await redis.get(`status:${appId}:${emailId}`);
      if (!status) return reply.code(404).send({ error: 'not found' });
      return { id: emailId, status };
    } finally {
      await redis.quit();
    }
  });
}
