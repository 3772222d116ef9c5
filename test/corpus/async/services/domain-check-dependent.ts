import { eq } from 'drizzle-orm';
import { db } from '../db';
import { domains } from '../schema';

async function loadDomain(domainId: string) {
  return db.query.domains.findFirst({ where: eq(domains.id, domainId), columns: { id: true, appId: true, name: true } });
}

async function loadDnsRecords(domain: string) {
  const response = await fetch(`https://dns.example/resolve?name=${domain}&type=TXT`, { signal: AbortSignal.timeout(5_000) });
  return (await response.json()) as { data: string[] };
}

export async function checkDomain(domainId: string) {
  const domain = await loadDomain(domainId);
  if (!domain) return { skipped: true };
  const records = await loadDnsRecords(domain.name);
  const verified = records.data.some((r) => r.includes(`verify=${domain.appId}`));
  await db.update(domains).set({ verifiedAt: verified ? new Date() : null }).where(eq(domains.id, domain.id));
  return { verified };
}
