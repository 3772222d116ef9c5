import { eq } from 'drizzle-orm';
import { db } from '../db/client.js';
import { appSettings } from '../db/schema.js';

type AppSettings = { appId: string; dailyQuota: number; trackOpens: boolean };

interface SendSample {
  appId: string;
  provider: string;
  latencyMs: number;
  at: number;
}

const samples: SendSample[] = [];
const settingsByApp = new Map<string, AppSettings>();

export async function recordSend(appId: string, provider: string, latencyMs: number) {
  samples.push({ appId, provider, latencyMs, at: Date.now() });
}

export function p95(provider: string): number {
  const latencies = samples.filter((s) => s.provider === provider).map((s) => s.latencyMs).sort((a, b) => a - b);
  return latencies[Math.floor(latencies.length * 0.95)] ?? 0;
}

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
