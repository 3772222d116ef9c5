import rule from '../../src/rules/no-select-star.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the specification: drizzle select with the columns the page shows',
      code: `
import { db } from '../db';
export async function list(appId: string) {
  return db.select({ id: emails.id, subject: emails.subject, status: emails.status }).from(emails)
    .where(eq(emails.appId, appId)).limit(100);
}`,
    },
    {
      name: 'a drizzle count selects one aggregate, not the rows',
      code: `
import { count } from 'drizzle-orm';
import { db } from '../db';
export async function total(appId: string) {
  const [row] = await db.select({ count: count() }).from(emails).where(eq(emails.appId, appId));
  return row.count;
}`,
    },
    {
      name: 'count(*) and EXISTS (SELECT * …) name no column the client receives',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function stats(appId: string) {
  const total = await pool.query('SELECT count(*) FROM emails WHERE app_id = $1', [appId]);
  const bounced = await pool.query(
    'SELECT EXISTS (SELECT * FROM email_events WHERE app_id = $1 AND type = $2) AS bounced', [appId, 'bounce']);
  return { total: total.rows[0].count, bounced: bounced.rows[0].bounced };
}`,
    },
    {
      name: 'drizzle relational query with a column list',
      code: `
import { db } from '../db';
export async function recent(appId: string) {
  return db.query.emails.findMany({ columns: { id: true, subject: true }, where: eq(emails.appId, appId), limit: 50 });
}`,
    },
    {
      name: 'a select() of d3 and a DOM helper are not database queries',
      code: `
import * as d3 from 'd3';
import { $ } from './dom';
export function draw(ids: string[]) {
  d3.select('#chart').selectAll('rect').data(ids).enter().append('rect');
  return $.select('li').from('#list');
}`,
    },
    {
      name: 'SQL in a comment and in a log line, never sent to the database',
      code: `
import { logger } from './logger';
import { pool } from './pool';
// Used to be: SELECT * FROM emails WHERE app_id = $1
export async function list(appId: string) {
  logger.info('replaced SELECT * FROM emails with an explicit column list');
  return pool.query('SELECT id, status FROM emails WHERE app_id = $1 LIMIT 100', [appId]);
}`,
    },
    {
      name: 'INSERT … SELECT * copies rows inside PostgreSQL; nothing reaches the client',
      code: `
import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL!);
export async function archive(before: Date) {
  await sql\`INSERT INTO emails_archive SELECT * FROM emails WHERE created_at < \${before}\`;
}`,
    },
    {
      name: 'a CTE may select * when the outer query names its columns',
      code: `
import { prisma } from './prisma';
export async function latest(appId: string) {
  return prisma.$queryRaw\`
    WITH recent AS (SELECT * FROM emails WHERE app_id = \${appId} ORDER BY created_at DESC LIMIT 100)
    SELECT id, status FROM recent\`;
}`,
    },
    {
      name: 'knex and Kysely queries that name their columns',
      code: `
import knex from 'knex';
import { Kysely } from 'kysely';
const pg = knex({ client: 'pg' });
const k = new Kysely<Database>({ dialect });
export async function owners(ids: string[]) {
  const a = await pg('users').whereIn('id', ids).select('id', 'email');
  const b = await pg('users').whereIn('id', ids).pluck('email');
  const c = await k.selectFrom('users').select(['id', 'email']).where('id', 'in', ids).execute();
  return [a, b, c];
}`,
    },
    {
      name: 'a drizzle subquery in exists(): PostgreSQL reads no column of it',
      code: `
import { exists } from 'drizzle-orm';
import { db } from '../db';
export async function withBounces() {
  return db.select({ id: emails.id }).from(emails)
    .where(exists(db.select().from(emailEvents).where(eq(emailEvents.emailId, emails.id))));
}`,
    },
    {
      name: 'select() over a subquery that already names its columns',
      code: `
import { db } from '../db';
export async function latestPerApp() {
  const latest = db.select({ appId: emails.appId, sentAt: max(emails.sentAt).as('sent_at') })
    .from(emails).groupBy(emails.appId).as('latest');
  return db.select().from(latest).limit(100);
}`,
    },
    {
      name: 'knex increment is a write, not a read without columns',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function countOpen(id: string) {
  await db('emails').where({ id }).increment('opens', 1);
}`,
    },
    {
      name: 'writes return what they wrote; RETURNING * is not a read',
      code: `
import { pool } from './pool';
export async function create(subject: string) {
  return pool.query('INSERT INTO emails (subject) VALUES ($1) RETURNING *', [subject]);
}`,
    },
  ],
  invalid: [
    {
      name: 'the specification: drizzle select() reads html_body with every row',
      code: `
import { db } from '../db';
export async function list() {
  const rows = await db.select().from(emails).limit(100);
  return rows;
}`,
      errors: [{ messageId: 'drizzle', line: 4 }],
    },
    {
      name: 'selectDistinct() with no columns, reported where the chain starts',
      code: `
import { db } from '../db';
export async function senders(appId: string) {
  return db
    .selectDistinct()
    .from(emails)
    .where(eq(emails.appId, appId));
}`,
      errors: [{ messageId: 'drizzle', line: 4 }],
    },
    {
      name: 'one row by id still reads the whole row: the tracking pixel runs per open',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function status(id: string) {
  const { rows } = await pool.query('SELECT * FROM emails WHERE id = $1 LIMIT 1', [id]);
  return rows[0]?.status;
}`,
      errors: [{ messageId: 'sql', line: 5 }],
    },
    {
      name: 'postgres.js: e.* of a join',
      code: `
import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL!);
export async function withApp(appId: string) {
  return sql\`SELECT e.*, a.name FROM emails e JOIN apps a ON a.id = e.app_id WHERE a.id = \${appId} LIMIT 100\`;
}`,
      errors: [{ messageId: 'sql', line: 5 }],
    },
    {
      name: 'Prisma raw query',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function failed() {
  return prisma.$queryRaw\`SELECT * FROM "Email" WHERE status = 'failed' LIMIT 500\`;
}`,
      errors: [{ messageId: 'sql', line: 5 }],
    },
    {
      name: "knex select('*') and a knex read with no select at all",
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function load(id: string) {
  const all = await db.select('*').from('emails').limit(100);
  const one = await db('emails').where({ id }).first();
  return { all, one };
}`,
      errors: [
        { messageId: 'knex', line: 5 },
        { messageId: 'knex', line: 6 },
      ],
    },
    {
      name: 'Kysely selectAll()',
      code: `
import { Kysely } from 'kysely';
const db = new Kysely<Database>({ dialect });
export async function list(appId: string) {
  return db.selectFrom('emails').selectAll().where('app_id', '=', appId).limit(100).execute();
}`,
      errors: [{ messageId: 'kysely', line: 5 }],
    },
    {
      name: 'drizzle db.execute with raw SQL',
      code: `
import { sql } from 'drizzle-orm';
import { db } from '../db';
export async function dump(appId: string) {
  return db.execute(sql\`select * from emails where app_id = \${appId}\`);
}`,
      errors: [{ messageId: 'sql', line: 5 }],
    },
  ],
});
