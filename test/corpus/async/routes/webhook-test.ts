import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { webhooks } from '../schema';

const MAX_TEST_ENDPOINTS = 10;

export default async function webhookTestRoutes(app: FastifyInstance) {
  app.post<{ Params: { appId: string } }>('/apps/:appId/webhooks/test', async (request) => {
    const endpoints = await db
      .select({ id: webhooks.id, url: webhooks.url })
      .from(webhooks)
      .where(and(eq(webhooks.appId, request.params.appId), eq(webhooks.enabled, true)))
      .limit(MAX_TEST_ENDPOINTS);
    const results = await Promise.all(
      endpoints.map(async (endpoint) => {
        const response = await fetch(endpoint.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'test', appId: request.params.appId }),
          signal: AbortSignal.timeout(3_000),
        });
        return { id: endpoint.id, ok: response.ok };
      }),
    );
    return { results };
  });
}
