import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderTemplate } from '../templates/render.js';

type Render = () => Promise<string>;

/** Compiled previews, dropped when a template is saved. */
const previews = new Map<string, Render>();

export function dropPreview(templateId: string) {
  previews.delete(templateId);
}

type PreviewRequest = FastifyRequest<{ Params: { templateId: string }; Querystring: { locale?: string } }>;

export default async function previewRoutes(app: FastifyInstance) {
  app.get('/templates/:templateId/preview', async (request: PreviewRequest, reply) => {
    let render = previews.get(request.params.templateId);
    if (!render) {
      render = () => renderTemplate(request.params.templateId, request.query.locale ?? 'en');
      previews.set(request.params.templateId, render);
    }
    return reply.type('text/html').send(await render());
  });
}
