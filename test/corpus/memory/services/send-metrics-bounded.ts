import { LRUCache } from 'lru-cache';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.js';
import { appSettings, sendSamples } from '../db/schema.js';

type AppSettings = { appId: string; dailyQuota: number; trackOpens: boolean };

interface SendSample {
  appId: string;
  provider: string;
  latencyMs: number;
  at: Date;
}

const MAX_BUFFERED = 5_000;
const pending: SendSample[] = [];
const settingsByApp = new LRUCache<string, AppSettings>({ max: 10_000, ttl: 60_000 });

export async function recordSend(appId: string, provider: string, latencyMs: number) {
  pending.push({ appId, provider, latencyMs, at: new Date() });
  if (pending.length > MAX_BUFFERED) pending.shift();
}

async function flush() {
  const batch = pending.splice(0, 1000);
  if (batch.length > 0) await db.insert(sendSamples).values(batch);
}

const timer = setInterval(() => {
  flush().catch(() => undefined);
}, 5_000);
timer.unref();

export async function settingsFor(appId: string) {
  const cached = settingsByApp.get(appId);
  if (cached) return cached;
  const [row] = await db
    .select({ appId: appSettings.appId, dailyQuota: appSettings.dailyQuota, trackOpens: appSettings.trackOpens })
    .from(appSettings)
    .where(eq(appSettings.appId, appId))
    .limit(1);
  settingsByApp.set(appId, row!);
  return row!;
}
