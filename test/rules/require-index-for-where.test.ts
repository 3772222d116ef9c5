import rule from '../../src/rules/require-index-for-where.js';
import { testRule } from '../helpers/rule-tester.js';

const SCHEMA = `
import { pgTable, uuid, text, timestamp, index, uniqueIndex, foreignKey } from 'drizzle-orm/pg-core';
export const apps = pgTable('apps', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
});
export const emails = pgTable('emails', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id),
  messageId: text('message_id').notNull(),
  status: text('status').notNull(),
  campaignId: uuid('campaign_id').references(() => campaigns.id),
  createdAt: timestamp('created_at').defaultNow().notNull(),
}, (t) => [
  index('emails_app_created_idx').on(t.appId, t.createdAt),
  uniqueIndex('emails_message_id_idx').on(t.messageId),
]);
`;
const files = { 'src/db/schema.ts': SCHEMA };
const path = 'src/services/emails.ts';

testRule(rule, {
  valid: [
    {
      name: 'primary key',
      path,
      files,
      code: `
import { db } from '../db';
import { emails } from '../db/schema';
export async function load(id: string) {
  const [row] = await db.select({ id: emails.id }).from(emails).where(eq(emails.id, id));
  return row;
}`,
    },
    {
      name: 'the first column of a composite index, with the second as a range',
      path,
      files,
      code: `
import { db } from '../db';
import { emails } from '../db/schema';
export async function recent(appId: string, since: Date) {
  return db.select({ id: emails.id }).from(emails).where(and(eq(emails.appId, appId), gt(emails.createdAt, since))).limit(100);
}`,
    },
    {
      name: 'an unindexed column next to an indexed one: the index serves the query',
      path,
      files,
      code: `
import { db } from '../db';
import { emails } from '../db/schema';
export async function bounced(appId: string) {
  return db.select({ id: emails.id }).from(emails).where(and(eq(emails.appId, appId), eq(emails.status, 'bounced'))).limit(100);
}`,
    },
    {
      name: 'a unique index',
      path,
      files,
      code: `
import { db } from '../db';
import { emails } from '../db/schema';
export async function byMessageId(messageId: string) {
  await db.update(emails).set({ status: 'delivered' }).where(eq(emails.messageId, messageId));
}`,
    },
    {
      name: 'the table is not declared in the reviewed files: nothing to compare with',
      path,
      code: `
import { db } from '../db';
import { emails } from '../db/schema';
export async function byStatus(status: string) {
  return db.select({ id: emails.id }).from(emails).where(eq(emails.status, status)).limit(100);
}`,
    },
    {
      name: 'a condition written in SQL may use an expression index we cannot see',
      path,
      files,
      code: `
import { db } from '../db';
import { emails } from '../db/schema';
export async function byStatus(status: string) {
  return db.select({ id: emails.id }).from(emails).where(and(eq(emails.status, status), sql\`lower(\${emails.messageId}) = \${status}\`)).limit(100);
}`,
    },
    {
      name: 'a table whose indexes come from a helper: we cannot read them all',
      path: 'src/services/events.ts',
      files: {
        'src/db/events.ts': `
import { pgTable, uuid, text } from 'drizzle-orm/pg-core';
export const events = pgTable('events', { id: uuid('id').primaryKey(), type: text('type') }, (t) => tenantIndexes(t));
`,
      },
      code: `
import { db } from '../db';
import { events } from '../db/events';
export async function ofType(type: string) {
  return db.select({ id: events.id }).from(events).where(eq(events.type, type)).limit(10);
}`,
    },
  ],
  invalid: [
    {
      name: 'a status filter with no index',
      path,
      files,
      code: `
import { db } from '../db';
import { emails } from '../db/schema';
export async function queued() {
  return db.select({ id: emails.id }).from(emails).where(eq(emails.status, 'queued')).limit(500);
}`,
      errors: [{ messageId: 'missing', line: 5 }],
    },
    {
      name: 'a foreign key: PostgreSQL does not index it by itself',
      path,
      files,
      code: `
import { db } from '../db';
import { emails } from '../db/schema';
export async function cancelCampaign(campaignId: string) {
  await db.update(emails).set({ status: 'cancelled' })
    .where(eq(emails.campaignId, campaignId));
}`,
      errors: [{ messageId: 'missing', line: 6 }],
    },
    {
      name: 'the second column of a composite index alone',
      path,
      files,
      code: `
import { db } from '../db';
import { emails } from '../db/schema';
export async function purge(before: Date) {
  await db.delete(emails).where(lt(emails.createdAt, before));
}`,
      errors: [{ messageId: 'missing', line: 5 }],
    },
    {
      name: 'or(): one unindexed branch scans the table',
      path,
      files,
      code: `
import { db } from '../db';
import { emails } from '../db/schema';
export async function find(appId: string, status: string) {
  return db.select({ id: emails.id }).from(emails).where(or(eq(emails.appId, appId), eq(emails.status, status))).limit(10);
}`,
      errors: [{ messageId: 'missing', line: 5 }],
    },
    {
      name: 'schema and query in one module, reported once per column',
      code: `
import { pgTable, uuid, text } from 'drizzle-orm/pg-core';
import { db } from './db';
export const webhooks = pgTable('webhooks', { id: uuid('id').primaryKey(), appId: uuid('app_id').notNull(), url: text('url') });
export async function hooksOf(appId: string) {
  const rows = await db.select({ url: webhooks.url }).from(webhooks).where(eq(webhooks.appId, appId)).limit(20);
  await db.delete(webhooks).where(eq(webhooks.appId, appId));
  return rows;
}`,
      errors: [{ messageId: 'missing', line: 6 }],
    },
    {
      name: 'through a schema index module that re-exports the tables',
      path,
      files: { ...files, 'src/db/index.ts': `export * from './schema';` },
      code: `
import { db, emails } from '../db/index.js';
export async function stuck() {
  return db.select({ id: emails.id }).from(emails).where(eq(emails.status, 'sending')).limit(100);
}`,
      errors: [{ messageId: 'missing', line: 4 }],
    },
  ],
});
