import type { Hono } from 'hono';
import { and, eq } from 'drizzle-orm';
import { db } from '../db';
import { contacts } from '../schema';
import { crmClient } from '../integrations/crm';

async function syncToCrm(appId: string, email: string) {
  await crmClient.contacts.update({ appId, email, subscribed: false });
}

export function unsubscribeRoutes(app: Hono) {
  app.post('/apps/:appId/unsubscribe', async (c) => {
    const appId = c.req.param('appId');
    const { email } = await c.req.json<{ email: string }>();
    await db
      .update(contacts)
      .set({ unsubscribed: true })
      .where(and(eq(contacts.appId, appId), eq(contacts.email, email)));
    syncToCrm(appId, email);
    return c.json({ unsubscribed: true });
  });
}
