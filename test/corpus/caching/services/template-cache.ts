import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { redis } from '../lib/redis';
import { templates } from '../db/schema';

export interface RenderableTemplate {
  id: string;
  subject: string;
  html: string;
  updatedAt: Date;
}

/** Templates are read on every send: cache them per app. */
export async function getTemplate(appId: string, templateId: string): Promise<RenderableTemplate | undefined> {
  const key = `app:${appId}:template:${templateId}`;
  const cached = await redis.get(key);
  if (cached) return JSON.parse(cached) as RenderableTemplate;

  const [template] = await db
    .select({ id: templates.id, subject: templates.subject, html: templates.html, updatedAt: templates.updatedAt })
    .from(templates)
    .where(and(eq(templates.appId, appId), eq(templates.id, templateId)));
  if (!template) return undefined;

  await redis.set(key, JSON.stringify(template));
  await redis.hincrby(`app:${appId}:stats`, 'templateMisses', 1);
  return template;
}

export async function updateTemplate(appId: string, templateId: string, patch: { subject?: string; html?: string }) {
  await db
    .update(templates)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(templates.appId, appId), eq(templates.id, templateId)));
}
