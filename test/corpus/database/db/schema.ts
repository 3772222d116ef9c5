import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const apps = pgTable('apps', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at').defaultNow().notNull(),
});

export const campaigns = pgTable('campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id),
  name: text('name').notNull(),
  status: text('status').notNull().default('draft'),
}, (t) => [index('campaigns_app_id_idx').on(t.appId)]);

export const emails = pgTable('emails', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id),
  campaignId: uuid('campaign_id').references(() => campaigns.id),
  messageId: text('message_id').notNull(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  status: text('status').notNull().default('queued'),
  createdAt: timestamp('created_at').defaultNow().notNull(),
}, (t) => [
  index('emails_app_created_idx').on(t.appId, t.createdAt),
  uniqueIndex('emails_message_id_idx').on(t.messageId),
]);

export const emailEvents = pgTable('email_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  emailId: uuid('email_id').notNull().references(() => emails.id),
  type: text('type').notNull(),
  createdAt: timestamp('created_at').defaultNow().notNull(),
}, (t) => [index('email_events_email_id_idx').on(t.emailId)]);

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id),
  email: text('email').notNull(),
  name: text('name'),
  subscribed: boolean('subscribed').notNull().default(true),
  bounces: integer('bounces').notNull().default(0),
}, (t) => [uniqueIndex('contacts_app_email_idx').on(t.appId, t.email)]);

export const suppressions = pgTable('suppressions', {
  address: text('address').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: timestamp('created_at').defaultNow().notNull(),
});
