import { auditQueue } from '../queues';
import { logger } from '../logger';

export interface AuditEntry {
  appId: string;
  actorId: string;
  action: string;
}

async function writeAudit(entry: AuditEntry) {
  await auditQueue.add('audit', entry, { removeOnComplete: 1_000 });
}

export function audit(entry: AuditEntry) {
  void writeAudit(entry).catch((err) => logger.warn({ err, action: entry.action }, 'audit entry lost'));
}

export function auditAll(entries: AuditEntry[]) {
  auditQueue
    .addBulk(entries.map((entry) => ({ name: 'audit', data: entry })))
    .then(
      (jobs) => logger.debug({ count: jobs.length }, 'audit entries queued'),
      (err) => logger.warn({ err }, 'audit entries lost'),
    );
}
