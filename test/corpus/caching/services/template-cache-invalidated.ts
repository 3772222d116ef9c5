import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { redis } from '../lib/redis';
import { templates } from '../db/schema';

const TEMPLATE_TTL_SECONDS = 60 * 60;

const templateKey = (appId: string, templateId: string) => `app:${appId}:template:${templateId}`;

export async function getTemplate(appId: string, templateId: string) {
  const key = templateKey(appId, templateId);
  const cached = await redis.get(key);
  if (cached) return JSON.parse(cached);

  const [template] = await db
    .select({ id: templates.id, subject: templates.subject, html: templates.html })
    .from(templates)
    .where(and(eq(templates.appId, appId), eq(templates.id, templateId)));
  if (!template) return undefined;

  await redis.set(key, JSON.stringify(template), 'EX', TEMPLATE_TTL_SECONDS);
  return template;
}

export async function updateTemplate(appId: string, templateId: string, patch: { subject?: string; html?: string }) {
  await db
    .update(templates)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(templates.appId, appId), eq(templates.id, templateId)));
  await redis.del(templateKey(appId, templateId));
}

export async function deleteTemplate(appId: string, templateId: string) {
  await db.delete(templates).where(and(eq(templates.appId, appId), eq(templates.id, templateId)));
  await redis.del(templateKey(appId, templateId));
}
