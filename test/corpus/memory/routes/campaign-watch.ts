import type { FastifyInstance } from 'fastify';
import { pollCampaignStats } from '../services/campaign-stats.js';

const watchers = new Map<string, NodeJS.Timeout>();

export default async function watchRoutes(app: FastifyInstance) {
  app.post<{ Params: { campaignId: string } }>('/campaigns/:campaignId/watch', async (request, reply) => {
    const { campaignId } = request.params;
    if (!watchers.has(campaignId)) {
      const timer = setInterval(() => {
        pollCampaignStats(campaignId).catch((err) => app.log.warn({ err, campaignId }, 'stats poll failed'));
      }, 5_000);
      watchers.set(campaignId, timer);
    }
    return reply.code(204).send();
  });

  app.delete<{ Params: { campaignId: string } }>('/campaigns/:campaignId/watch', async (request, reply) => {
    clearInterval(watchers.get(request.params.campaignId));
    watchers.delete(request.params.campaignId);
    return reply.code(204).send();
  });
}
