import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const emails = pgTable('emails', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: text('app_id').notNull(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  status: text('status').notNull().default('queued'),
  htmlBody: text('html_body').notNull(),
  textBody: text('text_body'),
  createdAt: timestamp('created_at').notNull().defaultNow(),
}, (table) => [index('emails_app_id_id_idx').on(table.appId, table.id)]);

export const emailEvents = pgTable('email_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  emailId: uuid('email_id').notNull().references(() => emails.id),
  type: text('type').notNull(),
  createdAt: timestamp('created_at').notNull().defaultNow(),
}, (table) => [index('email_events_email_id_idx').on(table.emailId)]);
