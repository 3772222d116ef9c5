import type { FastifyInstance } from 'fastify';
import { cacheClient } from '../redis/connection';

interface StatusParams {
  appId: string;
  emailId: string;
}

export async function emailStatusRoutes(app: FastifyInstance) {
  const redis = cacheClient();
  app.get<{ Params: StatusParams }>('/v1/apps/:appId/emails/:emailId/status', async (request, reply) => {
    const { appId, emailId } = request.params;
    const status = await redis.get(`status:${appId}:${emailId}`);
    if (!status) return reply.code(404).send({ error: 'not found' });
    return { id: emailId, status };
  });
}
