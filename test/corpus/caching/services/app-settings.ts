import Redis from 'ioredis';
import { prisma } from '../lib/prisma';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
const SETTINGS_TTL_SECONDS = 24 * 60 * 60;

export interface AppSettings {
  fromAddress: string;
  trackOpens: boolean;
  dailyLimit: number;
}

export async function getSettings(appId: string): Promise<AppSettings | null> {
  const cached = await redis.get(`app:${appId}:settings`);
  if (cached) return JSON.parse(cached) as AppSettings;
  const settings = await prisma.appSettings.findUnique({
    where: { appId },
    select: { fromAddress: true, trackOpens: true, dailyLimit: true },
  });
  if (settings) await redis.setex(`app:${appId}:settings`, SETTINGS_TTL_SECONDS, JSON.stringify(settings));
  return settings;
}

export async function updateSettings(appId: string, patch: Partial<AppSettings>) {
  return prisma.appSettings.update({ where: { appId }, data: patch, select: { appId: true } });
}

export async function canSend(appId: string, sentToday: number) {
  const limits = await prisma.appSettings.findUnique({ where: { appId }, select: { dailyLimit: true } });
  const remaining = (limits?.dailyLimit ?? 0) - sentToday;
  if (remaining <= 0) return { allowed: false, remaining: 0 };
  const again = await prisma.appSettings.findUnique({ where: { appId }, select: { dailyLimit: true } });
  return { allowed: true, remaining, limit: again?.dailyLimit };
}
