import rule from '../../src/rules/require-query-limit.js';
import { testRule } from '../helpers/rule-tester.js';

const SCHEMA = `
import { pgTable, uuid, text } from 'drizzle-orm/pg-core';
export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull().unique(),
  appId: uuid('app_id').notNull(),
});
`;

testRule(rule, {
  valid: [
    {
      name: 'the specification: a page with .limit()',
      code: `
import { db } from '../db';
export async function recent(appId: string) {
  return db.select({ id: emails.id }).from(emails).where(eq(emails.appId, appId)).limit(100);
}`,
    },
    {
      name: 'lookup by primary key: one row at most',
      code: `
import { db } from '../db';
export async function load(id: string) {
  const rows = await db.select({ id: emails.id, status: emails.status }).from(emails).where(eq(emails.id, id));
  return rows;
}`,
    },
    {
      name: 'const [row] = … destructures one row',
      code: `
import { db } from '../db';
export async function domainOf(appId: string, name: string) {
  const [domain] = await db.select({ id: domains.id }).from(domains).where(and(eq(domains.appId, appId), eq(domains.name, name)));
  return domain;
}`,
    },
    {
      name: 'findFirst, findUnique and executeTakeFirst return one row',
      code: `
import { prisma } from './prisma';
import { db } from './kysely';
export async function load(appId: string, email: string) {
  const app = await prisma.app.findUnique({ where: { id: appId } });
  const contact = await prisma.contact.findFirst({ where: { appId, email } });
  const row = await db.selectFrom('emails').select(['id']).where('app_id', '=', appId).executeTakeFirst();
  return { app, contact, row };
}`,
    },
    {
      name: 'aggregates return one row per group, not the table',
      code: `
import { db } from '../db';
import { pool } from './pool';
export async function stats(appId: string) {
  const byStatus = await db.select({ status: emails.status, n: count() }).from(emails).where(eq(emails.appId, appId)).groupBy(emails.status);
  const { rows } = await pool.query('SELECT count(*) AS n, max(created_at) FROM emails WHERE app_id = $1', [appId]);
  return { byStatus, rows };
}`,
    },
    {
      name: 'batch load by a list of ids the caller holds (the fix for N+1)',
      code: `
import { db } from '../db';
export async function eventsFor(emailIds: string[]) {
  return db.select({ id: emailEvents.id, emailId: emailEvents.emailId }).from(emailEvents).where(inArray(emailEvents.emailId, emailIds));
}`,
    },
    {
      name: 'pg with LIMIT in the text, and = ANY($1) over a list',
      code: `
import { pool } from './pool';
export async function pages(appId: string, ids: string[]) {
  const page = await pool.query('SELECT id FROM emails WHERE app_id = $1 ORDER BY id LIMIT 50', [appId]);
  const some = await pool.query('SELECT id FROM emails WHERE id = ANY($1)', [ids]);
  return [page.rows, some.rows];
}`,
    },
    {
      name: '.then(([row]) => row) keeps one row; postgres.js IN ${sql(ids)} is a batch load',
      code: `
import postgres from 'postgres';
import { db } from '../db';
const sql = postgres({ max: 10 });
export async function load(appId: string, ids: string[]) {
  const app = await db.select({ id: apps.id }).from(apps).where(eq(apps.ownerId, appId)).then(([row]) => row);
  const rows = await sql\`SELECT id, status FROM emails WHERE id IN \${sql(ids)}\`;
  return { app, rows };
}`,
    },
    {
      name: 'a builder handed to a pagination helper, which adds the limit',
      code: `
import { db } from '../db';
export async function list(appId: string, cursor?: string) {
  const query = db.select({ id: emails.id }).from(emails).where(eq(emails.appId, appId)).$dynamic();
  return withCursor(query, cursor, 50);
}`,
    },
    {
      name: 'streamed with an iterator: rows never pile up in memory',
      code: `
import { db } from '../db';
export async function exportAll(appId: string, out: NodeJS.WritableStream) {
  for await (const row of db.select({ id: emails.id }).from(emails).where(eq(emails.appId, appId)).iterator()) out.write(row.id);
}`,
    },
    {
      name: 'start-up: a cache warmed once from a small table',
      code: `
import { db } from '../db';
const templates = new Map();
async function main() {
  const rows = await db.select({ id: templates.id, body: templates.body }).from(templatesTable);
  for (const row of rows) templates.set(row.id, row.body);
}
main();`,
    },
    {
      name: 'a query per item of a loop is an N+1 (no-query-in-loop): its fix is a batch load, not a limit',
      code: `
import { db } from '../db';
export async function withEvents(rows: { id: string }[]) {
  for (const email of rows) {
    Object.assign(email, { events: await db.select({ type: emailEvents.type }).from(emailEvents).where(eq(emailEvents.emailId, email.id)) });
  }
  return rows;
}`,
    },
    {
      name: 'unique column in the reviewed schema: one row per email address',
      path: 'src/services/users.ts',
      files: { 'src/db/schema.ts': SCHEMA },
      code: `
import { db } from '../db';
import { users } from '../db/schema';
export async function byEmail(email: string) {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return rows[0] ?? null;
}`,
    },
  ],
  invalid: [
    {
      name: 'SQL key lookup against a subquery is a list',
      code: `
import { pool } from './pool';
export async function bouncedEmails() {
  const { rows } = await pool.query("SELECT id, recipient FROM emails WHERE id IN (SELECT email_id FROM email_events WHERE type = 'bounce')");
  return rows;
}`,
      errors: [{ messageId: 'missing', line: 4 }],
    },
    {
      name: 'the specification: every email of an app',
      code: `
import { db } from '../db';
export async function emailsOf(appId: string) {
  return db.select({ id: emails.id, subject: emails.subject }).from(emails).where(eq(emails.appId, appId));
}`,
      errors: [{ messageId: 'missing', line: 4 }],
    },
    {
      name: 'Prisma findMany without take',
      code: `
import { prisma } from './prisma';
export async function bounced(appId: string) {
  const rows = await prisma.email.findMany({ where: { appId, status: 'bounced' }, orderBy: { createdAt: 'desc' } });
  return rows.map((r) => r.to);
}`,
      errors: [{ messageId: 'missing', line: 4 }],
    },
    {
      name: 'pg SELECT without LIMIT, rows destructured',
      code: `
import { pool } from './pool';
export async function suppressed(appId: string) {
  const { rows } = await pool.query('SELECT address FROM suppressions WHERE app_id = $1', [appId]);
  return rows;
}`,
      errors: [{ messageId: 'missing', line: 4 }],
    },
    {
      name: 'drizzle relational findMany and Kysely execute',
      code: `
import { db } from './db';
import { kdb } from './kysely';
export async function campaignData(campaignId: string) {
  const recipients = await db.query.recipients.findMany({ where: eq(recipients.campaignId, campaignId) });
  const events = await kdb.selectFrom('email_events').select(['id', 'type']).where('campaign_id', '=', campaignId).execute();
  return { recipients, events };
}`,
      errors: [
        { messageId: 'missing', line: 5 },
        { messageId: 'missing', line: 6 },
      ],
    },
    {
      name: 'a non-unique column in the reviewed schema is a list',
      path: 'src/services/users.ts',
      files: { 'src/db/schema.ts': SCHEMA },
      code: `
import { db } from '../db';
import { users } from '../db/schema';
export async function usersOf(appId: string) {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.appId, appId));
  return rows;
}`,
      errors: [{ messageId: 'missing', line: 5 }],
    },
  ],
});
