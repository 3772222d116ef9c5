import { redis } from '../lib/redis';

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'bounced' | 'complained';

/** Live delivery status for the dashboard, written by the SMTP worker and the webhook handlers. */
export async function recordStatus(appId: string, emailId: string, status: DeliveryStatus, detail?: string) {
  await redis.hset(`app:${appId}:email:${emailId}`, { status, detail: detail ?? '', at: Date.now() });
  await redis.publish(`app:${appId}:status`, JSON.stringify({ emailId, status }));
}

export async function statusOf(appId: string, emailId: string) {
  const fields = await redis.hgetall(`app:${appId}:email:${emailId}`);
  return fields.status ? (fields as { status: DeliveryStatus; detail: string; at: string }) : undefined;
}

/** Remembers which provider message id belongs to which email, for the bounce webhooks. */
export async function rememberProviderId(appId: string, emailId: string, providerMessageId: string) {
  await redis.set(`provider:${providerMessageId}`, `${appId}:${emailId}`);
}
