import type { FastifyInstance } from 'fastify';
import { reportQueue } from '../queues';

interface ReportParams {
  appId: string;
}

export default async function reportRoutes(app: FastifyInstance) {
  app.post<{ Params: ReportParams; Body: { since: string } }>('/apps/:appId/reports/deliverability', async (request, reply) => {
    const job = await reportQueue.add('deliverability', { appId: request.params.appId, since: request.body.since });
    return reply.code(202).send({ jobId: job.id, status: 'processing', poll: `/apps/${request.params.appId}/reports/${job.id}` });
  });

  app.get<{ Params: ReportParams & { jobId: string } }>('/apps/:appId/reports/:jobId', async (request, reply) => {
    const job = await reportQueue.getJob(request.params.jobId);
    if (!job || job.data.appId !== request.params.appId) return reply.code(404).send({ error: 'report not found' });
    const state = await job.getState();
    return { status: state, result: state === 'completed' ? job.returnvalue : undefined };
  });
}
