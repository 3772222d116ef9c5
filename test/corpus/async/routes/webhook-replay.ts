import type { FastifyInstance } from 'fastify';
import { signPayload } from '../webhooks/sign';

interface ReplayBody {
  endpoints: { url: string; secret: string }[];
  event: { type: string; emailId: string };
}

export default async function webhookReplayRoutes(app: FastifyInstance) {
  app.post<{ Params: { appId: string }; Body: ReplayBody }>('/apps/:appId/webhooks/replay', async (request) => {
    const { endpoints, event } = request.body;
    const results: { url: string; status: number }[] = [];
    for (const endpoint of endpoints) {
      const body = JSON.stringify({ appId: request.params.appId, ...event });
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signPayload(body, endpoint.secret) },
        body,
        signal: AbortSignal.timeout(5_000),
      });
      results.push({ url: endpoint.url, status: response.status });
    }
    return { results };
  });
}
